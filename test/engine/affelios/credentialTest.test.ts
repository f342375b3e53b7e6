import type { ICredentialTestRequest, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AffeliosApi } from '../../../credentials/AffeliosApi.credentials';
import { runNode } from '../../harness/runWorkflow';
import {
	requestLines,
	sandboxCredentials,
	seed,
	useAffeliosSandbox,
	type AffeliosSandbox,
} from './affeliosWorkflow';

const sandbox = useAffeliosSandbox();
const credentialType = new AffeliosApi();
const testRequest = credentialType.test as ICredentialTestRequest;

/**
 * n8n tests a credential with a declarative `test` by running its request through a throw-away
 * declarative node (RoutingNode, with the credential's authenticate) and then applying its rules.
 * The node below is that throw-away node; `judge` applies the rules the way n8n's tester does.
 */
const credentialTestNode: INodeType = {
	description: {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'Runs the credential test request',
		defaults: { name: 'Credential Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affeliosApi', required: true }],
		properties: [
			{
				displayName: 'Temp',
				name: 'temp',
				type: 'string',
				default: '',
				routing: { request: testRequest.request },
			},
		],
	},
};

async function testCredential(target: AffeliosSandbox, overrides: Record<string, string> = {}) {
	const result = await runNode({
		nodeTypes: { 'test.credentialTest': credentialTestNode },
		credentialTypes: [credentialType],
		credentials: { affeliosApi: sandboxCredentials(target, overrides) },
		node: { type: 'test.credentialTest', parameters: {} },
	});
	return judge(result.error);
}

function judge(error: unknown): { status: 'OK' | 'Error'; message: string } {
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const failure = error as {
		message: string;
		httpCode?: string | null;
		cause?: { code?: string; response?: { status: number; statusText?: string } };
	};
	// n8n's tester reads the live axios error; the engine's stored copy keeps the status as httpCode.
	const status =
		failure.cause?.response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	if (status !== undefined && !Number.isNaN(status)) {
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) {
				return { status: 'Error', message: String(rule.properties.message) };
			}
		}
		return {
			status: 'Error',
			message: failure.cause?.response?.statusText || `Received HTTP status code: ${status}`,
		};
	}
	return { status: 'Error', message: failure.cause?.code ?? failure.message };
}

describe('Affelios credential test (an empty customer batch)', () => {
	it('passes with the right URL and key, with one request that stores nothing', async () => {
		expect(await testCredential(sandbox())).toEqual({
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
		await testCredential(sandbox(), { authorizationHeader: 'bearer' });
		expect(sandbox().requests[0].headers.authorization).toBe(`Bearer ${sandbox().apiKey}`);
	});

	it('accepts a Base URL with a trailing slash or a copied /api/v1', async () => {
		for (const suffix of ['/', '/api/v1/', '//API/v1//', ' ']) {
			expect(await testCredential(sandbox(), { baseUrl: `${sandbox().url}${suffix}` })).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
		}
		expect(requestLines(sandbox())).toEqual(Array(4).fill('POST /api/v1/customer/bulk'));
	});

	it('reports a wrong key (401) in plain words', async () => {
		expect(await testCredential(sandbox(), { apiKey: 'wrong' })).toEqual({
			status: 'Error',
			message:
				'Affelios rejected the API key: copy it again, or create a new one under Settings → API Keys in the Affelios dashboard',
		});
	});

	it('reports a key without the Customers module (403) in plain words', async () => {
		expect(
			await testCredential(sandbox(), { apiKey: sandbox().limitedKeys.transactionsOnly }),
		).toEqual({
			status: 'Error',
			message:
				'The key works but lacks the Customers permission module the test needs: enable it under Settings → API Keys in the Affelios dashboard (a key for transactions only can be saved anyway)',
		});
	});

	it('reports a wrong URL (404) in plain words', async () => {
		expect(await testCredential(sandbox(), { baseUrl: `${sandbox().url}/wrong` })).toEqual({
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
		expect(await testCredential(sandbox())).toEqual({
			status: 'Error',
			message:
				'Affelios answered HTTP 400 to the empty test batch: this means the URL and key work (a wrong key gets 401), only the empty batch was refused. You can save the credential.',
		});
	});

	it('reports an unreachable host', async () => {
		const result = await testCredential(sandbox(), { baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused the connection/);
	});

	it('refuses http:// for a real host without sending anything', async () => {
		const result = await testCredential(sandbox(), { baseUrl: 'http://api.affelios.com' });
		expect(result).toEqual({
			status: 'Error',
			message:
				'The Base URL "http://api.affelios.com" must start with https:// so the API key is not sent in clear text',
		});
		expect(sandbox().requests).toHaveLength(0);
	});
});
