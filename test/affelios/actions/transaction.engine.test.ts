import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	DEPOSIT,
	JANA,
	bulkBodiesInInputOrder,
	jsonOf,
	lastRequest,
	requestLines,
	runAffelios,
	useAffeliosSandbox,
} from '../../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();

const everyField = {
	type: 'deposit',
	affiliateId: 'a0f4d2b1-2222-4c6d-8e9f-000000000011',
	clickKey: 'CK-ALPHA-0001',
	externalCustomerId: 'user-1001',
	externalBrandId: 'shop-eu',
	externalProductId: 'sportsbook',
	transactionDate: '2024-03-10T14:15:16.789+01:00',
	country: 'Czechia',
	countryCode: 'CZ',
	depositAmount: 100,
	grossRevenue: '={{ "49.90" }}',
	wageredAmount: 0,
	revShareCommission: 12.5,
	cpaCommission: '={{ 25 }}',
	fixedCommission: -3,
	category: 'casino',
	label: 'march',
	note: 'bonus & <promo> "x"',
	operatorId: 'op-1',
};

describe('Transaction → Create', () => {
	it('sends every field under its API name, amounts as JSON numbers, and says it was accepted', async () => {
		const result = await runAffelios(sandbox(), {
			resource: 'transaction',
			operation: 'create',
			externalId: 'dep-9001',
			additionalFields: everyField,
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual(['POST /api/v1/transaction']);
		expect(lastRequest(sandbox()).rawBody).toContain('"grossRevenue":49.9,');
		expect(lastRequest(sandbox()).body).toEqual({
			externalId: 'dep-9001',
			type: 'deposit',
			affiliateId: 'a0f4d2b1-2222-4c6d-8e9f-000000000011',
			clickKey: 'CK-ALPHA-0001',
			externalCustomerId: 'user-1001',
			externalBrandId: 'shop-eu',
			externalProductId: 'sportsbook',
			transactionDate: '2024-03-10T13:15:16.789Z',
			country: 'Czechia',
			country_code: 'CZ',
			depositAmount: 100,
			grossRevenue: 49.9,
			wageredAmount: 0,
			revShareCommission: 12.5,
			cpaCommission: 25,
			fixedCommission: -3,
			category: 'casino',
			label: 'march',
			note: 'bonus & <promo> "x"',
			operatorId: 'op-1',
		});
		expect(result.items).toEqual([
			{ json: { accepted: true, status: 202, externalId: 'dep-9001' }, pairedItem: { item: 0 } },
		]);
		expect(sandbox().store.transactions.at(-1)).toEqual(
			expect.objectContaining({ externalId: 'dep-9001', depositAmount: 100, customerId: JANA.id }),
		);
	});

	it('accepts a 201 as well (one guide says so) and works without any field', async () => {
		sandbox().injectFault({ status: 201, body: '', contentType: 'text/plain' });
		const result = await runAffelios(sandbox(), { resource: 'transaction', operation: 'create' });
		expect(lastRequest(sandbox()).body).toEqual({});
		expect(jsonOf(result)).toEqual([{ accepted: true, status: 201, externalId: null }]);
	});

	it('an amount that is not a number names the field; nothing is sent', async () => {
		const result = await runAffelios(sandbox(), {
			resource: 'transaction',
			operation: 'create',
			externalId: 'dep-9002',
			additionalFields: { depositAmount: '={{ "12,50 EUR" }}' },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Deposit Amount must be a number, got "12,50 EUR"');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('a key without the Transactions module gets a 403 in plain words', async () => {
		const result = await runAffelios(
			sandbox(),
			{ resource: 'transaction', operation: 'create', externalId: 'dep-9003' },
			{ credentials: { apiKey: sandbox().limitedKeys.customersOnly } },
		);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'The API key is not allowed to do this (HTTP 403): Forbidden – This API key lacks the Transactions permission module.',
		);
		expect((result.error as NodeApiError).description).toMatch(
			/lacks the permission module this call needs .*Settings → API Keys/,
		);
	});

	it('a server that refuses a value shows the field errors of its problem answer', async () => {
		sandbox().injectFault({
			status: 400,
			contentType: 'application/problem+json',
			body: JSON.stringify({
				type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
				title: 'One or more validation errors occurred.',
				status: 400,
				errors: {
					type: ['The type field must be one of deposit, revenue.'],
					'$.depositAmount': ['Must be positive.', 'Too large.'],
				},
			}),
		});
		const result = await runAffelios(sandbox(), {
			resource: 'transaction',
			operation: 'create',
			additionalFields: { type: 'bet', depositAmount: 1e12 },
		});
		expect(result.error?.message).toBe(
			'Affelios rejected the data (HTTP 400): One or more validation errors occurred. [type: The type field must be one of deposit, revenue.; $.depositAmount: Must be positive. Too large.]',
		);
	});
});

describe('Transaction → Create Many', () => {
	it('1,234 mapped items with batch size 500: three requests, summaries paired to their items', async () => {
		const inputItems = Array.from({ length: 1234 }, (_, index) => ({
			order: `ord-${index}`,
			amount: index,
		}));
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'transaction',
				operation: 'createMany',
				externalId: '={{ $json.order }}',
				additionalFields: { depositAmount: '={{ $json.amount }}' },
				options: { batchSize: 500 },
			},
			{ inputItems },
		);
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual(Array(3).fill('POST /api/v1/transaction/bulk'));
		const bodies = bulkBodiesInInputOrder(sandbox());
		expect(bodies.map((body) => body.length)).toEqual([500, 500, 234]);
		expect(bodies[2][233]).toEqual({ externalId: 'ord-1233', depositAmount: 1233 });
		expect(
			jsonOf(result).map(({ externalIds, ...summary }) => ({
				...summary,
				ids: (externalIds as string[]).length,
			})),
		).toEqual([
			{ accepted: true, status: 202, batch: 1, acceptedCount: 500, ids: 500 },
			{ accepted: true, status: 202, batch: 2, acceptedCount: 500, ids: 500 },
			{ accepted: true, status: 202, batch: 3, acceptedCount: 234, ids: 234 },
		]);
		expect((jsonOf(result)[1].externalIds as string[])[0]).toBe('ord-500');
		const firstPaired = (pairs: unknown) =>
			(pairs as Array<{ item: number }>).map((pair) => pair.item);
		expect(firstPaired(result.items[0].pairedItem)).toEqual([...Array(500).keys()]);
		expect(firstPaired(result.items[1].pairedItem)).toEqual(
			[...Array(500).keys()].map((i) => i + 500),
		);
		expect(firstPaired(result.items[2].pairedItem)).toEqual(
			[...Array(234).keys()].map((i) => i + 1000),
		);
		expect(sandbox().store.transactions).toHaveLength(2 + 1234);
	});

	it('item JSON as is goes out unchanged', async () => {
		const rows = [
			{ externalId: 'j-1', depositAmount: 5, custom: true },
			{ externalId: 'j-2', grossRevenue: 7.5 },
		];
		const result = await runAffelios(
			sandbox(),
			{ resource: 'transaction', operation: 'createMany', inputMode: 'json' },
			{ inputItems: rows },
		);
		expect(lastRequest(sandbox()).body).toEqual(rows);
		expect(jsonOf(result)).toEqual([
			{ accepted: true, status: 202, batch: 1, acceptedCount: 2, externalIds: ['j-1', 'j-2'] },
		]);
	});

	it('a refused batch is an error listing the entries at fault; with Continue On Fail it is paired to the batch', async () => {
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'transaction',
				operation: 'createMany',
				inputMode: 'json',
				options: { batchSize: 2 },
			},
			{
				inputItems: [
					{ externalId: 'a' },
					{ externalId: 'b' },
					{ externalId: 'c', depositAmount: '12.5' },
				],
				continueOnFail: true,
			},
		);
		expect(result.items.map((item) => item.json.accepted ?? item.json.error)).toEqual([
			true,
			'Affelios rejected the data (HTTP 400): One or more validation errors occurred. [$[0].depositAmount: The JSON value could not be converted to System.Decimal. Path: $.depositAmount]',
		]);
		expect(result.items[1].pairedItem).toEqual([{ item: 2 }]);
	});
});

