import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';
import { AffilBoxTrigger } from '../../../nodes/AffilBox/AffilBoxTrigger.node';
import { simplifyConversion } from '../../../nodes/AffilBox/helpers/simplifyConversion';
import { parameterShape, withoutLaterAdditions } from '../../support/harness/parameterShape';
import { useSandbox } from '../../support/harness/useSandbox';
import { startAffilBoxSandbox } from '../../support/sandbox/affilbox';
import v2Parameters from '../../fixtures/affilbox/node-v2-parameters.json';
import savedWithV2 from '../../fixtures/affilbox/workflow-saved-with-v2.json';
import { jsonOf, runAffilBox, runOnSeed, sentCalls } from '../../support/workflows/affilBoxWorkflow';

/**
 * Version 3 of the AffilBox node: the transaction ID under one name per type (Add's text field
 * `newTransactionId`, the picker `transactionId`), and Simplify's states in the editor's words.
 * Version 2 keeps its fields, names and output.
 */
const sandbox = useSandbox(() =>
	startAffilBoxSandbox({ port: 0, now: () => new Date('2026-03-02T09:30:00Z') }),
);
const ZONE = 'Europe/Prague';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const runFresh = (parameters: INodeParameters, typeVersion: number) =>
	runOnSeed(sandbox(), parameters, typeVersion);

describe('versions', () => {
	it('new nodes get version 3', () => {
		expect(new AffilBox().description.version).toEqual([1, 2, 3]);
		expect(new AffilBox().description.defaultVersion).toBe(3);
	});

	it('version 2 offers exactly the fields, types, defaults and choices it offered before version 3', () => {
		expect(withoutLaterAdditions(parameterShape(new AffilBox(), 2))).toEqual(v2Parameters.affilBox);
	});

	it('the AffilBox Trigger offers the fields of its versions 2 and 3 as before', () => {
		expect(withoutLaterAdditions(parameterShape(new AffilBoxTrigger(), 2))).toEqual(
			v2Parameters.affilBoxTrigger['2'],
		);
		expect(withoutLaterAdditions(parameterShape(new AffilBoxTrigger(), 3))).toEqual(
			v2Parameters.affilBoxTrigger['3'],
		);
	});
});

/** The same call in version 2's names and version 3's. */
const CASES: Array<{ name: string; v2: INodeParameters; v3: INodeParameters }> = [
	{
		name: 'Conversion → Add',
		v2: {
			partnerId: byId('zofie'),
			campaignId: byId('12'),
			conversionId: 'NEW-1',
			value: 55.5,
		},
		v3: {
			partnerId: byId('zofie'),
			campaignId: byId('12'),
			newTransactionId: 'NEW-1',
			value: 55.5,
		},
	},
	{
		name: 'Conversion → Confirm or Reject',
		v2: { operation: 'confirm', conversionId: byId('OBJ-2025-0002'), decision: 'reject' },
		v3: { operation: 'confirm', transactionId: byId('OBJ-2025-0002'), decision: 'reject' },
	},
	{
		name: 'Conversion → Get',
		v2: { operation: 'get', conversionId: byId('OBJ-2025-0003') },
		v3: { operation: 'get', transactionId: byId('OBJ-2025-0003') },
	},
	{
		name: 'Conversion → Update',
		v2: {
			operation: 'update',
			conversionId: byId('OBJ-2025-0004'),
			updateFields: { state: 'rejection' },
		},
		v3: {
			operation: 'update',
			transactionId: byId('OBJ-2025-0004'),
			updateFields: { state: 'rejection' },
		},
	},
	{
		name: 'Conversion → Get Many',
		v2: { operation: 'getMany', returnAll: true, filters: { state: 'rejection' } },
		v3: { operation: 'getMany', returnAll: true, filters: { state: 'rejection' } },
	},
];

