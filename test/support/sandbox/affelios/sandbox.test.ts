import seed from '../../../fixtures/affelios/seed.json';
import { startAffeliosSandbox } from './index';

type Sandbox = Awaited<ReturnType<typeof startAffeliosSandbox>>;
/** A JSON answer: problem fields typed, the rest checked by each test. */
type Json = Record<string, unknown> & {
	title?: string;
	detail?: string;
	errors?: Record<string, string[]>;
};
type Answer = { status: number; contentType: string | null; text: string; json: Json };

const FIXED_NOW = new Date('2026-03-01T09:05:07.000Z');
const [jana] = seed.customers;
let sb: Sandbox;

beforeAll(async () => {
	sb = await startAffeliosSandbox({ port: 0, now: () => FIXED_NOW });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

async function call(
	method: string,
	path: string,
	body?: unknown,
	key: string | null = sb.apiKey,
): Promise<Answer> {
	const headers: Record<string, string> = {};
	if (key !== null) headers['X-Api-Key'] = key;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${sb.url}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let json: Json = {};
	try {
		json = JSON.parse(text) as Json;
	} catch {
		json = {};
	}
	return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

const newCustomer = {
	externalId: 'sb-1',
	externalBrandId: 'shop-eu',
	registrationDate: '2024-05-01T12:00:00.000Z',
};

describe('Affelios sandbox: authentication and routing', () => {
	it('401 without X-Api-Key (empty body), 401 with a wrong one (text)', async () => {
		const missing = await call('GET', `/api/v1/customer/${jana.id}`, undefined, null);
		expect([missing.status, missing.text]).toEqual([401, '']);
		const wrong = await call('GET', `/api/v1/customer/${jana.id}`, undefined, 'nope');
		expect([wrong.status, wrong.text]).toEqual([401, 'Invalid API key']);
	});

	it('403 problem for a key without the route’s permission module', async () => {
		const answer = await call('POST', '/api/v1/transaction', {}, sb.limitedKeys.customersOnly);
		expect(answer.status).toBe(403);
		expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
		expect(answer.json).toEqual(
			expect.objectContaining({
				title: 'Forbidden',
				status: 403,
				detail: 'This API key lacks the Transactions permission module.',
			}),
		);
		expect(
			(await call('GET', `/api/v1/customer/${jana.id}`, undefined, sb.limitedKeys.customersOnly))
				.status,
		).toBe(200);
	});

	it('404 without a body for unknown paths (before the key check), 405 for a wrong verb', async () => {
		expect(await call('GET', '/api/v2/customer/x', undefined, null)).toEqual(
			expect.objectContaining({ status: 404, text: '' }),
		);
		const wrongVerb = await call('GET', '/api/v1/customer/bulk');
		expect(wrongVerb.status).toBe(405);
		expect((await call('DELETE', `/api/v1/customer/${jana.id}`)).status).toBe(405);
	});

	it('records every request with its headers and parsed body', async () => {
		await call('POST', '/api/v1/customer', newCustomer);
		expect(sb.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/v1/customer',
				body: newCustomer,
				headers: expect.objectContaining({ 'x-api-key': sb.apiKey }),
			}),
		]);
	});
});

