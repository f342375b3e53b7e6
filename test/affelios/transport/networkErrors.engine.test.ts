import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AffeliosApi } from '../../../credentials/AffeliosApi.credentials';
import { CREDENTIAL_TYPE, httpOptions } from '../../../nodes/Affelios/transport';
import { askingForFullAnswer } from '../../../nodes/shared/exchange';
import { classifyNetworkError } from '../../../nodes/shared/networkFailure';
import { runNode } from '../../support/harness/runWorkflow';
import { sandboxCredentials, useAffeliosSandbox } from '../../support/workflows/affeliosWorkflow';

/**
 * What n8n-core really throws from httpRequestWithAuthentication when the network fails, asked
 * exactly as the Affelios transport asks. nodes/shared/networkFailure.ts relies on these fields: if an n8n
 * update changes them, this test says so before users see "may have been applied" mixed up with
 * "connection refused".
 */
const PROBE_TYPE = 'test.affeliosProbe';

class Probe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Affelios Probe',
		name: PROBE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Sends one request and outputs what was thrown',
		defaults: { name: 'Affelios Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Timeout', name: 'timeoutMs', type: 'number', default: 5000 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = askingForFullAnswer(
			httpOptions({
				method: 'POST',
				url: this.getNodeParameter('url', 0) as string,
				body: { probe: true },
				timeoutMs: this.getNodeParameter('timeoutMs', 0) as number,
			}),
		);
		try {
			await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
			return [[{ json: { thrown: false } }]];
		} catch (error) {
			const thrown = error as IDataObject & { cause?: unknown };
			const json: IDataObject = {
				thrown: true,
				name: thrown.name,
				httpCode: thrown.httpCode,
				messages: thrown.messages,
				hasCause: thrown.cause !== undefined,
				classified: { ...classifyNetworkError(error) },
			};
			return [[{ json }]];
		}
	}
}

const sandbox = useAffeliosSandbox();

async function probe(url: string, timeoutMs = 5000): Promise<IDataObject> {
	const result = await runNode({
		nodeTypes: { [PROBE_TYPE]: new Probe() },
		credentialTypes: [new AffeliosApi()],
		credentials: { [CREDENTIAL_TYPE]: sandboxCredentials(sandbox()) },
		node: { type: PROBE_TYPE, parameters: { url, timeoutMs } },
	});
	return result.items[0].json;
}

describe('network failures as n8n-core throws them', () => {
	it('connection refused: NodeApiError, httpCode ECONNREFUSED, the original dropped', async () => {
		expect(await probe('http://127.0.0.1:9/api/v1/customer')).toEqual({
			thrown: true,
			name: 'NodeApiError',
			httpCode: 'ECONNREFUSED',
			messages: expect.arrayContaining(['connect ECONNREFUSED 127.0.0.1:9']),
			hasCause: false,
			classified: { kind: 'refused', code: 'ECONNREFUSED' },
		});
	});

	it('a connection dropped by the server: httpCode ECONNRESET, "socket hang up"', async () => {
		sandbox().injectFault({ dropConnection: true });
		expect(await probe(`${sandbox().url}/api/v1/customer`)).toEqual(
			expect.objectContaining({
				httpCode: 'ECONNRESET',
				messages: expect.arrayContaining(['socket hang up']),
				classified: { kind: 'reset', code: 'ECONNRESET' },
			}),
		);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('no answer within the timeout: httpCode ECONNABORTED, "timeout of … exceeded"', async () => {
		// No answer ever comes: only the client's own time-out ends the request.
		sandbox().injectFault({ hang: true });
		expect(await probe(`${sandbox().url}/api/v1/customer`, 150)).toEqual(
			expect.objectContaining({
				httpCode: 'ECONNABORTED',
				messages: expect.arrayContaining(['timeout of 150ms exceeded']),
				classified: { kind: 'timeout', code: 'ECONNABORTED' },
			}),
		);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('an HTTP error status is an answer, not a throw (ignoreHttpStatusErrors)', async () => {
		sandbox().injectFault({ status: 503 });
		expect(await probe(`${sandbox().url}/api/v1/customer`)).toEqual({ thrown: false });
	});
});
