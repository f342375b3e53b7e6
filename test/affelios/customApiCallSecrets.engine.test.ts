import type { INodeParameters } from 'n8n-workflow';

import {
	captureConsole,
	expectFailedWithoutSecret,
	secretSearch,
	type FailurePath,
} from '../support/harness/secretLeaks';
import { useSandbox } from '../support/harness/useSandbox';
import { startAffeliosSandbox } from '../support/sandbox/affelios';
import { JANA, jsonOf, runAffelios } from '../support/workflows/affeliosWorkflow';

// Characters JSON and URLs escape, so every encoded form is searched for.
const API_KEY = `Cc4"\\<&>'sEcReT-${Date.now()}`;
const expectNoKey = secretSearch(
	[API_KEY, JSON.stringify(API_KEY).slice(1, -1), encodeURIComponent(API_KEY)],
	'sEcReT',
);
const sandbox = useSandbox(() => startAffeliosSandbox({ port: 0, apiKey: API_KEY }));
const consoleLines = captureConsole();

const call = (parameters: INodeParameters): INodeParameters => ({
	resource: 'customCall',
	operation: 'customApiCall',
	method: 'GET',
	path: `customer/${JANA.id}`,
	...parameters,
});
const echoed = JSON.stringify({ title: `Bad key ${API_KEY}`, errors: { [API_KEY]: [API_KEY] } });

const paths: FailurePath[] = [
	{ name: 'wrong key', parameters: call({}), credentials: { apiKey: `${API_KEY}-wrong` } },
	{
		name: 'unknown path, Continue On Fail',
		parameters: call({ path: 'nope' }),
		continueOnFail: true,
	},
	{
		name: 'POST that may have been applied (500 echoing the key)',
		parameters: call({ method: 'POST', path: 'customer', jsonBody: '{"externalId": "x"}' }),
		fault: { status: 500, body: echoed, contentType: 'application/problem+json' },
	},
	{
		name: '400 echoing the key, Continue On Fail',
		parameters: call({ method: 'PATCH', jsonBody: '{}' }),
		fault: { status: 400, body: echoed, contentType: 'application/json' },
		continueOnFail: true,
	},
	{
		name: '200 that is not JSON, echoing the key',
		parameters: call({}),
		fault: { status: 200, body: `hello ${API_KEY}`, contentType: 'text/plain' },
	},
	{ name: 'a refused path', parameters: call({ path: 'https://evil.example/steal' }) },
	{ name: 'bad JSON body', parameters: call({ method: 'PUT', jsonBody: '{"a": ' }) },
];

describe('Custom API Call never shows the API key', () => {
	it.each(paths)('$name', async ({ parameters, fault, credentials, continueOnFail }) => {
		if (fault) sandbox().injectFault(fault);
		const result = await runAffelios(sandbox(), parameters ?? call({}), {
			continueOnFail,
			credentials: { apiKey: API_KEY, ...credentials },
		});
		expectFailedWithoutSecret(result, expectNoKey, consoleLines);
	});

	it('a successful call shows no key; the key went in the X-Api-Key header only', async () => {
		const result = await runAffelios(sandbox(), call({ queryParameters: {} }), {
			credentials: { apiKey: API_KEY, authorizationHeader: 'bearer' },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(JANA.id);
		expectNoKey(JSON.stringify(result.run), 'the execution data');
		const request = sandbox().requests.at(-1);
		expect(request?.headers['x-api-key']).toBe(API_KEY);
		expectNoKey(`${request?.path ?? ''} ${request?.rawBody ?? ''}`, 'the URL and body');
	});

	it('a success answer echoing the key shows it masked', async () => {
		sandbox().injectFault({
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ headers: { 'x-api-key': API_KEY }, [API_KEY]: 1 }),
		});
		const result = await runAffelios(sandbox(), call({}), { credentials: { apiKey: API_KEY } });
		expect(jsonOf(result)).toEqual([{ headers: { 'x-api-key': '***' }, '***': 1 }]);
		expectNoKey(JSON.stringify(result.run), 'the execution data');
	});
});
