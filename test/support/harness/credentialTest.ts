import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	INodeType,
} from 'n8n-workflow';
import { ApplicationError, NodeConnectionTypes } from 'n8n-workflow';

import { runNode } from './runWorkflow';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const NODE_TYPE = 'test.credentialTest';

/**
 * The credential dialog's Test button, emulated: n8n tests a credential with a declarative `test`
 * by running its request through a throw-away declarative node (RoutingNode, with the credential's
 * authenticate) and then applying its rules. This runs that node through n8n-core; `judge` applies
 * the rules the way n8n's credential tester does.
 */
export async function testCredential(options: {
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
}): Promise<CredentialTestResult> {
	const { credentialType, credentials } = options;
	const testRequest = credentialType.test;
	if (!testRequest) {
		throw new ApplicationError(`Credential type ${credentialType.name} has no declarative test`);
	}
	const result = await runNode({
		nodeTypes: { [NODE_TYPE]: credentialTestNode(credentialType.name, testRequest) },
		credentialTypes: [credentialType],
		credentials: { [credentialType.name]: credentials },
		node: { type: NODE_TYPE, parameters: {} },
	});
	return judge(result.error, testRequest);
}

function credentialTestNode(
	credentialName: string,
	testRequest: ICredentialTestRequest,
): INodeType {
	return {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs the credential test request',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialName, required: true }],
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
}

function judge(error: unknown, testRequest: ICredentialTestRequest): CredentialTestResult {
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const failure = error as {
		message: string;
		httpCode?: string | null;
		cause?: { code?: string; response?: { status: number; statusText?: string } };
	};
	// n8n's tester reads the live axios error; the engine's stored copy keeps the status as httpCode.
	const status =
		failure.cause?.response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	// A non-numeric httpCode (a network error code) is no HTTP answer: fall through to the cause.
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
