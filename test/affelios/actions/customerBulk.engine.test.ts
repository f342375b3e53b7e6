import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	JANA,
	bulkBodiesInInputOrder,
	jsonOf,
	lastRequest,
	runAffelios,
	useAffeliosSandbox,
} from '../../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();

const mapped = {
	resource: 'customer',
	operation: 'createMany',
	externalId: '={{ $json.id }}',
	externalBrandId: '={{ $json.brand }}',
	registrationDate: '={{ $json.registered }}',
};

function signups(count: number, from = 0): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		id: `bulk-${from + index}`,
		brand: 'shop-eu',
		registered: '2024-02-01T09:00:00Z',
	}));
}

describe('Customer → Create Many', () => {
	it('maps the fields into one bulk request, with the bulk names regDate and clickKey', async () => {
		const result = await runAffelios(
			sandbox(),
			{
				...mapped,
				additionalFields: {
					clickKey: '={{ $json.click }}',
					externalProductId: 'sportsbook',
					username: '={{ $json.user }}',
					country: 'Austria',
					countryCode: 'AT',
				},
			},
			{
				inputItems: [
					{ ...signups(1)[0], click: 'CK-BETA-0002', user: 'anna' },
					{ ...signups(1, 1)[0], click: '', user: 'ben' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		const request = lastRequest(sandbox());
		expect(`${request.method} ${request.path}`).toBe('POST /api/v1/customer/bulk');
		expect(request.body).toEqual([
			{
				externalId: 'bulk-0',
				externalBrandId: 'shop-eu',
				regDate: '2024-02-01T09:00:00.000Z',
				clickKey: 'CK-BETA-0002',
				externalProductId: 'sportsbook',
				username: 'anna',
				country: 'Austria',
				country_code: 'AT',
			},
			{
				externalId: 'bulk-1',
				externalBrandId: 'shop-eu',
				regDate: '2024-02-01T09:00:00.000Z',
				externalProductId: 'sportsbook',
				username: 'ben',
				country: 'Austria',
				country_code: 'AT',
			},
		]);
		expect(result.items).toEqual([
			{
				json: {
					batch: 1,
					itemCount: 2,
					numImported: 2,
					numDuplicates: 0,
					numFailed: 0,
					firstFailureId: null,
					firstFailureMessage: null,
				},
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
		const imported = sandbox().store.customers.find((c) => c.externalId === 'bulk-0');
		expect(imported?.tracking.affiliateName).toBe('Beta Reviews "Ltd"');
	});

	it('1,234 items with batch size 500 go out as 500 + 500 + 234, each summary paired to its items', async () => {
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'customer',
				operation: 'createMany',
				inputMode: 'json',
				options: { batchSize: 500 },
			},
			{
				inputItems: Array.from({ length: 1234 }, (_, index) => ({
					externalId: `big-${index}`,
					externalBrandId: 'shop-eu',
					regDate: '2024-02-01T09:00:00.000Z',
				})),
			},
		);
		expect(result.error).toBeUndefined();
		const bodies = bulkBodiesInInputOrder(sandbox());
		expect(bodies.map((body) => body.length)).toEqual([500, 500, 234]);
		// Every item in exactly one request, in input order.
		const sentIds = bodies.flatMap((body) => body.map((row) => row.externalId));
		expect(sentIds).toEqual(Array.from({ length: 1234 }, (_, index) => `big-${index}`));

		expect(
			jsonOf(result).map((summary) => [summary.batch, summary.itemCount, summary.numImported]),
		).toEqual([
			[1, 500, 500],
			[2, 500, 500],
			[3, 234, 234],
		]);
		const paired = result.items.map((item) =>
			(item.pairedItem as Array<{ item: number }>).map((pair) => pair.item),
		);
		expect(paired[0]).toEqual(Array.from({ length: 500 }, (_, index) => index));
		expect(paired[1]).toEqual(Array.from({ length: 500 }, (_, index) => 500 + index));
		expect(paired[2]).toEqual(Array.from({ length: 234 }, (_, index) => 1000 + index));
	});

	it('maps fields for a full default batch of 500 items in one request', async () => {
		const result = await runAffelios(sandbox(), mapped, { inputItems: signups(501) });
		expect(result.error).toBeUndefined();
		const bodies = bulkBodiesInInputOrder(sandbox());
		expect(bodies.map((body) => body.length)).toEqual([500, 1]);
		expect(bodies[1][0]).toEqual({
			externalId: 'bulk-500',
			externalBrandId: 'shop-eu',
			regDate: '2024-02-01T09:00:00.000Z',
		});
	});

	it('duplicates and failures come back as counts; failures become a warning, not an error', async () => {
		const result = await runAffelios(
			sandbox(),
			{ resource: 'customer', operation: 'createMany', inputMode: 'json' },
			{
				inputItems: [
					{ externalId: 'ok-1', externalBrandId: 'shop-eu', regDate: '2024-02-01T09:00:00.000Z' },
					{
						externalId: JANA.externalId,
						externalBrandId: 'shop-eu',
						regDate: '2024-02-01T09:00:00.000Z',
					},
					{ externalId: 'bad-date', externalBrandId: 'shop-eu', regDate: '1.2.2024' },
					{
						externalId: 'no-brand',
						externalBrandId: 'shop-mars',
						regDate: '2024-02-01T09:00:00.000Z',
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{
				batch: 1,
				itemCount: 4,
				numImported: 1,
				numDuplicates: 1,
				numFailed: 2,
				firstFailureId: 'bad-date',
				firstFailureMessage:
					'The regDate must be an ISO-8601 UTC date like 2024-01-15T10:30:00.000Z.',
				warning:
					'2 of 4 customers in batch 1 were not imported. The first failure: bad-date: The regDate must be an ISO-8601 UTC date like 2024-01-15T10:30:00.000Z.',
			},
		]);
	});

	it('sends item JSON as is: no renaming, no date conversion', async () => {
		const row = {
			externalId: 'raw-1',
			externalBrandId: 'shop-eu',
			regDate: '2024-02-01T09:00:00.000Z',
			extra: { a: 1 },
		};
		await runAffelios(
			sandbox(),
			{ resource: 'customer', operation: 'createMany', inputMode: 'json' },
			{ inputItems: [row] },
		);
		expect(lastRequest(sandbox()).body).toEqual([row]);
	});

	it('a bad value stops its batch before any request, naming the item and the field', async () => {
		const items = signups(3);
		items[2].registered = 'soon';
		const result = await runAffelios(sandbox(), mapped, { inputItems: items });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'Item 2: Registration Date: "soon" is not a date Affelios can use',
		);
		expect((result.error as NodeOperationError).description).toMatch(
			/Nothing of this batch was sent\.$/,
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('with Continue On Fail a failed batch becomes one error item paired to its items; the others go out', async () => {
		sandbox().injectFault({
			skip: 1,
			status: 503,
			body: 'Service Unavailable',
			contentType: 'text/plain',
		});
		const result = await runAffelios(
			sandbox(),
			// One at a time, so that the fault hits the second batch.
			{ ...mapped, options: { batchSize: 2, requestsInParallel: 1 } },
			{
				inputItems: signups(5),
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.numImported).toBe(2);
		// A 503 without Retry-After may come from a gateway after Affelios stored the batch: not repeated.
		expect(sandbox().requests).toHaveLength(3);
		expect(result.items[1]).toEqual({
			json: {
				error:
					'Create Many Customers, batch 2 (items 2–3) may have been applied: check Affelios before running it again (HTTP 503: Service Unavailable)',
				batch: 2,
				itemCount: 2,
				description: expect.stringMatching(/^Affelios may have stored it/),
			},
			pairedItem: [{ item: 2 }, { item: 3 }],
		});
		expect(result.items[2].json).toEqual(expect.objectContaining({ batch: 3, numImported: 1 }));
		expect(result.items[2].pairedItem).toEqual([{ item: 4 }]);
	});

	it('without Continue On Fail a failed batch stops the node', async () => {
		sandbox().injectFault({ status: 500, body: '', contentType: 'text/plain' });
		const result = await runAffelios(sandbox(), mapped, { inputItems: signups(2) });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'Create Many Customers, batch 1 (items 0–1) may have been applied: check Affelios before running it again (HTTP 500: (empty body))',
		);
		expect(sandbox().requests).toHaveLength(1);
	});

	it.each([0, 1001, 2.5])('refuses batch size %p before any request', async (batchSize) => {
		const result = await runAffelios(
			sandbox(),
			{ ...mapped, options: { batchSize } },
			{
				inputItems: signups(2),
			},
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			`Batch Size must be a whole number from 1 to 1000, got "${batchSize}"`,
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
