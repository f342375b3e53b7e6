import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';
import { AffilBoxTrigger } from '../../../nodes/AffilBox/AffilBoxTrigger.node';
import { simplifyConversion } from '../../../nodes/AffilBox/helpers/simplifyConversion';
import { simplifyPartner } from '../../../nodes/AffilBox/helpers/simplifyPartner';
import { useSandbox } from '../../support/harness/useSandbox';
import { parameterShape, withoutLaterAdditions } from '../../support/harness/parameterShape';
import { startAffilBoxSandbox } from '../../support/sandbox/affilbox';
import v1Parameters from '../../fixtures/affilbox/node-v1-parameters.json';
import simplifiedConversion1002 from '../../fixtures/affilbox/simplified-conversion-1002.json';
import { jsonOf, lastCall, runAffilBox, runOnSeed, sentCalls } from '../../support/workflows/affilBoxWorkflow';

// A fixed clock, so that a write's confirmation date is the same in two runs.
const sandbox = useSandbox(() =>
	startAffilBoxSandbox({ port: 0, now: () => new Date('2026-03-02T09:30:00Z') }),
);
const ZONE = 'Europe/Prague';

/** A picker value as the editor stores it. */
const list = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: 'x' });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const runFresh = (parameters: INodeParameters, typeVersion: number) =>
	runOnSeed(sandbox(), parameters, typeVersion);

describe('version 1 is kept', () => {
	it('offers exactly the fields, types, defaults and choices it offered before version 2', () => {
		// Skip If Already Done and the triggers' Options came later to every version (off or empty
		// when unset, as in every saved node): everything else is as pinned.
		expect(withoutLaterAdditions(parameterShape(new AffilBox(), 1))).toEqual(v1Parameters.affilBox);
		expect(withoutLaterAdditions(parameterShape(new AffilBoxTrigger(), 1))).toEqual(
			v1Parameters.affilBoxTrigger,
		);
	});

	it('every trigger version has the same Options', () => {
		const optionsOf = (version: number) =>
			(
				parameterShape(new AffilBoxTrigger(), version)[''] as { fields: Array<{ name: string }> }
			).fields.find((field) => field.name === 'options');
		expect(optionsOf(1)).toBeDefined();
		expect(optionsOf(2)).toEqual(optionsOf(1));
		expect(optionsOf(3)).toEqual(optionsOf(1));
		expect(optionsOf(4)).toEqual(optionsOf(1));
	});
});

/**
 * Each operation with the same values, as version 1 stores them and as version 2's pickers store
 * them. Simplify off, version 2 must send the same and output the same as version 1.
 */
