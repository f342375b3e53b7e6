import type { INodeParameters } from 'n8n-workflow';

import {
	captureConsole,
	expectFailedWithoutSecret,
	secretSearch,
	type FailurePath,
} from '../support/harness/secretLeaks';
import { useSandbox } from '../support/harness/useSandbox';
import { startAffeliosSandbox } from '../support/sandbox/affelios';
import { JANA, runAffelios } from '../support/workflows/affeliosWorkflow';

// Distinctive, and full of characters that JSON and URLs escape, so every encoded form can be searched
// for. (Header values must stay visible ASCII.)
const API_KEY = `Kx9"\\<&>'sEcReT-${Date.now()}`;
const CUSTOMERS_ONLY_KEY = `${API_KEY}-customers-only`;
const expectNoKey = secretSearch(
	[API_KEY, JSON.stringify(API_KEY).slice(1, -1), encodeURIComponent(API_KEY)],
	// Not even a cut-off piece of it (its distinctive middle part).
	'sEcReT',
);

const sandbox = useSandbox(() =>
	startAffeliosSandbox({
		port: 0,
		apiKey: API_KEY,
		keys: { [CUSTOMERS_ONLY_KEY]: ['Customers'] },
	}),
);
const consoleLines = captureConsole();

const getJana: INodeParameters = { resource: 'customer', operation: 'get', customerId: JANA.id };
const getJanaOnce: INodeParameters = { ...getJana, options: { maxRetries: 0 } };
const createTransaction: INodeParameters = {
	resource: 'transaction',
	operation: 'create',
	externalId: 'dep-1',
};
const createManyCustomers: INodeParameters = {
	resource: 'customer',
	operation: 'createMany',
	inputMode: 'json',
	options: { batchSize: 1 },
};
// A server that echoes the request: the key raw, JSON-escaped inside a problem body, URL-encoded.
const echoedProblem = JSON.stringify({
	title: `Bad request with X-Api-Key: ${API_KEY}`,
	detail: `Authorization: Bearer ${API_KEY}; url=/x?key=${encodeURIComponent(API_KEY)}`,
	errors: { [API_KEY]: [`value ${API_KEY}`] },
});

/** A failure path, and for the retry paths the error it must end in (so it is the path it claims). */
type AffeliosFailurePath = FailurePath & { message?: RegExp };

