import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { usePauseRecorder } from '../../support/harness/pauses';
import { JANA, jsonOf, requestLines, runAffelios, useAffeliosSandbox } from '../../support/workflows/affeliosWorkflow';

/**
 * Retries against the sandbox's fault injection, counting what the sandbox received and recording
 * the pauses the node chose (never timing the run). Pauses are kept short with Retry-After: 0 or a
 * single backoff (≤ 0.5 s); long waits are unit-tested in test/shared/retryPolicy.test.ts.
 */
const sandbox = useAffeliosSandbox();
const pauses = usePauseRecorder();

const retryNow = { 'Retry-After': '0' };
const getJana = (options: INodeParameters = {}) => ({
	resource: 'customer',
	operation: 'get',
	customerId: JANA.id,
	options,
});
const createCustomer = (options: INodeParameters = {}) => ({
	resource: 'customer',
	operation: 'create',
	externalId: 'retry-1',
	externalBrandId: 'shop-eu',
	registrationDate: '2024-05-01T12:00:00Z',
	options,
});
const created = (externalId: string) =>
	sandbox().store.customers.filter((customer) => customer.externalId === externalId);

describe('reads are repeated on passing failures', () => {
	it.each([
		['503 with Retry-After: 0', { status: 503, headers: retryNow }],
		['429 with Retry-After: 0', { status: 429, headers: retryNow }],
		[
			'429 with a Retry-After date in the past',
			{ status: 429, headers: { 'Retry-After': 'Thu, 01 Jan 1970 00:00:00 GMT' } },
		],
		['504 with Retry-After: 0', { status: 504, headers: retryNow }],
	])('%s, twice: the third attempt answers', async (_name, fault) => {
		sandbox().injectFault({ times: 2, ...fault });
		const result = await runAffelios(sandbox(), getJana());
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(JANA.id);
		expect(sandbox().requests).toHaveLength(3);
	});

	it('502 without Retry-After: one growing pause, then the answer', async () => {
		sandbox().injectFault({ status: 502 });
		const result = await runAffelios(sandbox(), getJana());
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(2);
		// The first pause is 250–500 ms.
		expect(pauses()).toEqual([expect.any(Number)]);
		expect(pauses()[0]).toBeGreaterThanOrEqual(250);
		expect(pauses()[0]).toBeLessThanOrEqual(500);
	});

	it('a dropped connection is repeated', async () => {
		sandbox().injectFault({ dropConnection: true });
		const result = await runAffelios(sandbox(), getJana({ maxRetries: 1 }));
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(2);
	});

	it('a 500 or a 404 is not repeated', async () => {
		sandbox().injectFault({ status: 500 });
		expect((await runAffelios(sandbox(), getJana())).error?.message).toBe(
			'The Affelios server had a problem (HTTP 500): Internal Server Error',
		);
		await runAffelios(sandbox(), { ...getJana(), customerId: 'nope' });
		expect(sandbox().requests).toHaveLength(2);
	});

	it('Max Retries 0 sends once', async () => {
		sandbox().injectFault({ status: 503, headers: retryNow });
		const result = await runAffelios(sandbox(), getJana({ maxRetries: 0 }));
		expect(result.error?.message).toBe(
			'The Affelios server had a problem (HTTP 503): Internal Server Error',
		);
		expect(sandbox().requests).toHaveLength(1);
	});
});