const CASES: Array<{
	name: string;
	v1: INodeParameters;
	v2: INodeParameters;
	simplify?: 'conversion' | 'partner';
}> = [
	{
		name: 'Conversion → Add',
		v1: {
			resource: 'conversion',
			operation: 'add',
			partnerId: 'zofie',
			campaignId: '12',
			conversionId: 'NEW-1',
			value: 55.5,
			additionalFields: { orderValue: 555, note: 'first order' },
		},
		v2: {
			resource: 'conversion',
			operation: 'add',
			partnerId: list('zofie'),
			campaignId: byId('12'),
			conversionId: 'NEW-1',
			value: 55.5,
			additionalFields: { orderValue: 555, note: 'first order' },
		},
		simplify: 'conversion',
	},
	{
		name: 'Conversion → Confirm or Reject',
		v1: {
			resource: 'conversion',
			operation: 'confirm',
			conversionId: 'OBJ-2025-0002',
			additionalFields: { note: 'paid by card' },
		},
		v2: {
			resource: 'conversion',
			operation: 'confirm',
			conversionId: byId('OBJ-2025-0002'),
			additionalFields: { note: 'paid by card' },
		},
		simplify: 'conversion',
	},
	{
		name: 'Conversion → Get',
		v1: { resource: 'conversion', operation: 'get', conversionId: 'OBJ-2025-0001' },
		v2: { resource: 'conversion', operation: 'get', conversionId: list('OBJ-2025-0001') },
		simplify: 'conversion',
	},
	{
		name: 'Conversion → Get Many',
		v1: {
			resource: 'conversion',
			operation: 'getMany',
			returnAll: true,
			filters: { campaignId: '11', state: 'authorized' },
		},
		v2: {
			resource: 'conversion',
			operation: 'getMany',
			returnAll: true,
			filters: { campaignId: list('11'), state: 'authorized' },
		},
		simplify: 'conversion',
	},
	{
		name: 'Conversion → Update',
		v1: {
			resource: 'conversion',
			operation: 'update',
			conversionId: 'OBJ-2025-0100',
			updateFields: { campaignId: '12', commission: 99, partnerId: 'kveta' },
		},
		v2: {
			resource: 'conversion',
			operation: 'update',
			conversionId: byId('OBJ-2025-0100'),
			updateFields: { campaignId: list('12'), commission: 99, partnerId: byId('kveta') },
		},
		simplify: 'conversion',
	},
	{
		name: 'Bonus → Add',
		v1: { resource: 'bonus', operation: 'add', partnerId: 'zofie', text: 'Thanks', value: 100 },
		v2: {
			resource: 'bonus',
			operation: 'add',
			partnerId: list('zofie'),
			text: 'Thanks',
			value: 100,
		},
	},
	{
		name: 'Partner → Get',
		v1: { resource: 'partner', operation: 'get', partnerId: 'jdvorak' },
		v2: { resource: 'partner', operation: 'get', partnerId: list('jdvorak') },
		simplify: 'partner',
	},
	{
		name: 'Partner → Get Many',
		v1: { resource: 'partner', operation: 'getMany', returnAll: true },
		v2: { resource: 'partner', operation: 'getMany', returnAll: true },
		simplify: 'partner',
	},
	{
		name: 'Partner → Get or Create',
		v1: { resource: 'partner', operation: 'getOrCreate', email: 'zofie.stastna@example.org' },
		v2: { resource: 'partner', operation: 'getOrCreate', email: 'zofie.stastna@example.org' },
		simplify: 'partner',
	},
	{
		name: 'Click → Add',
		v1: {
			resource: 'click',
			operation: 'add',
			partnerId: 'jdvorak',
			campaignId: '11',
			date: '2026-02-27 14:30',
			count: 3,
		},
		v2: {
			resource: 'click',
			operation: 'add',
			partnerId: byId('jdvorak'),
			campaignId: list('11'),
			date: '2026-02-27 14:30',
			count: 3,
		},
	},
	{
		name: 'Campaign → Get Many',
		v1: {
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
			filters: { partnerId: 'zofie' },
		},
		v2: {
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
			filters: { partnerId: list('zofie') },
		},
	},
];

describe.each(CASES)('$name in version 2', ({ v1, v2, simplify }) => {
	it('with Simplify off, sends and outputs exactly what version 1 does', async () => {
		const old = await runFresh(v1, 1);
		expect(old.result.error).toBeUndefined();
		expect(old.result.items.length).toBeGreaterThan(0);
		const now = await runFresh({ ...v2, simplify: false }, 2);
		expect(now.result.error).toBeUndefined();
		expect(now.sent).toEqual(old.sent);
		expect(now.result.items).toEqual(old.result.items);
	});

	it(
		simplify
			? 'by default outputs the records simplified'
			: 'by default outputs the records as sent (ten fields or fewer: no Simplify)',
		async () => {
			const old = await runFresh(v1, 1);
			const now = await runFresh(v2, 2);
			expect(now.sent).toEqual(old.sent);
			const mapper =
				simplify === 'conversion'
					? simplifyConversion
					: simplify === 'partner'
						? simplifyPartner
						: undefined;
			const expected = jsonOf(old.result).map((record) => (mapper ? mapper(record, ZONE) : record));
			expect(jsonOf(now.result)).toEqual(expected);
			expect(now.result.items.map((item) => item.pairedItem)).toEqual(
				old.result.items.map((item) => item.pairedItem),
			);
		},
	);
});