const errorPaths: AffeliosFailurePath[] = [
	{ name: 'wrong key (the key sent is the secret)', credentials: { apiKey: `${API_KEY}-wrong` } },
	{
		name: 'key lacking a permission module (403)',
		parameters: createTransaction,
		credentials: { apiKey: CUSTOMERS_ONLY_KEY, authorizationHeader: 'bearer' },
	},
	{
		name: '401 echoing the key as text',
		fault: { status: 401, body: `Unknown key ${API_KEY}`, contentType: 'text/plain' },
	},
	{
		name: '400 problem echoing the key, JSON-escaped',
		fault: { status: 400, body: echoedProblem, contentType: 'application/problem+json' },
		credentials: { authorizationHeader: 'raw' },
	},
	{
		name: '500 echoing the key in an HTML page',
		fault: { status: 500, body: `<pre>x-api-key: ${API_KEY}</pre>`, contentType: 'text/html' },
	},
	{
		name: '200 that is not JSON, echoing the key',
		fault: { status: 200, body: `hello ${API_KEY}`, contentType: 'text/plain' },
	},
	{
		name: 'long error page cut in the middle of an echoed key',
		fault: { status: 500, body: `${'x'.repeat(485)}${API_KEY}`, contentType: 'text/plain' },
	},
	{ name: 'dropped connection', parameters: getJanaOnce, fault: { dropConnection: true } },
	{
		name: 'unreachable port',
		parameters: getJanaOnce,
		credentials: { baseUrl: 'http://127.0.0.1:9' },
	},
	{ name: 'wrong path', credentials: { baseUrl: 'WRONG_PATH' } },
	{ name: 'http:// on a real host', credentials: { baseUrl: 'http://api.affelios.com' } },
	{
		name: 'bad input before any request',
		parameters: { ...createTransaction, additionalFields: { depositAmount: '={{ "x" }}' } },
	},
	{
		name: 'update read failing with Continue On Fail',
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: JANA.id,
			updateFields: { username: 'x' },
		},
		fault: { status: 500, body: echoedProblem, contentType: 'application/json' },
		continueOnFail: true,
	},
	{
		name: 'bulk batch failing with Continue On Fail',
		parameters: createManyCustomers,
		fault: { skip: 1, status: 502, body: echoedProblem, contentType: 'application/json' },
		continueOnFail: true,
		inputItems: [
			{ externalId: 'a', externalBrandId: 'shop-eu', regDate: '2024-01-01T00:00:00.000Z' },
			{ externalId: 'b', externalBrandId: 'shop-eu', regDate: '2024-01-01T00:00:00.000Z' },
		],
	},
	{
		name: 'transaction bulk refused',
		parameters: { resource: 'transaction', operation: 'createMany', inputMode: 'json' },
		inputItems: [{ externalId: API_KEY.length, depositAmount: 'x' }],
	},
	// Retries and their final errors.
	{
		name: 'retries exhausted (503 echoing the key each time)',
		message: /\(HTTP 503\).*\(gave up after 2 attempts\)$/,
		parameters: { ...getJana, options: { maxRetries: 1 } },
		fault: { times: 2, status: 503, body: echoedProblem, headers: { 'Retry-After': '0' } },
	},
	{
		name: 'retries exhausted on the write of an update (502 echoing the key)',
		message: /\(HTTP 502\).*\(gave up after 2 attempts\)$/,
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: JANA.id,
			updateFields: { username: 'x' },
			options: { maxRetries: 1 },
		},
		fault: {
			skip: 1,
			times: 2,
			status: 502,
			body: `<pre>${API_KEY}</pre>`,
			headers: { 'Retry-After': '0' },
		},
		credentials: { authorizationHeader: 'bearer' },
	},
	{
		name: '429 whose Retry-After is too long to wait (echoing the key)',
		message: /^Too many requests to Affelios \(HTTP 429\)/,
		fault: { status: 429, body: `slow down ${API_KEY}`, headers: { 'Retry-After': '3600' } },
	},
	{
		name: 'timeout',
		message: /did not answer within 0\.2 s$/,
		parameters: { ...getJana, options: { maxRetries: 0, timeout: 0.2 } },
		fault: { hang: true },
		credentials: { authorizationHeader: 'raw' },
	},
	{
		name: 'create may have been applied (500 echoing the key)',
		message: /^Create Transaction \(item 0\) may have been applied: .*\(HTTP 500: /,
		parameters: createTransaction,
		fault: { status: 500, body: echoedProblem, contentType: 'application/json' },
	},
	{
		name: 'create may have been applied (dropped connection)',
		message: /^Create Customer \(item 0\) may have been applied: .*ECONNRESET/,
		parameters: {
			resource: 'customer',
			operation: 'create',
			externalId: 'x',
			externalBrandId: 'shop-eu',
			registrationDate: '2024-01-01',
		},
		fault: { dropConnection: true },
	},
	{
		name: 'create may have been applied (timeout), with Continue On Fail',
		message: /^Create Transaction \(item 0\) may have been applied: .*\(no answer within 0\.2 s\)$/,
		parameters: { ...createTransaction, options: { timeout: 0.2 } },
		fault: { hang: true },
		continueOnFail: true,
	},
	{
		name: 'bulk may have been applied (504 echoing the key), with Continue On Fail',
		message: /^Create Many Customers, batch 1 \(item 0\) may have been applied: .*\(HTTP 504: /,
		parameters: createManyCustomers,
		fault: { status: 504, body: `gateway saw ${API_KEY}`, headers: { 'Retry-After': '0' } },
		continueOnFail: true,
		inputItems: [
			{ externalId: 'a', externalBrandId: 'shop-eu', regDate: '2024-01-01T00:00:00.000Z' },
		],
	},
	{
		name: 'transaction bulk may have been applied (timeout)',
		message: /^Create Many Transactions, batch 1 \(item 0\) may have been applied: /,
		parameters: {
			resource: 'transaction',
			operation: 'createMany',
			inputMode: 'json',
			options: { timeout: 0.2 },
		},
		fault: { hang: true },
		inputItems: [{ externalId: 'a' }],
	},
];

describe('the Affelios API key never leaks', () => {
	it.each(errorPaths)(
		'$name',
		async ({ parameters, fault, credentials, continueOnFail, inputItems, message }) => {
			if (fault) sandbox().injectFault({ times: 1, ...fault });
			const baseUrl = credentials?.baseUrl === 'WRONG_PATH' ? `${sandbox().url}/nope` : undefined;
			const result = await runAffelios(sandbox(), parameters ?? getJana, {
				continueOnFail,
				inputItems,
				credentials: { apiKey: API_KEY, ...credentials, ...(baseUrl ? { baseUrl } : {}) },
			});
			expectFailedWithoutSecret(result, expectNoKey, consoleLines);
			if (message) {
				const shown =
					result.error?.message ?? result.items.find((item) => item.json.error)?.json.error;
				expect(shown).toMatch(message);
			}
		},
	);

	it('echoed keys are masked, the rest of the server text stays readable', async () => {
		sandbox().injectFault({
			status: 401,
			body: `Unknown key ${API_KEY}`,
			contentType: 'text/plain',
		});
		const result = await runAffelios(sandbox(), getJana, { credentials: { apiKey: API_KEY } });
		expect(result.error?.message).toBe(
			'Affelios did not accept the API key (HTTP 401): Unknown key ***',
		);
	});

	it('a successful run shows no key either', async () => {
		const result = await runAffelios(sandbox(), getJana, {
			credentials: { apiKey: API_KEY, authorizationHeader: 'bearer' },
		});
		expect(result.error).toBeUndefined();
		expectNoKey(JSON.stringify(result.run), 'the execution data');
	});

	it('the key did travel, in the headers only', async () => {
		await runAffelios(sandbox(), getJana, {
			credentials: { apiKey: API_KEY, authorizationHeader: 'bearer' },
		});
		const request = sandbox().requests.at(-1);
		expect(request?.headers['x-api-key']).toBe(API_KEY);
		expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expectNoKey(request?.path ?? '', 'the URL');
	});
});
