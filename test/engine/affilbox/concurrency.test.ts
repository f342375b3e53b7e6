import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runAffilBox, useAffilBoxSandbox } from './affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();

const addConversion = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'conversion',
	operation: 'add',
	partnerId: 'jdvorak',
	campaignId: '11',
	conversionId: '={{ $json.id }}',
	value: '={{ $json.value }}',
	options,
});
const items = (count: number, prefix: string) =>
	Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${index}`, value: index + 1 }));

/** Later items answer sooner: a call's latency falls as its item index grows. */
function fallingLatency(maxMs: number) {
	const finishes: Array<{ id: string; at: number }> = [];
	sandbox().setLatency((request) => {
		const index = Number(request.params.conversion_id.split('-').at(-1));
		const delay = Math.max(0, maxMs - (index % 8) * (maxMs / 8));
		finishes.push({ id: request.params.conversion_id, at: Date.now() + delay });
		return delay;
	});
	return () => [...finishes].sort((a, b) => a.at - b.at).map((finish) => finish.id);
}

describe('Requests in Parallel', () => {
	it('never more than k at once; output and pairing follow the input even when answers come back out of order', async () => {
		const input = items(24, 'PAR');
		const finishOrder = fallingLatency(48);
		const result = await runAffilBox(sandbox(), addConversion({ requestsInParallel: 4 }), {
			inputItems: input,
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().concurrency.peak).toBe(4);
		expect(finishOrder()).not.toEqual(input.map((item) => item.id));
		expect(jsonOf(result).map((conversion) => conversion.transactionId)).toEqual(
			input.map((item) => item.id),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			input.map((_, index) => ({ item: index })),
		);
		expect(jsonOf(result).map((conversion) => conversion.value)).toEqual(
			input.map((item) => String(item.value)),
		);
	});

	it.each([
		[undefined, 12, 5],
		[1, 6, 1],
		[50, 60, 50],
	])('option %p with %p items: at most %p at once', async (requestsInParallel, count, peak) => {
		sandbox().setLatency(100);
		const options = requestsInParallel === undefined ? {} : { requestsInParallel };
		const input = items(count, `K${String(requestsInParallel)}`);
		const result = await runAffilBox(sandbox(), addConversion(options), { inputItems: input });
		expect(result.error).toBeUndefined();
		// Never more than the option; and clearly more than one at a time, though on a loaded machine
		// the last of the allowed requests may not have arrived before the first answers go out.
		expect(sandbox().concurrency.peak).toBeLessThanOrEqual(peak);
		expect(sandbox().concurrency.peak).toBeGreaterThanOrEqual(Math.ceil(peak * 0.6));
		expect(jsonOf(result).map((conversion) => conversion.transactionId)).toEqual(
			input.map((item) => item.id),
		);
	});

	it.each([0, 51, 2.5, '={{ "many" }}'])(
		'refuses %p before any request, naming the option',
		async (value) => {
			const result = await runAffilBox(sandbox(), addConversion({ requestsInParallel: value }), {
				inputItems: items(3, 'BAD'),
			});
			expect(result.error?.message).toMatch(
				/^Requests in Parallel must be a whole number from 1 to 50, got /,
			);
			expect(sandbox().requests).toHaveLength(0);
		},
	);

	it('bad input in any item fails before any request is sent', async () => {
		const input = items(6, 'IN');
		input[4].value = 'five' as unknown as number;
		const result = await runAffilBox(sandbox(), addConversion(), { inputItems: input });
		expect(result.error?.message).toBe('Commission must be a number, got "five"');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('without Continue On Fail a failed call stops the run: no further call starts, the error is the failing item', async () => {
		// Item 1 is slow, so item 2 is clearly the third call to arrive, and fails while item 1 runs.
		sandbox().setLatency((request) => (request.params.conversion_id === 'STOP-1' ? 150 : 10));
		sandbox().injectFault({ skip: 2, status: 500, body: 'boom' });
		const result = await runAffilBox(sandbox(), addConversion({ requestsInParallel: 2 }), {
			inputItems: items(12, 'STOP'),
		});
		expect(result.error?.message).toBe(
			'AddConversion for item 2 may have been applied: check AffilBox before running it again',
		);
		// Item 1 was awaited (it was under way), nothing after item 2 was sent.
		expect(sandbox().requests.map((request) => request.params.conversion_id)).toEqual([
			'STOP-0',
			'STOP-1',
			'STOP-2',
		]);
		expect(sandbox().store.conversions.some((c) => c.transactionId === 'STOP-1')).toBe(true);
	});

	it('with Continue On Fail every item gets its own answer or error, in input order', async () => {
		const partners = ['zofie', 'nobody-1', 'jdvorak', 'nobody-2', 'kveta', 'petr.novak'];
		sandbox().setLatency((request) => (request.params.partner_id.startsWith('nobody') ? 0 : 30));
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'partner', operation: 'get', partnerId: '={{ $json.partner }}' },
			{ continueOnFail: true, inputItems: partners.map((partner) => ({ partner })) },
		);
		expect(
			result.items.map((item) => [
				item.pairedItem,
				(item.json.person as { affilid?: string } | undefined)?.affilid ?? String(item.json.error),
			]),
		).toEqual([
			[{ item: 0 }, 'zofie'],
			[{ item: 1 }, expect.stringMatching(/^AffilBox error 404: /)],
			[{ item: 2 }, 'jdvorak'],
			[{ item: 3 }, expect.stringMatching(/^AffilBox error 404: /)],
			[{ item: 4 }, 'kveta'],
			[{ item: 5 }, 'petr.novak'],
		]);
	});
});
