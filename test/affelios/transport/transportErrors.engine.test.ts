import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { JANA, lastRequest, runAffelios, useAffeliosSandbox } from '../../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();
const getJana = { resource: 'customer', operation: 'get', customerId: JANA.id };
// For tests of how a failure reads: without retries (retries.test.ts covers those).
const getJanaOnce = { ...getJana, options: { maxRetries: 0 } };

describe('Affelios authentication, through the engine', () => {
	it('sends X-Api-Key and, by default, no Authorization header', async () => {
		await runAffelios(sandbox(), getJana);
		const { headers } = lastRequest(sandbox());
		expect(headers['x-api-key']).toBe(sandbox().apiKey);
		expect(headers.authorization).toBeUndefined();
		expect(headers.accept).toBe('application/json');
	});

	it.each([
		['bearer', (key: string) => `Bearer ${key}`],
		['raw', (key: string) => key],
	])('"Also Send Authorization Header" = %s adds it next to X-Api-Key', async (mode, expected) => {
		await runAffelios(sandbox(), getJana, { credentials: { authorizationHeader: mode } });
		const { headers } = lastRequest(sandbox());
		expect(headers['x-api-key']).toBe(sandbox().apiKey);
		expect(headers.authorization).toBe(expected(sandbox().apiKey));
	});

	it('a wrong key is a 401 in plain words, with the server text as it is', async () => {
		const result = await runAffelios(sandbox(), getJana, {
			credentials: { apiKey: 'not-the-key' },
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'Affelios did not accept the API key (HTTP 401): Invalid API key',
		);
		expect((result.error as NodeApiError).description).toMatch(
			/^Check the API key in the Affelios credential\. Keys are created under Settings → API Keys/,
		);
		expect((result.error as NodeApiError).httpCode).toBe('401');
	});

	it('an empty key is a 401 with an empty body, shown as such', async () => {
		const result = await runAffelios(sandbox(), getJana, { credentials: { apiKey: '' } });
		expect(result.error?.message).toBe(
			'Affelios did not accept the API key (HTTP 401): (empty body)',
		);
	});

	it('a key without the Customers module gets a 403 naming the module', async () => {
		const result = await runAffelios(sandbox(), getJana, {
			credentials: { apiKey: sandbox().limitedKeys.transactionsOnly },
		});
		expect(result.error?.message).toBe(
			'The API key is not allowed to do this (HTTP 403): Forbidden – This API key lacks the Customers permission module.',
		);
	});
});

describe('Affelios base URL', () => {
	it.each(['/', '/api/v1', '/api/v1/', '/API'])('a copied suffix %p is dropped', async (suffix) => {
		const result = await runAffelios(sandbox(), getJana, {
			credentials: { baseUrl: ` ${sandbox().url}${suffix} ` },
		});
		expect(result.error).toBeUndefined();
		expect(lastRequest(sandbox()).path).toBe(`/api/v1/customer/${JANA.id}`);
	});

	it('http:// of a real host is refused before anything is sent', async () => {
		const result = await runAffelios(sandbox(), getJana, {
			credentials: { baseUrl: 'http://api.affelios.com' },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'The Base URL "http://api.affelios.com" must start with https:// so the API key is not sent in clear text',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('a wrong path answers 404 and the description points at the Base URL too', async () => {
		const result = await runAffelios(sandbox(), getJana, {
			credentials: { baseUrl: `${sandbox().url}/wrong` },
		});
		expect(result.error?.message).toBe('Affelios found nothing here (HTTP 404): (empty body)');
		expect((result.error as NodeApiError).description).toMatch(/check the Base URL/);
	});

	it('an unreachable host says Affelios could not be reached', async () => {
		const result = await runAffelios(sandbox(), getJanaOnce, {
			credentials: { baseUrl: 'http://127.0.0.1:9' },
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'Could not reach Affelios at http://127.0.0.1:9 (ECONNREFUSED)',
		);
		expect((result.error as NodeApiError).description).toMatch(
			/Check the Base URL in the Affelios credential and your network\. Request: GET \/api\/v1\/customer\//,
		);
	});
});

describe('Affelios error answers', () => {
	it('an ASP.NET problem body lists its field errors', async () => {
		sandbox().injectFault({
			status: 400,
			contentType: 'application/problem+json; charset=utf-8',
			body: JSON.stringify({
				title: 'One or more validation errors occurred.',
				status: 400,
				errors: { externalId: ['The externalId field is required.'], regDate: ['Invalid date.'] },
				traceId: '00-abc-def-00',
			}),
		});
		const refused = await runAffelios(sandbox(), getJana);
		expect(refused.error?.message).toBe(
			'Affelios rejected the data (HTTP 400): One or more validation errors occurred. [externalId: The externalId field is required.; regDate: Invalid date.]',
		);
		expect((refused.error as NodeApiError).description).toBe(
			`Fix the fields named in the message; nothing was stored. Request: GET /api/v1/customer/${JANA.id}.`,
		);
	});

	it('the sandbox’s own problem answer reaches the user field by field', async () => {
		// A stored customer without a registration date: the full body a PUT sends back lacks it.
		const stored = sandbox().store.customers.find((customer) => customer.id === JANA.id);
		if (stored) stored.registrationDate = null;
		const result = await runAffelios(sandbox(), {
			resource: 'customer',
			operation: 'update',
			customerId: JANA.id,
			updateFields: { username: 'x' },
		});
		expect(result.error?.message).toBe(
			'Affelios rejected the data (HTTP 400): One or more validation errors occurred. [registrationDate: The registrationDate field is required.]',
		);
	});

	it.each([
		[
			422,
			'text/plain',
			'Brand is closed',
			'Affelios refused this by a business rule (HTTP 422): Brand is closed',
		],
		[
			409,
			'application/json',
			'{"message":"Duplicate"}',
			'This already exists in Affelios (HTTP 409): Duplicate',
		],
		[
			502,
			'text/html',
			'<html><body>Bad gateway</body></html>',
			'The Affelios server had a problem (HTTP 502): <html><body>Bad gateway</body></html>',
		],
		[504, 'text/plain', '', 'The Affelios server had a problem (HTTP 504): (empty body)'],
		[
			418,
			'application/json',
			'{"unexpected":[1,2]}',
			'Affelios did not accept the request (HTTP 418): {"unexpected":[1,2]}',
		],
	])('HTTP %i (%s) is shown as it came', async (status, contentType, body, message) => {
		sandbox().injectFault({ status, contentType, body });
		const result = await runAffelios(sandbox(), getJanaOnce);
		expect(result.error?.message).toBe(message);
		expect((result.error as NodeApiError).httpCode).toBe(String(status));
	});

	it('429 passes on Retry-After', async () => {
		sandbox().injectFault({ status: 429, body: '', headers: { 'Retry-After': '30' } });
		const result = await runAffelios(sandbox(), getJanaOnce);
		expect(result.error?.message).toBe('Too many requests to Affelios (HTTP 429): (empty body)');
		expect((result.error as NodeApiError).description).toMatch(/^Wait 30 s \(Retry-After\)/);
	});

	it('a long error page is cut to 500 characters', async () => {
		sandbox().injectFault({ status: 500, body: 'x'.repeat(2000) });
		const result = await runAffelios(sandbox(), getJana);
		expect(result.error?.message).toBe(
			`The Affelios server had a problem (HTTP 500): ${'x'.repeat(500)}…`,
		);
	});

	it('a success answer that is not JSON, where a customer is expected, is an error', async () => {
		sandbox().injectFault({
			status: 200,
			contentType: 'text/html',
			body: '<html>Dashboard</html>',
		});
		const result = await runAffelios(sandbox(), getJana);
		expect(result.error?.message).toBe(
			'Affelios answered HTTP 200 without the expected JSON: <html>Dashboard</html>',
		);
	});

	it('a dropped connection says the connection closed before an answer came', async () => {
		sandbox().injectFault({ dropConnection: true });
		const result = await runAffelios(sandbox(), getJanaOnce);
		expect(result.error?.message).toBe(
			`The connection to Affelios at ${sandbox().url} closed before an answer came (ECONNRESET)`,
		);
		expect((result.error as NodeApiError).description).toMatch(
			/^The connection to the server was closed unexpectedly/,
		);
		// n8n's text ends with a full stop; ours follows it without a second one.
		expect((result.error as NodeApiError).description).not.toContain('..');
		expect((result.error as NodeApiError).description).toContain(
			'retry later. Check the Base URL in the Affelios credential and your network.',
		);
	});

	it('with Continue On Fail each failing item becomes an error item and the others go on', async () => {
		sandbox().injectFault({ skip: 1, status: 500, body: 'boom' });
		const result = await runAffelios(
			sandbox(),
			{
				resource: 'customer',
				operation: 'get',
				customerId: '={{ $json.id }}',
				// One at a time, so that the fault hits the second request: item 1.
				options: { requestsInParallel: 1 },
			},
			{
				inputItems: [{ id: JANA.id }, { id: JANA.id }, { id: '' }, { id: JANA.id }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.pairedItem, item.json.error ?? item.json.id])).toEqual([
			[{ item: 0 }, JANA.id],
			[{ item: 1 }, 'The Affelios server had a problem (HTTP 500): boom'],
			[{ item: 2 }, 'Customer ID is required'],
			[{ item: 3 }, JANA.id],
		]);
		expect(result.items[2].json.description).toBe(
			'Check the field "Customer ID". Nothing was sent.',
		);
	});
});