describe('Affelios sandbox: customers', () => {
	it('creates (201) the full customer object, tracked by its click id', async () => {
		const answer = await call('POST', '/api/v1/customer', {
			...newCustomer,
			clickId: 'CK-BETA-0002',
		});
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual(
			expect.objectContaining({
				id: expect.stringMatching(/^c0ffee00-0000-4000-8000-\d{12}$/),
				createdTs: '2026-03-01T09:05:07.000Z',
				externalId: 'sb-1',
				isIdEmpty: false,
				tracking: expect.objectContaining({
					clickId: 'CK-BETA-0002',
					affiliateName: 'Beta Reviews "Ltd"',
					brandName: 'Shop EU',
				}),
				transactions: [],
			}),
		);
	});

	it('400 problem listing each missing or malformed field', async () => {
		const answer = await call('POST', '/api/v1/customer', {
			externalId: '',
			externalBrandId: 'shop-eu',
			registrationDate: '2024-05-01',
			cpaExcluded: 'yes',
		});
		expect(answer.status).toBe(400);
		expect(answer.json.errors).toEqual({
			externalId: ['The externalId field is required.'],
			registrationDate: [
				'The registrationDate must be an ISO-8601 UTC date like 2024-01-15T10:30:00.000Z.',
			],
			cpaExcluded: ['The JSON value could not be converted to System.Boolean. Path: $.cpaExcluded'],
		});
		expect((await call('POST', '/api/v1/customer', '{not json')).json.errors?.$[0]).toMatch(
			/not valid JSON/,
		);
	});

	it('409 for an existing External ID + brand, 422 for an unknown brand', async () => {
		const duplicate = await call('POST', '/api/v1/customer', {
			...newCustomer,
			externalId: jana.externalId,
		});
		expect(duplicate.status).toBe(409);
		const unknownBrand = await call('POST', '/api/v1/customer', {
			...newCustomer,
			externalBrandId: 'x',
		});
		expect([unknownBrand.status, unknownBrand.json.title]).toEqual([422, 'Unknown brand']);
	});

	it('bulk: counts imported, duplicates (also within the batch) and failures', async () => {
		const answer = await call('POST', '/api/v1/customer/bulk', [
			{
				externalId: 'b-1',
				externalBrandId: 'shop-eu',
				regDate: '2024-05-01T12:00:00.000Z',
				clickKey: 'CK-ALPHA-0001',
			},
			{ externalId: 'b-1', externalBrandId: 'shop-eu', regDate: '2024-05-01T12:00:00.000Z' },
			{ externalId: 'b-2', externalBrandId: 'shop-eu' },
			'junk',
		]);
		expect(answer).toEqual(
			expect.objectContaining({
				status: 200,
				json: {
					numImported: 1,
					numDuplicates: 1,
					numFailed: 2,
					firstFailureId: 'b-2',
					firstFailureMessage: 'The regDate field is required.',
				},
			}),
		);
		const imported = sb.store.customers.find((customer) => customer.externalId === 'b-1');
		expect(imported?.tracking.affiliateName).toBe('Alpha Media');
		expect((await call('POST', '/api/v1/customer/bulk', { not: 'a list' })).status).toBe(400);
	});

	it('GET answers the customer with its transactions; 404 problem for an unknown id', async () => {
		const answer = await call('GET', `/api/v1/customer/${jana.id}`);
		expect(
			(answer.json.transactions as Array<{ externalId: string }>).map(
				(t: { externalId: string }) => t.externalId,
			),
		).toEqual(['dep-5001', 'rev-5002']);
		const missing = await call('GET', '/api/v1/customer/nope');
		expect([missing.status, missing.json.detail]).toEqual([404, "No customer with id 'nope'."]);
	});

	it('PUT replaces: what it is not sent is reset; PATCH changes only what it is sent', async () => {
		await call('PATCH', `/api/v1/customer/${jana.id}`, { username: 'patched' });
		expect(sb.store.customers[0]).toEqual(
			expect.objectContaining({ username: 'patched', country: 'Czechia' }),
		);
		const put = await call('PUT', `/api/v1/customer/${jana.id}`, {
			externalId: jana.externalId,
			externalBrandId: jana.externalBrandId,
			registrationDate: jana.registrationDate,
			username: 'put',
		});
		expect(put.status).toBe(200);
		expect(sb.store.customers[0]).toEqual(
			expect.objectContaining({
				username: 'put',
				country: null,
				country_code: null,
				createdTs: '2026-03-01T09:05:07.000Z',
			}),
		);
		expect(sb.store.customers[0].tracking.clickId).toBeNull();
		expect((await call('PUT', `/api/v1/customer/${jana.id}`, { username: 'x' })).status).toBe(400);
	});
});