describe('clear final errors', () => {
	it('after Max Retries: the last answer and how often it was tried', async () => {
		sandbox().injectFault({
			times: 3,
			status: 503,
			body: 'Down for maintenance',
			headers: retryNow,
		});
		const result = await runAffelios(sandbox(), getJana({ maxRetries: 2 }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'The Affelios server had a problem (HTTP 503): Down for maintenance (gave up after 3 attempts)',
		);
		expect((result.error as NodeApiError).description).toMatch(
			/^Failed 3 times in a row, with pauses in between \(Options → Max Retries\)\. Try again later\./,
		);
		expect((result.error as NodeApiError).httpCode).toBe('503');
		expect(sandbox().requests).toHaveLength(3);
	});

	it('Timeout is honoured, the read asked again, and the final error names the timeout', async () => {
		// No answer ever comes: the node can only end by its own time-out, twice, with one pause.
		sandbox().injectFault({ times: 2, hang: true });
		const result = await runAffelios(sandbox(), getJana({ timeout: 0.2, maxRetries: 1 }));
		expect(pauses()).toHaveLength(1);
		expect(result.error?.message).toBe(
			`Affelios at ${sandbox().url} did not answer within 0.2 s (gave up after 2 attempts)`,
		);
		expect((result.error as NodeApiError).description).toMatch(/raise Options → Timeout/);
		expect(sandbox().requests).toHaveLength(2);
	});

	it('a Retry-After beyond 60 s is not waited out; the error says how long to wait', async () => {
		sandbox().injectFault({ status: 429, body: '', headers: { 'Retry-After': '120' } });
		const result = await runAffelios(sandbox(), getJana());
		expect(result.error?.message).toBe('Too many requests to Affelios (HTTP 429): (empty body)');
		expect((result.error as NodeApiError).description).toMatch(
			/^Affelios asked to wait longer than the 60 s the node waits by itself\. Wait 120 s \(Retry-After\) and run again/,
		);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('a Retry-After date is shown as a date', async () => {
		sandbox().injectFault({
			status: 429,
			headers: { 'Retry-After': 'Fri, 01 Jan 2100 00:00:00 GMT' },
		});
		const result = await runAffelios(sandbox(), getJana());
		expect((result.error as NodeApiError).description).toMatch(
			/Wait until Fri, 01 Jan 2100 00:00:00 GMT \(Retry-After\)/,
		);
	});
});

describe('Update: the read and the write are both repeated', () => {
	it('a 503 on the read and a 502 on the PUT: the customer is still updated', async () => {
		sandbox().injectFault({ status: 503, headers: retryNow });
		sandbox().injectFault({ skip: 1, status: 502, headers: retryNow });
		const result = await runAffelios(sandbox(), {
			resource: 'customer',
			operation: 'update',
			customerId: JANA.id,
			updateFields: { username: 'retried' },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([
			`GET /api/v1/customer/${JANA.id}`,
			`GET /api/v1/customer/${JANA.id}`,
			`PUT /api/v1/customer/${JANA.id}`,
			`PUT /api/v1/customer/${JANA.id}`,
		]);
		// The repeated write sends the same body.
		expect(sandbox().requests[3].rawBody).toBe(sandbox().requests[2].rawBody);
		expect(sandbox().store.customers.find((c) => c.id === JANA.id)?.username).toBe('retried');
	});
});

describe('creates are never sent twice', () => {
	it.each([
		['500', { status: 500 }, 'HTTP 500: Internal Server Error', '500'],
		['502', { status: 502, headers: retryNow }, 'HTTP 502: Internal Server Error', '502'],
		['503 without Retry-After', { status: 503, body: 'busy' }, 'HTTP 503: busy', '503'],
		[
			'a dropped connection',
			{ dropConnection: true },
			'ECONNRESET: the connection closed before an answer came',
			null,
		],
	])(
		'after %s: one request, and "may have been applied"',
		async (_name, fault, cause, httpCode) => {
			sandbox().injectFault(fault);
			const result = await runAffelios(sandbox(), createCustomer());
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe(
				`Create Customer (item 0) may have been applied: check Affelios before running it again (${cause})`,
			);
			expect((result.error as NodeApiError).description).toMatch(
				/did not send it again \(that could create it twice\).*Request: POST \/api\/v1\/customer\.$/,
			);
			expect((result.error as NodeApiError).httpCode ?? null).toBe(httpCode);
			expect(sandbox().requests).toHaveLength(1);
		},
	);

	it('after a time-out: one request, "may have been applied", naming the timeout', async () => {
		sandbox().injectFault({ hang: true });
		const result = await runAffelios(sandbox(), {
			resource: 'transaction',
			operation: 'create',
			externalId: 'dep-timeout',
			options: { timeout: 0.2 },
		});
		expect(result.error?.message).toBe(
			'Create Transaction (item 0) may have been applied: check Affelios before running it again (no answer within 0.2 s)',
		);
		expect(sandbox().requests).toHaveLength(1);
	});

	it.each([
		['429 with Retry-After', { status: 429, headers: retryNow }],
		['429 without Retry-After (one backoff)', { status: 429 }],
		['503 with Retry-After', { status: 503, headers: retryNow }],
	])('after %s: repeated, and exactly one customer is created', async (_name, fault) => {
		sandbox().injectFault(fault);
		const result = await runAffelios(sandbox(), createCustomer());
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(2);
		expect(created('retry-1')).toHaveLength(1);
		expect(jsonOf(result)[0].externalId).toBe('retry-1');
	});

	it('429 on every attempt: the 429 after Max Retries, nothing created', async () => {
		sandbox().injectFault({ times: 2, status: 429, body: '', headers: retryNow });
		const result = await runAffelios(sandbox(), createCustomer({ maxRetries: 1 }));
		expect(result.error?.message).toBe(
			'Too many requests to Affelios (HTTP 429): (empty body) (gave up after 2 attempts)',
		);
		expect(created('retry-1')).toHaveLength(0);
	});

	it('connection refused is repeated for a create (it never reached Affelios)', async () => {
		const result = await runAffelios(sandbox(), createCustomer({ maxRetries: 1 }), {
			credentials: { baseUrl: 'http://127.0.0.1:9' },
		});
		expect(result.error?.message).toBe(
			'Could not reach Affelios at http://127.0.0.1:9 (ECONNREFUSED) (gave up after 2 attempts)',
		);
	});

	it('a refusal (409) is a plain error, not "may have been applied"', async () => {
		const result = await runAffelios(sandbox(), {
			...createCustomer(),
			externalId: JANA.externalId,
		});
		expect(result.error?.message).toMatch(/^This already exists in Affelios \(HTTP 409\)/);
		expect(sandbox().requests).toHaveLength(1);
	});
});

describe('bulk creates are never sent twice', () => {
	const bulk = (options: INodeParameters) => ({
		resource: 'customer',
		operation: 'createMany',
		inputMode: 'json',
		options,
	});
	const rows = (count: number) =>
		Array.from({ length: count }, (_, index) => ({
			externalId: `b-${index}`,
			externalBrandId: 'shop-eu',
			regDate: '2024-02-01T09:00:00.000Z',
		}));

	it('a dropped second batch: one request each, the error names the batch and its items', async () => {
		sandbox().injectFault({ skip: 1, dropConnection: true });
		const result = await runAffelios(sandbox(), bulk({ batchSize: 2, requestsInParallel: 1 }), {
			inputItems: rows(4),
		});
		expect(result.error?.message).toBe(
			'Create Many Customers, batch 2 (items 2–3) may have been applied: check Affelios before running it again (ECONNRESET: the connection closed before an answer came)',
		);
		expect(sandbox().requests).toHaveLength(2);
		expect(created('b-0')).toHaveLength(1);
		expect(created('b-2')).toHaveLength(0);
	});

	it('a 429 on a transaction batch is repeated: every transaction stored once', async () => {
		sandbox().injectFault({ status: 429, headers: retryNow });
		const before = sandbox().store.transactions.length;
		const result = await runAffelios(
			sandbox(),
			{ resource: 'transaction', operation: 'createMany', inputMode: 'json' },
			{ inputItems: [{ externalId: 't-1' }, { externalId: 't-2' }] },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(2);
		expect(sandbox().store.transactions).toHaveLength(before + 2);
	});

	it('a 504 on a transaction batch: not repeated, named with its items', async () => {
		sandbox().injectFault({ status: 504, body: '', headers: retryNow });
		const result = await runAffelios(
			sandbox(),
			{ resource: 'transaction', operation: 'createMany', inputMode: 'json' },
			{ inputItems: [{ externalId: 't-1' }, { externalId: 't-2' }, { externalId: 't-3' }] },
		);
		expect(result.error?.message).toBe(
			'Create Many Transactions, batch 1 (items 0–2) may have been applied: check Affelios before running it again (HTTP 504: (empty body))',
		);
		expect(sandbox().requests).toHaveLength(1);
	});
});
