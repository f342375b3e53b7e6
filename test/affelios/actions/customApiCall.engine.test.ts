import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	JANA,
	jsonOf,
	lastRequest,
	requestLines,
	runAffelios,
	useAffeliosSandbox,
} from '../../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();
const call = (parameters: INodeParameters): INodeParameters => ({
	resource: 'customCall',
	operation: 'customApiCall',
	...parameters,
});
const newCustomer = {
	externalId: 'custom-2001',
	externalBrandId: 'shop-eu',
	registrationDate: '2024-05-01T12:00:00.000Z',
	clickId: 'CK-ALPHA-0001',
};
const retryNow = { 'Retry-After': '0' };

describe('Custom Call → Custom API Call', () => {
	it('GET a customer: the answer as the item, the key from the credential, query parameters added', async () => {
		const result = await runAffelios(
			sandbox(),
			call({
				method: 'GET',
				path: `/api/v1/customer/${JANA.id}?view=full`,
				queryParameters: { parameter: [{ name: 'note', value: 'a b&c' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(requestLines(sandbox())).toEqual([
			`GET /api/v1/customer/${JANA.id}?view=full&note=a%20b%26c`,
		]);
		const request = lastRequest(sandbox());
		expect(request.headers['x-api-key']).toBe(sandbox().apiKey);
		expect(request.rawBody).toBe('');
		const [customer] = jsonOf(result);
		expect(customer).toEqual(
			expect.objectContaining({
				id: JANA.id,
				externalId: JANA.externalId,
				transactions: expect.any(Array),
			}),
		);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('POST a customer with a JSON body: sent as given, stored, the customer as the item', async () => {
		const result = await runAffelios(
			sandbox(),
			call({ method: 'POST', path: 'customer', jsonBody: JSON.stringify(newCustomer) }),
		);
		expect(result.error).toBeUndefined();
		const request = lastRequest(sandbox());
		expect(`${request.method} ${request.path}`).toBe('POST /api/v1/customer');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.body).toEqual(newCustomer);
		const stored = sandbox().store.customers.filter((c) => c.externalId === 'custom-2001');
		expect(stored).toHaveLength(1);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				id: stored[0].id,
				externalId: 'custom-2001',
				tracking: expect.objectContaining({ affiliateName: 'Alpha Media' }),
			}),
		]);
	});

	it('a body given by an expression as an object or array goes out as JSON (bulk)', async () => {
		const result = await runAffelios(
			sandbox(),
			call({
				method: 'POST',
				path: 'customer/bulk',
				jsonBody:
					'={{ [{ externalId: "custom-b1", externalBrandId: "shop-eu", regDate: "2024-05-01T12:00:00.000Z" }] }}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(lastRequest(sandbox()).body).toEqual([
			{ externalId: 'custom-b1', externalBrandId: 'shop-eu', regDate: '2024-05-01T12:00:00.000Z' },
		]);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ numImported: 1, numFailed: 0 })]);
	});

	it('an answer without a body (202 of a transaction) gives success and the status', async () => {
		const result = await runAffelios(
			sandbox(),
			call({
				method: 'POST',
				path: 'transaction',
				jsonBody: '{"externalId": "custom-t1", "depositAmount": 50}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ success: true, statusCode: 202 }]);
		expect(sandbox().store.transactions.some((t) => t.externalId === 'custom-t1')).toBe(true);
	});

	it('a JSON array answer gives one item per element, each paired with its input item', async () => {
		sandbox().injectFault({
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify([{ id: 'a' }, { id: 'b' }, 'c']),
		});
		const result = await runAffelios(sandbox(), call({ method: 'GET', path: 'customer/x' }));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: 'a' }, { id: 'b' }, { data: 'c' }]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
	});

	it('an answer that is not JSON is an error saying so', async () => {
		sandbox().injectFault({ status: 200, contentType: 'text/html', body: '<html>login</html>' });
		const result = await runAffelios(sandbox(), call({ method: 'GET', path: 'customer/x' }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'Affelios answered HTTP 200 without the expected JSON: <html>login</html>',
		);
	});

	it('an unknown path answers 404: a NodeApiError; with Continue On Fail an error item, paired', async () => {
		const parameters = call({ method: 'GET', path: 'affiliates' });
		const failed = await runAffelios(sandbox(), parameters);
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect((failed.error as NodeApiError).httpCode).toBe('404');
		expect(failed.error?.message).toMatch(/^Affelios found nothing here \(HTTP 404\)/);
		const description = String((failed.error as NodeApiError).description);
		expect(description).toMatch(/^Check the Path and Method: Affelios documents customer and/);
		expect(description).toContain('Request: GET /api/v1/affiliates.');

		const inputItems = [{ n: 1 }, { n: 2 }];
		const result = await runAffelios(
			sandbox(),
			call({
				method: 'GET',
				path: '={{ $json.n === 1 ? "affiliates" : "customer/' + JANA.id + '" }}',
			}),
			{ continueOnFail: true, inputItems },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toEqual(expect.stringMatching(/HTTP 404/));
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.id).toBe(JANA.id);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('a known path with a method it does not have answers 405, with the same advice', async () => {
		const result = await runAffelios(
			sandbox(),
			call({ method: 'DELETE', path: `customer/${JANA.id}` }),
		);
		expect((result.error as NodeApiError).httpCode).toBe('405');
		expect(String((result.error as NodeApiError).description)).toMatch(
			/^Check the Path and Method/,
		);
		expect(sandbox().store.customers.some((c) => c.id === JANA.id)).toBe(true);
	});

	it('an unknown customer id answers 404 with the problem Affelios sends', async () => {
		const result = await runAffelios(sandbox(), call({ method: 'GET', path: 'customer/nobody' }));
		expect((result.error as NodeApiError).httpCode).toBe('404');
		expect(result.error?.message).toContain("No customer with id 'nobody'");
	});

	it.each<[string, INodeParameters, RegExp]>([
		[
			'bad JSON body',
			{ method: 'POST', path: 'customer', jsonBody: '{"externalId": ' },
			/^Body \(JSON\) is not valid JSON/,
		],
		[
			'an absolute URL',
			{ method: 'GET', path: 'https://evil.example/api/v1/customer' },
			/^Path "https:\/\/evil.example\/api\/v1\/customer" is a full URL/,
		],
		['a host without scheme', { method: 'GET', path: '//evil.example/customer' }, /is a full URL/],
		[
			'a path escaping with ..',
			{ method: 'DELETE', path: 'customer/../../admin' },
			/^Path must not contain "\.\." segments/,
		],
		[
			'a path an expression leaves empty',
			{ method: 'GET', path: '={{ "  " }}' },
			/^Path is required/,
		],
		[
			'a query parameter without a name',
			{
				method: 'GET',
				path: 'customer',
				queryParameters: { parameter: [{ name: '', value: 'x' }] },
			},
			/^Query Parameters → Name 1 is empty/,
		],
	])('refuses %s before any request, naming the field', async (_name, parameters, said) => {
		const result = await runAffelios(sandbox(), call(parameters));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(said);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('a bad item stops the node before any item is sent', async () => {
		const result = await runAffelios(
			sandbox(),
			call({ method: 'POST', path: 'customer', jsonBody: '={{ $json.body }}' }),
			{ inputItems: [{ body: JSON.stringify(newCustomer) }, { body: '{oops' }] },
		);
		expect(result.error?.message).toMatch(/^Body \(JSON\) is not valid JSON/);
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Custom API Call: what is repeated after a passing failure', () => {
	it('a GET is repeated (503 with Retry-After: 0), like every read', async () => {
		sandbox().injectFault({ status: 503, headers: retryNow });
		const result = await runAffelios(
			sandbox(),
			call({ method: 'GET', path: `customer/${JANA.id}` }),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(2);
	});

	it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
		'a %s that may have reached Affelios (502) is not sent again, and the error says so',
		async (method) => {
			sandbox().injectFault({ status: 502, body: 'Bad Gateway' });
			const result = await runAffelios(
				sandbox(),
				call({ method, path: `customer/${JANA.id}`, jsonBody: '{"username": "x"}' }),
			);
			expect(sandbox().requests).toHaveLength(1);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe(
				`Custom API Call ${method} (item 0) may have been applied: check Affelios before running it again (HTTP 502: Bad Gateway)`,
			);
		},
	);

	it('a POST that certainly did not reach Affelios (503 with Retry-After: 0) is sent again', async () => {
		sandbox().injectFault({ status: 503, headers: retryNow });
		const result = await runAffelios(
			sandbox(),
			call({ method: 'POST', path: 'customer', jsonBody: JSON.stringify(newCustomer) }),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(2);
		expect(sandbox().store.customers.filter((c) => c.externalId === 'custom-2001')).toHaveLength(1);
	});
});
