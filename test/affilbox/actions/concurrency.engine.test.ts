import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runAffilBox, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

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

type Call = { method: string; params: Record<string, string> };
const conversionIdOf = (call: unknown) => (call as Call).params.conversion_id;

/**
 * Proven by counting, not timing: the sandbox holds calls at its door until k wait at once (so k
 * were in flight together), and its gauge shows that never more were.
 */
describe('Requests in Parallel', () => {
	it('never more than k at once; output and pairing follow the input even when answers come back out of order', async () => {
		const input = items(24, 'PAR');
		// The first four wait for each other, then are answered last-come first.
		const held = sandbox().hold({ count: 4, order: 'reverse' });
		const result = await runAffilBox(sandbox(), addConversion({ requestsInParallel: 4 }), {
			inputItems: input,
		});
		expect(result.error).toBeUndefined();
		expect(held).toMatchObject({ held: 4, timedOut: false });
		expect(sandbox().concurrency.peak).toBe(4);
		// AffilBox stored the first four in the order it answered them: not the input order.
		expect(held.released).toEqual(sandbox().requests.slice(0, 4).reverse());
		expect(
			sandbox()
				.store.conversions.filter((c) => c.transactionId.startsWith('PAR-'))
				.slice(0, 4)
				.map((c) => c.transactionId),
		).toEqual(held.released.map(conversionIdOf));
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
	])('option %p with %p items: exactly %p at once', async (requestsInParallel, count, peak) => {
		const held = sandbox().hold({ count: peak });
		const options = requestsInParallel === undefined ? {} : { requestsInParallel };
		const input = items(count, `K${String(requestsInParallel)}`);
		const result = await runAffilBox(sandbox(), addConversion(options), { inputItems: input });
		expect(result.error).toBeUndefined();
		// As many as the option allows were in flight together, and never more.
		expect(held).toMatchObject({ held: peak, timedOut: false });
		expect(sandbox().concurrency.peak).toBe(peak);
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
		// Item 1 is held at the door, so item 2 is the third call to arrive, and fails while item 1
		// is under way. Correct, no other call comes: item 1 goes on after the (generous) bound. A
		// call started after the failure would be held next to it, end the wait at once and show up.
		const held = sandbox().hold({
			count: 2,
			boundMs: 3000,
			only: (call) => !['STOP-0', 'STOP-2'].includes(conversionIdOf(call)),
		});
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
		expect(held).toMatchObject({ held: 1, timedOut: true });
	});

	it('with Continue On Fail every item gets its own answer or error, in input order', async () => {
		const partners = ['zofie', 'nobody-1', 'jdvorak', 'nobody-2', 'kveta', 'petr.novak'];
		// The first five (the default) wait for each other and are answered in reverse.
		const held = sandbox().hold({ count: 5, order: 'reverse' });
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
		expect(held).toMatchObject({ held: 5, timedOut: false });
	});
});
