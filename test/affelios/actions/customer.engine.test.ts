import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	JANA,
	ORGANIC,
	jsonOf,
	lastRequest,
	requestLines,
	runAffelios,
	seed,
	useAffeliosSandbox,
} from '../../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();

describe('Customer → Create', () => {
	const base = {
		resource: 'customer',
		operation: 'create',
		externalId: 'user-2001',
		externalBrandId: 'shop-eu',
		registrationDate: '2024-05-01T12:00:00Z',
	};

	it('sends every field under its API name and outputs the customer Affelios returns', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			additionalFields: {
				brandId: 'b7a1c3e0-1111-4a5b-9c2d-000000000001',
				clickId: 'CK-ALPHA-0001',
				username: 'nový.zákazník',
				country: 'Germany',
				countryCode: 'DE',
				revShareExcluded: true,
				cpaExcluded: false,
			},
		});
		expect(result.error).toBeUndefined();
		const request = lastRequest(sandbox());
		expect(`${request.method} ${request.path}`).toBe('POST /api/v1/customer');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.body).toEqual({
			externalId: 'user-2001',
			externalBrandId: 'shop-eu',
			registrationDate: '2024-05-01T12:00:00.000Z',
			brandId: 'b7a1c3e0-1111-4a5b-9c2d-000000000001',
			clickId: 'CK-ALPHA-0001',
			username: 'nový.zákazník',
			country: 'Germany',
			country_code: 'DE',
			revShareExcluded: true,
			cpaExcluded: false,
		});
		const [customer] = jsonOf(result);
		expect(customer).toEqual(
			expect.objectContaining({
				externalId: 'user-2001',
				country_code: 'DE',
				registrationDate: '2024-05-01T12:00:00.000Z',
				tracking: expect.objectContaining({
					clickId: 'CK-ALPHA-0001',
					affiliateName: 'Alpha Media',
				}),
				transactions: [],
			}),
		);
		expect(typeof customer.id).toBe('string');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(sandbox().store.customers.some((c) => c.externalId === 'user-2001')).toBe(true);
	});

	it('leaves out additional fields that were not filled in', async () => {
		await runAffelios(sandbox(), { ...base, additionalFields: { username: '', country: '  ' } });
		expect(lastRequest(sandbox()).body).toEqual({
			externalId: 'user-2001',
			externalBrandId: 'shop-eu',
			registrationDate: '2024-05-01T12:00:00.000Z',
		});
	});

	it('one customer per input item, each paired with its input item', async () => {
		const result = await runAffelios(
			sandbox(),
			{ ...base, externalId: '={{ $json.id }}', registrationDate: '={{ $json.registered }}' },
			{
				inputItems: [
					{ id: 'user-3001', registered: '2024-05-01' },
					{ id: 3002, registered: 1714564800000 },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((customer) => customer.externalId)).toEqual(['user-3001', '3002']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a duplicate External ID + brand is a 409 in plain words', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			externalId: JANA.externalId,
			externalBrandId: JANA.externalBrandId,
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			"This already exists in Affelios (HTTP 409): Conflict – A customer with externalId 'user-1001' and externalBrandId 'shop-eu' already exists.",
		);
		expect((result.error as NodeApiError).description).toMatch(
			/^A customer with the same External ID and External Brand ID exists already/,
		);
		expect((result.error as NodeApiError).httpCode).toBe('409');
	});

	it('an unknown brand is a 422 business-rule error', async () => {
		const result = await runAffelios(sandbox(), { ...base, externalBrandId: 'shop-mars' });
		expect(result.error?.message).toBe(
			"Affelios refused this by a business rule (HTTP 422): Unknown brand – No brand with externalBrandId 'shop-mars' is configured.",
		);
	});

	it('an unreadable date or a missing required value stops the item before any request', async () => {
		const badDate = await runAffelios(sandbox(), { ...base, registrationDate: 'next tuesday' });
		expect(badDate.error).toBeInstanceOf(NodeOperationError);
		expect(badDate.error?.message).toBe(
			'Registration Date: "next tuesday" is not a date Affelios can use',
		);
		const missing = await runAffelios(sandbox(), { ...base, externalId: '  ' });
		expect(missing.error?.message).toBe('External ID is required');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('a bad switch value from an expression names the field', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			additionalFields: { cpaExcluded: '={{ "maybe" }}' },
		});
		expect(result.error?.message).toBe('CPA Excluded must be true or false, got "maybe"');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Customer → Get', () => {
	it('outputs the customer with its tracking and transactions, unchanged', async () => {
		const result = await runAffelios(sandbox(), {
			resource: 'customer',
			operation: 'get',
			customerId: JANA.id,
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([`GET /api/v1/customer/${JANA.id}`]);
		const [customer] = jsonOf(result);
		expect(customer).toEqual(
			expect.objectContaining({ id: JANA.id, externalId: 'user-1001', category: 'vip' }),
		);
		expect(
			(customer.transactions as Array<{ externalId: string }>).map((t) => t.externalId),
		).toEqual(seed.transactions.map((transaction) => transaction.externalId));
	});

	it('an unknown ID is a 404 that says to use the Affelios ID', async () => {
		const result = await runAffelios(sandbox(), {
			resource: 'customer',
			operation: 'get',
			customerId: 'user-1001',
		});
		expect(result.error?.message).toBe(
			"Affelios found nothing here (HTTP 404): Not Found – No customer with id 'user-1001'.",
		);
		expect((result.error as NodeApiError).description).toMatch(
			/use Affelios' own ID .* not your External ID.*Request: GET \/api\/v1\/customer\/user-1001\.$/,
		);
	});

	it('an ID with URL characters is encoded into the path', async () => {
		await runAffelios(sandbox(), { resource: 'customer', operation: 'get', customerId: 'a/b?c' });
		expect(lastRequest(sandbox()).path).toBe('/api/v1/customer/a%2Fb%3Fc');
	});
});

describe('Customer → Update', () => {
	const base = { resource: 'customer', operation: 'update', customerId: JANA.id };

	it('PUT (default) reads the customer, merges the change and sends the whole customer', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			updateFields: { username: 'jana.renamed' },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([
			`GET /api/v1/customer/${JANA.id}`,
			`PUT /api/v1/customer/${JANA.id}`,
		]);
		const sent = lastRequest(sandbox()).body as Record<string, unknown>;
		expect(sent).toEqual(
			expect.objectContaining({
				externalId: 'user-1001',
				externalBrandId: 'shop-eu',
				registrationDate: '2024-01-15T10:30:00.000Z',
				username: 'jana.renamed',
				country: 'Czechia',
				country_code: 'CZ',
				clickId: 'CK-ALPHA-0001',
				brandId: seed.brands[0].brandId,
			}),
		);
		// The sandbox's PUT resets what it is not sent: everything else survived because it was sent.
		const stored = sandbox().store.customers.find((c) => c.id === JANA.id);
		expect(stored).toEqual(
			expect.objectContaining({
				username: 'jana.renamed',
				country: 'Czechia',
				country_code: 'CZ',
				registrationDate: '2024-01-15T10:30:00.000Z',
			}),
		);
		expect(stored?.tracking).toEqual(
			expect.objectContaining({ clickId: 'CK-ALPHA-0001', affiliateName: 'Alpha Media' }),
		);
		expect(jsonOf(result)[0]).toEqual(
			expect.objectContaining({ id: JANA.id, username: 'jana.renamed' }),
		);
	});

	it('PATCH sends only the changed fields, in one request', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			updateMethod: 'PATCH',
			updateFields: { countryCode: 'SK', registrationDate: '2024-01-15 12:00:00' },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([`PATCH /api/v1/customer/${JANA.id}`]);
		// No offset: wall time in the workflow's time zone (n8n's default, America/New_York).
		expect(lastRequest(sandbox()).body).toEqual({
			registrationDate: '2024-01-15T17:00:00.000Z',
			country_code: 'SK',
		});
		const stored = sandbox().store.customers.find((c) => c.id === JANA.id);
		expect(stored).toEqual(expect.objectContaining({ country_code: 'SK', username: 'jana.k' }));
	});

	it('can switch a flag off again and move the customer to another External ID', async () => {
		await runAffelios(sandbox(), {
			...base,
			customerId: ORGANIC.id,
			updateFields: { cpaExcluded: false, externalId: 'user-1003-b' },
		});
		const stored = sandbox().store.customers.find((c) => c.id === ORGANIC.id);
		expect(stored).toEqual(
			expect.objectContaining({ cpaExcluded: false, externalId: 'user-1003-b' }),
		);
	});

	it('an update to another customer’s External ID + brand is a 409', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			customerId: ORGANIC.id,
			updateFields: { externalId: JANA.externalId },
		});
		expect((result.error as NodeApiError).httpCode).toBe('409');
	});

	it('an unknown customer stops at the read, before anything is written', async () => {
		const result = await runAffelios(sandbox(), {
			...base,
			customerId: 'nope',
			updateFields: { username: 'x' },
		});
		expect((result.error as NodeApiError).httpCode).toBe('404');
		expect(requestLines(sandbox())).toEqual(['GET /api/v1/customer/nope']);
	});

	it('without any field to change nothing is sent', async () => {
		const result = await runAffelios(sandbox(), { ...base, updateFields: {} });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Update Fields: add at least one field to change');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('an empty success answer still counts as updated', async () => {
		sandbox().injectFault({ skip: 1, status: 204, body: '', contentType: 'text/plain' });
		const result = await runAffelios(sandbox(), { ...base, updateFields: { username: 'y' } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: JANA.id, updated: true, status: 204 }]);
	});
});
