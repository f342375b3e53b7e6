import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	JANA,
	ORGANIC,
	jsonOf,
	runAffelios,
	useAffeliosSandbox,
	type RecordedRequest,
} from '../../support/workflows/affeliosWorkflow';

/**
 * Requests in Parallel, through the engine, proven by counting: the sandbox holds requests at its
 * door until k wait at once (so k were in flight together), its gauge shows that never more were,
 * and holding the first ones back and answering them in reverse makes answers arrive out of order.
 */
const sandbox = useAffeliosSandbox();

/** The first externalId of a request's body (bulk: of its batch), or its path. */
const firstExternalId = (request: unknown) => {
	const { body, path } = request as RecordedRequest;
	const first = (Array.isArray(body) ? body[0] : body) as IDataObject | undefined;
	return String(first?.externalId ?? path);
};

const signups = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ id: `par-${index}` }));

const createFromInput = (options: INodeParameters) => ({
	resource: 'customer',
	operation: 'create',
	externalId: '={{ $json.id }}',
	externalBrandId: 'shop-eu',
	registrationDate: '2024-05-01T12:00:00Z',
	options,
});

describe('per-item operations run in parallel, output in input order', () => {
	it('12 creates, 3 in parallel, answering out of order: 3 in flight, output = input order', async () => {
		const held = sandbox().hold({ count: 3, order: 'reverse' });
		const result = await runAffelios(sandbox(), createFromInput({ requestsInParallel: 3 }), {
			inputItems: signups(12),
		});
		expect(result.error).toBeUndefined();
		expect(held).toMatchObject({ held: 3, timedOut: false });
		expect(sandbox().concurrency.peak).toBe(3);
		// The first three were answered last-come first, and stored in that order.
		expect(held.released).toEqual(sandbox().requests.slice(0, 3).reverse());
		expect(
			sandbox()
				.store.customers.filter((c) => c.externalId.startsWith('par-'))
				.slice(0, 3)
				.map((c) => c.externalId),
		).toEqual(held.released.map(firstExternalId));
		expect(jsonOf(result).map((customer) => customer.externalId)).toEqual(
			signups(12).map((item) => item.id),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			signups(12).map((_, item) => ({ item })),
		);
		expect(sandbox().store.customers.filter((c) => c.externalId.startsWith('par-'))).toHaveLength(
			12,
		);
	});

	it('the default is 5 in parallel; 1 is one at a time', async () => {
		const held = sandbox().hold({ count: 5 });
		const gets = (options: INodeParameters) => ({
			resource: 'transaction',
			operation: 'get',
			transactionId: '={{ $json.id }}',
			options,
		});
		const inputItems = Array.from({ length: 12 }, () => ({ id: 'nope' }));
		await runAffelios(sandbox(), gets({}), { inputItems, continueOnFail: true });
		expect(held).toMatchObject({ held: 5, timedOut: false });
		expect(sandbox().concurrency.peak).toBe(5);
		sandbox().reset();
		await runAffelios(sandbox(), gets({ requestsInParallel: 1 }), {
			inputItems: inputItems.slice(0, 4),
			continueOnFail: true,
		});
		expect(sandbox().requests).toHaveLength(4);
		expect(sandbox().concurrency.peak).toBe(1);
	});

	it('with Continue On Fail, failures land at their own index, paired to their item', async () => {
		// The first four requests wait for each other and are answered in reverse.
		const held = sandbox().hold({ count: 4, order: 'reverse' });
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'customer',
				operation: 'get',
				customerId: '={{ $json.id }}',
				options: { requestsInParallel: 4 },
			},
			{
				inputItems: [JANA.id, 'nope-1', ORGANIC.id, '', 'nope-4', JANA.id].map((id) => ({ id })),
				continueOnFail: true,
			},
		);
		expect(result.items.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual([
			[{ item: 0 }, JANA.id],
			[
				{ item: 1 },
				"Affelios found nothing here (HTTP 404): Not Found – No customer with id 'nope-1'.",
			],
			[{ item: 2 }, ORGANIC.id],
			[{ item: 3 }, 'Customer ID is required'],
			[
				{ item: 4 },
				"Affelios found nothing here (HTTP 404): Not Found – No customer with id 'nope-4'.",
			],
			[{ item: 5 }, JANA.id],
		]);
		expect(held).toMatchObject({ held: 4, timedOut: false });
	});

	it('without Continue On Fail, the first failure stops new items; those in flight finish', async () => {
		// Item 0 is held at the door while item 1 fails. Correct, no other request comes: item 0
		// goes on after the (generous) bound. A request started after the failure would be held
		// next to it, end the wait at once and show up as a third request.
		const held = sandbox().hold({
			count: 2,
			boundMs: 3000,
			only: (request) => !(request as RecordedRequest).path.endsWith('/nope'),
		});
		const ids = [JANA.id, 'nope', ...Array(8).fill(JANA.id)] as string[];
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'customer',
				operation: 'get',
				customerId: '={{ $json.id }}',
				options: { requestsInParallel: 2 },
			},
			{ inputItems: ids.map((id) => ({ id })) },
		);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/HTTP 404.*'nope'/);
		expect(sandbox().requests).toHaveLength(2);
		expect(held).toMatchObject({ held: 1, timedOut: true });
		expect(sandbox().concurrency.current).toBe(0);
	});

	it('a bad item anywhere stops the node before any request', async () => {
		const items = signups(8) as IDataObject[];
		items[7] = { id: '' };
		const result = await runAffelios(sandbox(), createFromInput({}), { inputItems: items });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('External ID is required');
		expect(sandbox().requests).toHaveLength(0);
	});

	it.each([
		[
			{ requestsInParallel: 0 },
			'Requests in Parallel must be a whole number from 1 to 50, got "0"',
		],
		[
			{ requestsInParallel: 51 },
			'Requests in Parallel must be a whole number from 1 to 50, got "51"',
		],
		[{ maxRetries: 11 }, 'Max Retries must be a whole number from 0 to 10, got "11"'],
		[{ maxRetries: 1.5 }, 'Max Retries must be a whole number from 0 to 10, got "1.5"'],
		[{ timeout: 0 }, 'Timeout must be a number from 0.1 to 600, got "0"'],
	])('option %j is refused before any request', async (options, message) => {
		const result = await runAffelios(sandbox(), createFromInput(options), {
			inputItems: signups(2),
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(message);
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Update keeps the order of changes to the same customer', () => {
	it('PUTs to one customer go one after another, in input order; others run alongside', async () => {
		// Jana's first GET and Organic's GET wait for each other at the door: both in flight at once.
		const held = sandbox().hold({ count: 2 });
		const names = ['first', 'second', 'third'];
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'customer',
				operation: 'update',
				customerId: '={{ $json.id }}',
				updateFields: { username: '={{ $json.name }}' },
			},
			{
				inputItems: [
					{ id: JANA.id, name: names[0] },
					{ id: ORGANIC.id, name: 'organic' },
					{ id: JANA.id, name: names[1] },
					{ id: JANA.id, name: names[2] },
				],
			},
		);
		expect(result.error).toBeUndefined();
		const forJana = sandbox()
			.requests.filter((request) => request.path.endsWith(JANA.id))
			.map((request) =>
				request.method === 'PUT' ? `PUT ${(request.body as IDataObject).username}` : 'GET',
			);
		expect(forJana).toEqual(['GET', 'PUT first', 'GET', 'PUT second', 'GET', 'PUT third']);
		expect(sandbox().store.customers.find((c) => c.id === JANA.id)?.username).toBe('third');
		expect(held).toMatchObject({ held: 2, timedOut: false });
		expect(sandbox().concurrency.peak).toBe(2);
		expect(jsonOf(result).map((customer) => customer.username)).toEqual([
			'first',
			'organic',
			'second',
			'third',
		]);
	});
});