describe('Affelios sandbox: transactions', () => {
	it('202 without a body; the transaction is stored and linked to its customer', async () => {
		const answer = await call('POST', '/api/v1/transaction', {
			externalId: 't-1',
			externalCustomerId: jana.externalId,
			externalBrandId: 'shop-eu',
			depositAmount: 10,
		});
		expect([answer.status, answer.text]).toEqual([202, '']);
		expect(sb.store.transactions.at(-1)).toEqual(
			expect.objectContaining({ externalId: 't-1', customerId: jana.id, depositAmount: 10 }),
		);
	});

	it('refuses an amount sent as text, as ASP.NET does', async () => {
		const answer = await call('POST', '/api/v1/transaction', { depositAmount: '10' });
		expect(answer.json.errors).toEqual({
			depositAmount: [
				'The JSON value could not be converted to System.Decimal. Path: $.depositAmount',
			],
		});
	});

	it('bulk: 202 for a valid list; one bad entry refuses the whole list', async () => {
		expect(
			(await call('POST', '/api/v1/transaction/bulk', [{ externalId: 'a' }, { externalId: 'b' }]))
				.status,
		).toBe(202);
		const refused = await call('POST', '/api/v1/transaction/bulk', [
			{},
			{ transactionDate: 'today' },
		]);
		expect(Object.keys(refused.json.errors ?? {})).toEqual(['$[1].transactionDate']);
		expect(sb.store.transactions).toHaveLength(seed.transactions.length + 2);
	});

	it('GET answers the full transaction object', async () => {
		const answer = await call('GET', `/api/v1/transaction/${seed.transactions[1].id}`);
		expect(answer.json).toEqual(
			expect.objectContaining({
				externalId: 'rev-5002',
				grossRevenue: 120.25,
				payoutInfo: expect.any(Object),
			}),
		);
	});
});

describe('Affelios sandbox: faults and reset', () => {
	it('a fault can skip requests, then answer as told', async () => {
		sb.injectFault({ skip: 1, status: 503, body: 'later', headers: { 'Retry-After': '5' } });
		expect((await call('GET', `/api/v1/customer/${jana.id}`)).status).toBe(200);
		expect(await call('GET', `/api/v1/customer/${jana.id}`)).toEqual(
			expect.objectContaining({ status: 503, text: 'later' }),
		);
		expect((await call('GET', `/api/v1/customer/${jana.id}`)).status).toBe(200);
	});

	it('reset restores the seed and keeps array identity', async () => {
		const customers = sb.store.customers;
		await call('POST', '/api/v1/customer', newCustomer);
		sb.reset();
		expect(sb.store.customers).toBe(customers);
		expect(customers).toHaveLength(seed.customers.length);
		expect(sb.requests).toHaveLength(0);
	});
});

describe('Affelios sandbox: the gate at the door and the concurrency gauge', () => {
	/** The customer id a request the gate held asked for. */
	const idOf = (request: unknown) => (request as { path: string }).path.split('/').at(-1);

	it('counts the requests handled at once; the gate holds 3 and answers them in reverse', async () => {
		const held = sb.hold({ count: 3, order: 'reverse' });
		const answers: Array<Promise<Answer>> = [];
		for (const [index, id] of ['a', 'b', 'c'].entries()) {
			answers.push(call('GET', `/api/v1/customer/${id}`));
			await held.whenWaiting(index + 1);
		}
		expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([404, 404, 404]);
		// The first request waited longest: answers went out in reverse order.
		expect(held.released.map(idOf)).toEqual(['c', 'b', 'a']);
		expect(held).toMatchObject({ held: 3, timedOut: false });
		expect(sb.concurrency.peak).toBe(3);
		expect(sb.concurrency.current).toBe(0);
	});

	it('a fault still applies to a held request; reset clears the gate and starts a new peak', async () => {
		sb.hold({ count: 1 });
		sb.injectFault({ status: 503 });
		expect((await call('GET', `/api/v1/customer/${jana.id}`)).status).toBe(503);
		// A bound beyond the test's own time-out: a gate still armed after reset() would fail the test.
		sb.hold({ count: 2, boundMs: 60_000 });
		sb.reset();
		expect(sb.concurrency.peak).toBe(0);
		expect((await call('GET', `/api/v1/customer/${jana.id}`)).status).toBe(200);
		expect(sb.concurrency.peak).toBe(1);
	});

	it('a hanging fault answers nothing until the client gives up', async () => {
		sb.injectFault({ hang: true });
		await expect(
			fetch(`${sb.url}/api/v1/customer/${jana.id}`, {
				headers: { 'X-Api-Key': sb.apiKey },
				signal: AbortSignal.timeout(100),
			}),
		).rejects.toThrow();
		expect(sb.requests).toHaveLength(1);
		expect((await call('GET', `/api/v1/customer/${jana.id}`)).status).toBe(200);
	});
});
