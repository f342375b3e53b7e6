import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { AffilBoxApiV2Api } from '../../../credentials/AffilBoxApiV2Api.credentials';
import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';
import { LATEST_VERSION as LATEST_AFFILBOX_VERSION } from '../../../nodes/AffilBox/descriptions/versions';
import { createAdditionalData } from '../harness/additionalData';
import { InMemoryCredentialsHelper } from '../harness/credentialsHelper';
import { NodeTypesRegistry } from '../harness/nodeTypes';
import type { NodeUnderTestOptions } from '../harness/nodeUnderTest';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness/runWorkflow';
import { useSandbox } from '../harness/useSandbox';
import { startAffilBoxSandbox } from '../sandbox/affilbox';
import seed from '../../fixtures/affilbox/seed.json';

export { seed };

export const AFFILBOX_NODE_TYPE = 'n8n-nodes-affilbox.affilBox';

export type AffilBoxSandbox = Awaited<ReturnType<typeof startAffilBoxSandbox>>;

/** One sandbox per test file, back to its seed before every test. */
export function useAffilBoxSandbox(): () => AffilBoxSandbox {
	return useSandbox(() => startAffilBoxSandbox({ port: 0 }));
}

export function sandboxCredentials(
	sandbox: AffilBoxSandbox,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return { apiUrl: sandbox.url, apiKey: sandbox.apiKey, timeZone: 'Europe/Prague', ...overrides };
}

/** The AffilBox V2 API credential against the sandbox's API v2 (below /v2). */
export function sandboxV2Credentials(
	sandbox: AffilBoxSandbox,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		instanceNumber: sandbox.v2Instance,
		apiKey: sandbox.apiKey,
		apiUrl: sandbox.v2Url,
		timeZone: 'Europe/Prague',
		...overrides,
	};
}

export interface AffilBoxRunOptions {
	inputItems?: IDataObject[];
	continueOnFail?: boolean;
	/** On Error as the editor stores it, e.g. 'continueErrorOutput' (wins over continueOnFail). */
	onError?: NodeUnderTestOptions['onError'];
	credentials?: IDataObject;
	/** Default: the package's AffilBox credential type (a test may pass a subclass that counts). */
	credentialType?: ICredentialType;
	/**
	 * Default 1: most engine tests pin what workflows saved with version 1 rely on (values as the
	 * server sent them, plain IDs). Version 2 tests pass 2.
	 */
	typeVersion?: number;
	/** How n8n runs the execution (default `manual`; `retry`: a user's Retry of an execution). */
	mode?: RunNodeOptions['mode'];
}

/** Runs the AffilBox node as a workflow through n8n-core, against the sandbox. */
export async function runAffilBox(
	sandbox: AffilBoxSandbox,
	parameters: INodeParameters,
	options: AffilBoxRunOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [AFFILBOX_NODE_TYPE]: new AffilBox() },
		credentialTypes: [options.credentialType ?? new AffilBoxApi()],
		credentials: { affilBoxApi: sandboxCredentials(sandbox, options.credentials) },
		node: {
			type: AFFILBOX_NODE_TYPE,
			typeVersion: options.typeVersion ?? 1,
			parameters,
			continueOnFail: options.continueOnFail,
			onError: options.onError,
		},
		inputItems: options.inputItems,
		mode: options.mode,
	});
}

/**
 * Runs an API v2 operation of the AffilBox node as a workflow through n8n-core, with the node
 * holding only the AffilBox V2 API credential, as the editor saves it for these operations.
 */
export async function runAffilBoxV2(
	sandbox: AffilBoxSandbox,
	parameters: INodeParameters,
	options: Omit<AffilBoxRunOptions, 'credentialType'> = {},
): Promise<RunNodeResult> {
	const credentialType = new AffilBoxApiV2Api();
	return await runNode({
		nodeTypes: { [AFFILBOX_NODE_TYPE]: new AffilBox() },
		credentialTypes: [credentialType],
		credentials: { [credentialType.name]: sandboxV2Credentials(sandbox, options.credentials) },
		node: {
			type: AFFILBOX_NODE_TYPE,
			typeVersion: options.typeVersion ?? LATEST_AFFILBOX_VERSION,
			parameters,
			continueOnFail: options.continueOnFail,
			onError: options.onError,
		},
		inputItems: options.inputItems,
		mode: options.mode,
	});
}

/** Every call the sandbox received: method and parameters. */
export function sentCalls(
	sandbox: AffilBoxSandbox,
): Array<{ method: string; params: Record<string, string> }> {
	return sandbox.requests.map(({ method, params }) => ({ method, params }));
}

/** Runs the node of `typeVersion` against the sandbox as seeded; what it output and what it sent. */
export async function runOnSeed(
	sandbox: AffilBoxSandbox,
	parameters: INodeParameters,
	typeVersion: number,
): Promise<{ result: RunNodeResult; sent: ReturnType<typeof sentCalls> }> {
	sandbox.reset();
	const result = await runAffilBox(sandbox, parameters, { typeVersion });
	return { result, sent: sentCalls(sandbox) };
}

/** The JSON of each output item. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.items.map((item) => item.json);
}

/** The parameters of the last call the sandbox received. */
export function lastCall(sandbox: AffilBoxSandbox): {
	method: string;
	params: Record<string, string>;
} {
	const call = sandbox.requests.at(-1);
	if (!call) throw new Error('the sandbox received no call');
	return call as { method: string; params: Record<string, string> };
}

export function seedCount(
	predicate: (conversion: (typeof seed.conversions)[number]) => boolean,
): number {
	return seed.conversions.filter(predicate).length;
}

/**
 * What the editor uses to fill a dropdown or picker of an AffilBox node: n8n-core's
 * LoadOptionsContext on a node of the given version, with the sandbox's credential.
 */
export function loadOptionsContext(
	sandbox: AffilBoxSandbox,
	options: { typeVersion: number; parameters: INodeParameters; credentials?: IDataObject },
): LoadOptionsContext {
	const node: INode = {
		id: 'affilbox',
		name: 'AffilBox',
		type: AFFILBOX_NODE_TYPE,
		typeVersion: options.typeVersion,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { affilBoxApi: { id: '1', name: 'AffilBox sandbox' } },
	};
	const nodeTypes = new NodeTypesRegistry({ [AFFILBOX_NODE_TYPE]: new AffilBox() });
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new InMemoryCredentialsHelper([new AffilBoxApi()], {
		affilBoxApi: sandboxCredentials(sandbox, options.credentials),
	});
	return new LoadOptionsContext(
		workflow,
		node,
		createAdditionalData({ credentialsHelper, executionId: 'load-options' }),
		'campaignId',
	);
}
