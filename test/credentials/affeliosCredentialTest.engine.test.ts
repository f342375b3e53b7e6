import type { IDataObject } from 'n8n-workflow';

import { AffeliosApi } from '../../credentials/AffeliosApi.credentials';
import { testCredential } from '../support/harness/credentialTest';
import {
	requestLines,
	sandboxCredentials,
	seed,
	useAffeliosSandbox,
	type AffeliosSandbox,
} from '../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();
const credentialType = new AffeliosApi();

/** The credential dialog's Test button, with the sandbox's URL and key unless overridden. */
async function testOn(target: AffeliosSandbox, overrides: IDataObject = {}) {
	return await testCredential({
		credentialType,
		credentials: sandboxCredentials(target, overrides),
	});
}

describe('Affelios credential test (an empty customer batch)', () => {
	it('passes with the right URL and key, with one request that stores nothing', async () => {
		expect(await testOn(sandbox())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(requestLines(sandbox())).toEqual(['POST /api/v1/customer/bulk']);
		const [request] = sandbox().requests;
		expect(request.rawBody).toBe('[]');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers['x-api-key']).toBe(sandbox().apiKey);
		expect(sandbox().store.customers).toHaveLength(seed.customers.length);
	});

	it('sends the Authorization header when the credential asks for it', async () => {
		await testOn(sandbox(), { authorizationHeader: 'bearer' });
		expect(sandbox().requests[0].headers.authorization).toBe(`Bearer ${sandbox().apiKey}`);
	});

	it('accepts a Base URL with a trailing slash or a copied /api/v1', async () => {
		for (const suffix of ['/', '/api/v1/', '//API/v1//', ' ']) {
			expect(await testOn(sandbox(), { baseUrl: `${sandbox().url}${suffix}` })).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
		}
		expect(requestLines(sandbox())).toEqual(Array(4).fill('POST /api/v1/customer/bulk'));
	});

	it('reports a wrong key (401) in plain words', async () => {
		expect(await testOn(sandbox(), { apiKey: 'wrong' })).toEqual({
			status: 'Error',
			message:
				'Affelios rejected the API key: copy it again, or create a new one under Settings → API Keys in the Affelios dashboard',
		});
	});

	it('reports a key without the Customers module (403) in plain words', async () => {
		expect(await testOn(sandbox(), { apiKey: sandbox().limitedKeys.transactionsOnly })).toEqual({
			status: 'Error',
			message:
				'The key works but lacks the Customers permission module the test needs: enable it under Settings → API Keys in the Affelios dashboard (a key for transactions only can be saved anyway)',
		});
	});

	it('reports a wrong URL (404) in plain words', async () => {
		expect(await testOn(sandbox(), { baseUrl: `${sandbox().url}/wrong` })).toEqual({
			status: 'Error',
			message: 'No Affelios API answers at this Base URL: use https://api.affelios.com',
		});
	});

	it('says the key works when Affelios refuses the empty batch itself (400)', async () => {
		sandbox().injectFault({
			status: 400,
			contentType: 'application/problem+json',
			body: '{"title":"The list must not be empty."}',
		});
		expect(await testOn(sandbox())).toEqual({
			status: 'Error',
			message:
				'Affelios answered HTTP 400 to the empty test batch: this means the URL and key work (a wrong key gets 401), only the empty batch was refused. You can save the credential.',
		});
	});

	it('reports an unreachable host', async () => {
		const result = await testOn(sandbox(), { baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused the connection/);
	});

	it('refuses http:// for a real host without sending anything', async () => {
		const result = await testOn(sandbox(), { baseUrl: 'http://api.affelios.com' });
		expect(result).toEqual({
			status: 'Error',
			message:
				'The Base URL "http://api.affelios.com" must start with https:// so the API key is not sent in clear text',
		});
		expect(sandbox().requests).toHaveLength(0);
	});
});
