import type { ICredentialTestRequest, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { runNode } from '../../harness/runWorkflow';
import { sandboxCredentials, useAffilBoxSandbox, type AffilBoxSandbox } from './affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();
const credentialType = new AffilBoxApi();
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
		credentials: [{ name: 'affilBoxApi', required: true }],
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

async function testCredential(target: AffilBoxSandbox, overrides: Record<string, string> = {}) {
	const result = await runNode({
		nodeTypes: { 'test.credentialTest': credentialTestNode },
		credentialTypes: [credentialType],
		credentials: { affilBoxApi: sandboxCredentials(target, overrides) },
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
	if (status !== undefined) {
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

describe('AffilBox credential test (GetCampaigns)', () => {
	it('passes with the right URL and key, and makes one read-only call', async () => {
		expect(await testCredential(sandbox())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox().requests.map((call: { method: string }) => call.method)).toEqual([
			'GetCampaigns',
		]);
	});

	it('reports a wrong key in plain words', async () => {
		expect(await testCredential(sandbox(), { apiKey: 'wrong' })).toEqual({
			status: 'Error',
			message: 'AffilBox rejected the API key: copy it again from Settings → User settings',
		});
	});

	it('reports a wrong URL in plain words', async () => {
		const result = await testCredential(sandbox(), {
			apiUrl: sandbox().url.replace('/api/', '/ap/'),
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'No AffilBox API answers at this URL: copy the API URL from Settings → User settings',
		});
	});

	it('refuses http:// for a real host without sending anything', async () => {
		const result = await testCredential(sandbox(), { apiUrl: 'http://c1234.affilbox.cz/api/' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/uses http:\/\/, which AffilBox refuses/);
		expect(sandbox().requests).toHaveLength(0);
	});
});