describe('Simplify output', () => {
	it('conversions: numbers and ISO dates with the licence offset, ready to map', async () => {
		const { result } = await runFresh(
			{ resource: 'conversion', operation: 'get', conversionId: byId('OBJ-2025-0002') },
			2,
		);
		expect(jsonOf(result)).toEqual([simplifiedConversion1002]);
	});

	it('a confirmation shows its date in the licence zone', async () => {
		const { result } = await runFresh(
			{ resource: 'conversion', operation: 'confirm', conversionId: byId('OBJ-2025-0002') },
			2,
		);
		expect(jsonOf(result)[0]).toMatchObject({
			state: 'authorized',
			confirmedAt: '2026-03-02T10:30:00+01:00',
		});
	});

	it('keeps the raw XML when Include Raw XML is on as well', async () => {
		const { result } = await runFresh(
			{
				resource: 'partner',
				operation: 'get',
				partnerId: byId('zofie'),
				options: { includeRawXml: true },
			},
			2,
		);
		expect(jsonOf(result)[0]).toMatchObject({
			affilId: 'zofie',
			rawXml: expect.stringContaining('<partner>'),
		});
	});
});

describe('pickers (resource locators) in each mode', () => {
	it('Campaign and Partner: from the list, by ID, or by an expression per item', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'click',
				operation: 'add',
				partnerId: byId('={{ $json.partner }}'),
				campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
				date: '2026-02-27 14:30',
				count: 1,
			},
			{
				typeVersion: 2,
				inputItems: [
					{ partner: 'zofie', campaign: 12 },
					{ partner: 'petr.novak@example.net', campaign: ' 13 ' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(
			sentCalls(sandbox()).map(({ params }) => [params.partner_id, params.campaign_id]),
		).toEqual([
			['zofie', '12'],
			['petr.novak@example.net', '13'],
		]);
	});

	it('Conversion: picked from the list or typed by transaction ID', async () => {
		for (const conversionId of [list('OBJ-2025-0004'), byId('OBJ-2025-0004')]) {
			sandbox().reset();
			const result = await runAffilBox(
				sandbox(),
				{ resource: 'conversion', operation: 'get', conversionId },
				{ typeVersion: 2 },
			);
			expect(result.error).toBeUndefined();
			expect(lastCall(sandbox()).params).toEqual({ conversion_id: 'OBJ-2025-0004' });
		}
	});

	it('an optional Campaign added but left empty sends nothing', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'confirm',
				conversionId: byId('OBJ-2025-0002'),
				additionalFields: { campaignId: { __rl: true, mode: 'list', value: '' } },
			},
			{ typeVersion: 2 },
		);
		expect(result.error).toBeUndefined();
		expect(lastCall(sandbox()).params).toEqual({ conversion_id: 'OBJ-2025-0002', value: 'true' });
	});

	it('an empty required picker: n8n refuses to run the node, which names the field itself for blanks', async () => {
		await expect(
			runAffilBox(sandbox(), { resource: 'partner', operation: 'get' }, { typeVersion: 2 }),
		).rejects.toThrow('The workflow has issues and cannot be executed');
		const blank = await runAffilBox(
			sandbox(),
			{ resource: 'partner', operation: 'get', partnerId: byId('  ') },
			{ typeVersion: 2 },
		);
		expect(blank.error?.message).toBe('Partner is required');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('no value is sent that nobody chose', () => {
	it('Bonus → Add: an amount left empty is refused, never sent as 0', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'bonus', operation: 'add', partnerId: list('zofie'), text: 'Thanks' },
			{ typeVersion: 2 },
		);
		expect(result.error?.message).toBe('Amount is required: enter an amount');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('an amount typed as 0 is sent', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'bonus', operation: 'add', partnerId: list('zofie'), text: 'Thanks', value: 0 },
			{ typeVersion: 2 },
		);
		expect(result.error).toBeUndefined();
		expect(lastCall(sandbox()).params.value).toBe('0');
	});

	it('an optional amount added but left empty asks to fill it in or remove it', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'update',
				conversionId: byId('OBJ-2025-0002'),
				updateFields: { commission: null, note: 'x' },
			},
			{ typeVersion: 2 },
		);
		expect(result.error?.message).toBe('Commission is required: enter an amount');
		expect((result.error as { description?: string }).description).toBe(
			'Enter the amount, or remove the field if it should not be sent.',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('State added but not chosen is not sent (no silent "Waiting")', async () => {
		await runAffilBox(
			sandbox(),
			{ resource: 'conversion', operation: 'getMany', returnAll: true, filters: { state: '' } },
			{ typeVersion: 2 },
		);
		expect(lastCall(sandbox()).params).toEqual({});

		const update = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'update',
				conversionId: byId('OBJ-2025-0002'),
				updateFields: { state: '' },
			},
			{ typeVersion: 2 },
		);
		expect(update.error?.message).toBe('Update Fields: add at least one field to change');
	});

	it('State from an expression must be a conversion state', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'update',
				conversionId: byId('OBJ-2025-0002'),
				updateFields: { state: '={{ "approved" }}' },
			},
			{ typeVersion: 2 },
		);
		expect(result.error?.message).toBe(
			'State must be one of Authorized ("authorized"), Invoiced ("invoiced"), Rejected ("rejection"), Waiting ("waiting"), got "approved"',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Get Many: one Transaction IDs filter', () => {
	it.each([
		['OBJ-2025-0001', { conversion_id: 'OBJ-2025-0001' }, ['OBJ-2025-0001']],
		[
			'OBJ-2025-0001; OBJ-2025-0004,\nOBJ-2025-0150',
			{ conversions_id: 'OBJ-2025-0001;OBJ-2025-0004;OBJ-2025-0150' },
			['OBJ-2025-0001', 'OBJ-2025-0004', 'OBJ-2025-0150'],
		],
	])('%p', async (transactionIds, params, found) => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'getMany',
				returnAll: true,
				filters: { transactionIds },
				simplify: false,
			},
			{ typeVersion: 2 },
		);
		expect(lastCall(sandbox()).params).toEqual(params);
		expect(jsonOf(result).map((record: IDataObject) => record.transactionId)).toEqual(found);
	});
});

