import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { AffeliosApi } from '../../../credentials/AffeliosApi.credentials';
import { Affelios } from '../../../nodes/Affelios/Affelios.node';
import type { NodeUnderTestOptions } from '../harness/nodeUnderTest';
import { runNode, type RunNodeResult } from '../harness/runWorkflow';
import { useSandbox } from '../harness/useSandbox';
import { startAffeliosSandbox } from '../sandbox/affelios';
import seed from '../../fixtures/affelios/seed.json';

export { seed };

export const AFFELIOS_NODE_TYPE = 'n8n-nodes-affelios.affelios';

export type AffeliosSandbox = Awaited<ReturnType<typeof startAffeliosSandbox>>;
export type RecordedRequest = AffeliosSandbox['requests'][number];

/** One sandbox per test file, back to its seed before every test. */
export function useAffeliosSandbox(options: { apiKey?: string } = {}): () => AffeliosSandbox {
	return useSandbox(() => startAffeliosSandbox({ port: 0, ...options }));
}

export function sandboxCredentials(
	sandbox: AffeliosSandbox,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return { baseUrl: sandbox.url, apiKey: sandbox.apiKey, ...overrides };
}

export interface AffeliosRunOptions {
	inputItems?: IDataObject[];
	continueOnFail?: boolean;
	/** On Error as the editor stores it, e.g. 'continueErrorOutput' (wins over continueOnFail). */
	onError?: NodeUnderTestOptions['onError'];
	credentials?: IDataObject;
}

/** Runs the Affelios node as a workflow through n8n-core, against the sandbox. */
export async function runAffelios(
	sandbox: AffeliosSandbox,
	parameters: INodeParameters,
	options: AffeliosRunOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [AFFELIOS_NODE_TYPE]: new Affelios() },
		credentialTypes: [new AffeliosApi()],
		credentials: { affeliosApi: sandboxCredentials(sandbox, options.credentials) },
		node: {
			type: AFFELIOS_NODE_TYPE,
			parameters,
			continueOnFail: options.continueOnFail,
			onError: options.onError,
		},
		inputItems: options.inputItems,
	});
}

/** The JSON of each output item. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.items.map((item) => item.json);
}

/** The last request the sandbox received. */
export function lastRequest(sandbox: AffeliosSandbox): RecordedRequest {
	const request = sandbox.requests.at(-1);
	if (!request) throw new Error('the sandbox received no request');
	return request;
}

/** `METHOD path` of every request the sandbox received, in order. */
export function requestLines(sandbox: AffeliosSandbox): string[] {
	return sandbox.requests.map((request) => `${request.method} ${request.path}`);
}

/**
 * The bodies of the bulk requests the sandbox received, in input order: batches go out in parallel,
 * so they may arrive in any order. Ordered by the number that ends each batch's first externalId.
 */
export function bulkBodiesInInputOrder(sandbox: AffeliosSandbox): IDataObject[][] {
	const position = (body: IDataObject[]) => Number(/\d+$/.exec(String(body[0]?.externalId))?.[0]);
	return sandbox.requests
		.map((request) => request.body as IDataObject[])
		.sort((a, b) => position(a) - position(b));
}

export const [JANA, ZOFIE, ORGANIC] = seed.customers;
export const [DEPOSIT, REVENUE] = seed.transactions;