describe('Create Many sends its batches in parallel', () => {
	it('10 items in batches of 2, 2 in parallel, out of order: summaries in batch order', async () => {
		const held = sandbox().hold({ count: 2, order: 'reverse' });
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'transaction',
				operation: 'createMany',
				inputMode: 'json',
				options: { batchSize: 2, requestsInParallel: 2 },
			},
			{ inputItems: Array.from({ length: 10 }, (_, index) => ({ externalId: `tx-${index}` })) },
		);
		expect(result.error).toBeUndefined();
		expect(held).toMatchObject({ held: 2, timedOut: false });
		expect(held.released).toEqual(sandbox().requests.slice(0, 2).reverse());
		expect(sandbox().concurrency.peak).toBe(2);
		expect(jsonOf(result).map((summary) => [summary.batch, summary.externalIds])).toEqual([
			[1, ['tx-0', 'tx-1']],
			[2, ['tx-2', 'tx-3']],
			[3, ['tx-4', 'tx-5']],
			[4, ['tx-6', 'tx-7']],
			[5, ['tx-8', 'tx-9']],
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 2, 4, 6, 8].map((first) => [{ item: first }, { item: first + 1 }]),
		);
	});

	it('a bad item in the last batch stops the node before the first batch goes out', async () => {
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'customer',
				operation: 'createMany',
				externalId: '={{ $json.id }}',
				externalBrandId: 'shop-eu',
				registrationDate: '={{ $json.date }}',
				options: { batchSize: 2 },
			},
			{
				inputItems: [
					...signups(5).map((item) => ({ ...item, date: '2024-01-01' })),
					{ id: 'late', date: 'never' },
				],
			},
		);
		expect(result.error?.message).toBe(
			'Item 5: Registration Date: "never" is not a date Affelios can use',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