describe('a transaction ID in several campaigns points to the Campaign field', () => {
	it.each([
		[2, 'confirm', 'additionalFields', 'Additional Fields → Campaign'],
		[1, 'confirm', 'additionalFields', 'Additional Fields → Campaign Name or ID'],
		[2, 'update', 'updateFields', 'Update Fields → Campaign'],
		[1, 'update', 'updateFields', 'Update Fields → Campaign Name or ID'],
	])('version %p, %p (%s): names "%s"', async (typeVersion, operation, collection, field) => {
		const conversionId = typeVersion === 2 ? byId('OBJ-2025-0100') : 'OBJ-2025-0100';
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'conversion', operation, conversionId, [collection]: { note: 'x' } },
			{ typeVersion },
		);
		expect(result.error?.message).toMatch(/Ambiguous conversion_id/);
		expect((result.error as { description?: string }).description).toBe(
			`This transaction ID exists in more than one campaign. Choose the campaign in "${field}" and run the node again.`,
		);
	});

	it('with Continue On Fail the error item carries the advice too', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'conversion', operation: 'confirm', conversionId: byId('OBJ-2025-0100') },
			{ typeVersion: 2, continueOnFail: true },
		);
		expect(jsonOf(result)[0].description).toMatch(/"Additional Fields → Campaign"/);
	});

	it('with the campaign given, the same call works', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'confirm',
				conversionId: byId('OBJ-2025-0100'),
				additionalFields: { campaignId: list('12') },
			},
			{ typeVersion: 2 },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0]).toMatchObject({ transactionId: 'OBJ-2025-0100', campaignId: '12' });
	});
});
