import { jsonOf, runAffilBox, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

/**
 * The same item twice: a user's Retry of a failed execution (n8n runs it in mode `retry` and runs
 * the failed node again for every item), or, with Options → Skip If Already Done, a batch its
 * caller sends again (e.g. after HTTP 500 from a run whose worker died: test/e2e/queue.e2e.test.js).
 * What was done before must not be done twice.
 */
const sandbox = useAffilBoxSandbox();

const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.transactionId);
const calls = () => sandbox().requests.map((request) => request.method);

describe('Conversion → Approve or Reject, retried', () => {
	const confirm = { resource: 'conversion', operation: 'confirm', conversionId: '={{ $json.id }}' };

	it('leaves a conversion already in the decided state as it is, and decides the others', async () => {
		// OBJ-2026-0002 is authorized already (by the run before); OBJ-2026-0001 still waits.
		const result = await runAffilBox(
			sandbox(),
			{ ...confirm, decision: 'approve' },
			{ mode: 'retry', inputItems: [{ id: 'OBJ-2026-0002' }, { id: 'OBJ-2026-0001' }] },
		);
		expect(result.error).toBeUndefined();
		expect(ids(jsonOf(result))).toEqual(['OBJ-2026-0002', 'OBJ-2026-0001']);
		expect(jsonOf(result).map((item) => item.state)).toEqual(['authorized', 'authorized']);
		expect(calls().sort()).toEqual(['ConfirmConversion', 'GetConversions', 'GetConversions']);
		const confirmed = sandbox().requests.filter((r) => r.method === 'ConfirmConversion');
		expect(confirmed.map((r) => r.params.conversion_id)).toEqual(['OBJ-2026-0001']);
	});

	it('a rejection looks for a rejected conversion', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ ...confirm, decision: 'reject' },
			{ mode: 'retry', inputItems: [{ id: 'OBJ-2025-0003' }, { id: 'OBJ-2026-0002' }] },
		);
		expect(jsonOf(result).map((item) => item.state)).toEqual(['rejection', 'rejection']);
		const confirmed = sandbox().requests.filter((r) => r.method === 'ConfirmConversion');
		expect(confirmed.map((r) => r.params.conversion_id)).toEqual(['OBJ-2026-0002']);
	});

	it('with Skip If Already Done, a batch sent again outside a retry is safe too', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ ...confirm, decision: 'approve', options: { skipIfAlreadyDone: true } },
			{ inputItems: [{ id: 'OBJ-2026-0002' }, { id: 'OBJ-2026-0001' }] },
		);
		expect(jsonOf(result).map((item) => item.state)).toEqual(['authorized', 'authorized']);
		const confirmed = sandbox().requests.filter((r) => r.method === 'ConfirmConversion');
		expect(confirmed.map((r) => r.params.conversion_id)).toEqual(['OBJ-2026-0001']);
	});

	it('outside a retry, it asks nothing first', async () => {
		await runAffilBox(
			sandbox(),
			{ ...confirm, decision: 'approve' },
			{ inputItems: [{ id: 'OBJ-2026-0002' }] },
		);
		expect(calls()).toEqual(['ConfirmConversion']);
	});
});

describe('Conversion → Add, retried', () => {
	const add = {
		resource: 'conversion',
		operation: 'add',
		partnerId: 'jdvorak',
		campaignId: '11',
		conversionId: '={{ $json.id }}',
		value: 10,
	};

	it('does not add again what the run before added (same transaction ID and campaign)', async () => {
		await runAffilBox(sandbox(), add, { inputItems: [{ id: 'RETRY-1' }] });
		const before = sandbox().store.conversions.length;
		const result = await runAffilBox(sandbox(), add, {
			mode: 'retry',
			inputItems: [{ id: 'RETRY-1' }, { id: 'RETRY-2' }],
		});
		expect(result.error).toBeUndefined();
		expect(ids(jsonOf(result))).toEqual(['RETRY-1', 'RETRY-2']);
		expect(sandbox().store.conversions.length).toBe(before + 1);
		const added = sandbox().requests.filter((r) => r.method === 'AddConversion');
		expect(added.map((r) => r.params.conversion_id)).toEqual(['RETRY-1', 'RETRY-2']);
	});

	it('with Skip If Already Done, a batch sent again outside a retry adds nothing twice', async () => {
		const skipping = { ...add, options: { skipIfAlreadyDone: true } };
		await runAffilBox(sandbox(), skipping, { inputItems: [{ id: 'AGAIN-1' }] });
		const before = sandbox().store.conversions.length;
		const result = await runAffilBox(sandbox(), skipping, {
			inputItems: [{ id: 'AGAIN-1' }, { id: 'AGAIN-2' }],
		});
		expect(ids(jsonOf(result))).toEqual(['AGAIN-1', 'AGAIN-2']);
		expect(sandbox().store.conversions.length).toBe(before + 1);
	});

	it('adds one of the same transaction ID in another campaign', async () => {
		await runAffilBox(sandbox(), add, { inputItems: [{ id: 'RETRY-3' }] });
		const result = await runAffilBox(
			sandbox(),
			{ ...add, campaignId: '12' },
			{ mode: 'retry', inputItems: [{ id: 'RETRY-3' }] },
		);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ transactionId: 'RETRY-3', campaignId: '12' }),
		]);
		expect(sandbox().store.conversions.filter((c) => c.transactionId === 'RETRY-3')).toHaveLength(
			2,
		);
	});
});

describe('Bonus → Add, retried', () => {
	const bonus = {
		resource: 'bonus',
		operation: 'add',
		partnerId: 'jdvorak',
		text: 'Top',
		value: 50,
	};

	it('credits nothing and says why: AffilBox cannot tell whether the run before credited it', async () => {
		const before = sandbox().store.bonuses.length;
		const result = await runAffilBox(sandbox(), bonus, { mode: 'retry', continueOnFail: true });
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				error:
					'Bonus not credited: this run retries an execution, and AffilBox cannot tell whether the run before credited it',
			}),
		]);
		expect(sandbox().store.bonuses.length).toBe(before);
		expect(calls()).toEqual([]);
	});

	it('outside a retry, it credits the bonus', async () => {
		const before = sandbox().store.bonuses.length;
		const result = await runAffilBox(sandbox(), bonus);
		expect(result.error).toBeUndefined();
		expect(sandbox().store.bonuses.length).toBe(before + 1);
	});
});

describe('Custom Call → Custom Method, retried', () => {
	const custom = (method: string) => ({
		resource: 'customCall',
		operation: 'customMethod',
		method,
		parameters: { parameter: [{ name: 'partner_id', value: 'jdvorak' }] },
	});

	it('sends no method the node does not know, and says why', async () => {
		const result = await runAffilBox(sandbox(), custom('AddBonus'), {
			mode: 'retry',
			continueOnFail: true,
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				error:
					'Custom method not sent: this run retries an execution, and AffilBox cannot tell whether the run before did it',
			}),
		]);
		expect(calls()).toEqual([]);
	});

	it('sends a method that only reads', async () => {
		const result = await runAffilBox(sandbox(), custom('GetPartner'), { mode: 'retry' });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['GetPartner']);
	});
});