describe.each(CASES)('$name', ({ v2, v3 }) => {
	it('version 3 sends what version 2 sends; with Simplify off it outputs the same', async () => {
		const old = await runFresh({ ...v2, simplify: false }, 2);
		expect(old.result.error).toBeUndefined();
		const now = await runFresh({ ...v3, simplify: false }, 3);
		expect(now.result.error).toBeUndefined();
		expect(now.sent).toEqual(old.sent);
		expect(now.result.items).toEqual(old.result.items);
	});

	it('with Simplify, version 2 says "rejection" as AffilBox does, version 3 "rejected"', async () => {
		const old = await runFresh(v2, 2);
		const now = await runFresh(v3, 3);
		const asSent = (await runFresh({ ...v2, simplify: false }, 2)).result;
		expect(jsonOf(old.result)).toEqual(
			jsonOf(asSent).map((record) => simplifyConversion(record, ZONE)),
		);
		expect(jsonOf(now.result)).toEqual(
			jsonOf(old.result).map((record) =>
				record.state === 'rejection' ? { ...record, state: 'rejected' } : record,
			),
		);
		expect(jsonOf(now.result).map((record) => record.state)).not.toContain('rejection');
	});
});

describe('version 3 names the fields after the transaction ID', () => {
	it('an empty transaction ID is refused naming the field, before any call', async () => {
		const add = await runFresh(
			{ partnerId: byId('zofie'), campaignId: byId('12'), newTransactionId: ' ', value: 1 },
			3,
		);
		expect(add.result.error?.message).toBe('Transaction ID is required');
		const get = await runFresh({ operation: 'get', transactionId: byId(' ') }, 3);
		expect(get.result.error?.message).toBe('Transaction ID is required');
		expect(sandbox().requests).toHaveLength(0);
	});

	it("version 2's name means nothing to version 3: n8n sees the required Conversion missing", async () => {
		await expect(
			runFresh({ operation: 'get', conversionId: byId('OBJ-2025-0003') }, 3),
		).rejects.toThrow('The workflow has issues and cannot be executed');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('a workflow saved with version 2 runs as before', () => {
	it('each node sends what it sent and outputs "rejection" for a rejected conversion', async () => {
		sandbox().reset();
		const outputs: Record<string, IDataObject[]> = {};
		for (const node of savedWithV2.nodes) {
			const result = await runAffilBox(sandbox(), node.parameters as INodeParameters, {
				typeVersion: node.typeVersion,
			});
			expect(result.error).toBeUndefined();
			outputs[node.name] = jsonOf(result);
		}
		expect(sentCalls(sandbox())).toEqual([
			{
				method: 'AddConversion',
				params: {
					partner_id: 'zofie',
					campaign_id: '12',
					conversion_id: 'V2-ORDER-1',
					value: '49.9',
					orderValue: '499',
				},
			},
			{ method: 'ConfirmConversion', params: { conversion_id: 'OBJ-2026-0001', value: 'false' } },
			{ method: 'GetConversion', params: { conversion_id: 'OBJ-2025-0003' } },
			{
				method: 'UpdateConversion',
				params: { conversion_id: 'OBJ-2025-0002', note: 'saved with version 2' },
			},
		]);
		expect(outputs['Reject Conversion'][0]).toMatchObject({
			transactionId: 'OBJ-2026-0001',
			state: 'rejection',
		});
		expect(outputs['Rejected Conversion'][0]).toMatchObject({
			transactionId: 'OBJ-2025-0003',
			state: 'rejection',
			createdAt: '2025-03-11T10:50:50+01:00',
		});
	});
});

describe("State typed in an expression: AffilBox's value or the choice's label", () => {
	it.each([
		[1, 'Rejected'],
		[2, 'rejected'],
		[3, 'Rejected'],
		[3, 'rejection'],
	])('version %i reads "%s" as the Rejected state', async (typeVersion, typed) => {
		const { result, sent } = await runFresh(
			{ operation: 'getMany', returnAll: true, filters: { state: `={{ "${typed}" }}` } },
			typeVersion,
		);
		expect(result.error).toBeUndefined();
		expect(new Set(sent.map((call) => call.params.filter_state))).toEqual(new Set(['rejection']));
		expect(jsonOf(result).length).toBeGreaterThan(0);
	});

	it('anything else is refused naming the choices as the editor shows them, before any call', async () => {
		const { result } = await runFresh(
			{ operation: 'getMany', returnAll: true, filters: { state: '={{ "declined" }}' } },
			3,
		);
		expect(result.error?.message).toBe(
			'State must be one of Authorized ("authorized"), Invoiced ("invoiced"), Rejected ("rejection"), Waiting ("waiting"), got "declined"',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