describe('Transaction → Get', () => {
	it('outputs the transaction as Affelios sends it', async () => {
		const result = await runAffelios(sandbox(), {
			resource: 'transaction',
			operation: 'get',
			transactionId: DEPOSIT.id,
		});
		expect(requestLines(sandbox())).toEqual([`GET /api/v1/transaction/${DEPOSIT.id}`]);
		expect(jsonOf(result)[0]).toEqual(
			expect.objectContaining({
				id: DEPOSIT.id,
				externalId: 'dep-5001',
				depositAmount: 250.5,
				payoutInfo: expect.objectContaining({ affiliateName: 'Alpha Media' }),
			}),
		);
	});

	it('an unknown ID is a 404; with Continue On Fail it becomes an error item', async () => {
		const result = await runAffelios(
			sandbox(),
			{ resource: 'transaction', operation: 'get', transactionId: '={{ $json.id }}' },
			{ inputItems: [{ id: 'nope' }, { id: DEPOSIT.id }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toEqual({
			json: {
				error: "Affelios found nothing here (HTTP 404): Not Found – No transaction with id 'nope'.",
				description: expect.stringContaining('not your External ID'),
			},
			pairedItem: { item: 0 },
		});
		expect(result.items[1].json.id).toBe(DEPOSIT.id);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('a key without the Transactions module cannot read it either', async () => {
		const result = await runAffelios(
			sandbox(),
			{ resource: 'transaction', operation: 'get', transactionId: DEPOSIT.id },
			{ credentials: { apiKey: sandbox().limitedKeys.customersOnly } },
		);
		expect((result.error as NodeApiError).httpCode).toBe('403');
	});
});
