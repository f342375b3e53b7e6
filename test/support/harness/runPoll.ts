import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeTypes,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ApplicationError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { InMemoryCredentialsHelper } from './credentialsHelper';
import type { NodeTypeMap } from './nodeTypes';
import { withNodeTypes } from './nodeTypes';
import type { NodeUnderTestOptions } from './nodeUnderTest';
import { buildNodeUnderTest } from './nodeUnderTest';

export interface RunPollOptions {
	nodeTypes: NodeTypeMap | INodeTypes;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	node: Omit<NodeUnderTestOptions, 'continueOnFail' | 'onError'>;
	/**
	 * The workflow's static data as last saved (as returned in `RunPollResult.staticData`).
	 * It is copied, never changed: keeping, reloading or losing a poll's writes is the test's choice.
	 */
	staticData?: IDataObject;
	/**
	 * The node's static data kept apart from the workflow's, as n8n 2.36+ does with durable poll
	 * cursors (its `poller_state` row; `getWorkflowStaticData('node')` returns a copy of it). Unset:
	 * the node's part of `staticData`, as with default settings. Copied, never changed.
	 */
	nodeStaticData?: IDataObject;
	/** What `getPollBudgetMs()` returns (newer n8n only); unset: the context has none (n8n-core 2.11). */
	pollBudgetMs?: number;
	/** Default `trigger`, the mode n8n polls active workflows in. */
	mode?: WorkflowExecuteMode;
	/** Default `activate`. */
	activation?: WorkflowActivateMode;
}

export interface RunPollResult {
	/** What `poll()` returned: `null` means "nothing new". */
	output: INodeExecutionData[][] | null;
	/** The whole workflow static data after the poll, as JSON (the form n8n saves it in). */
	staticData: IDataObject;
	/** This node's static data after the poll (`getWorkflowStaticData('node')`), as JSON. */
	nodeStaticData: IDataObject;
	/** Whether the poll wrote to static data (n8n saves it only then). */
	staticDataChanged: boolean;
}

export interface Poller {
	/** Polls once more with the same in-memory workflow, as n8n does between two restarts. */
	poll(): Promise<RunPollResult>;
}

/**
 * One activated workflow holding the polling node. Its static data lives in memory across `poll()`
 * calls, like in a running n8n; `runPoll` models a fresh start from saved static data instead.
 */
export function createPoller(options: RunPollOptions): Poller {
	const nodeTypes = withNodeTypes(options.nodeTypes, {});
	const credentials = options.credentials ?? {};
	const node = buildNodeUnderTest(options.node, nodeTypes, Object.keys(credentials), [0, 0]);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (nodeType.poll === undefined) {
		throw new ApplicationError(`Node type "${node.type}" has no poll() method`);
	}
	const poll = nodeType.poll;
	const workflow = new Workflow({
		id: 'harness-poll-workflow',
		name: 'Harness poll workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		// Round-trip through JSON, as loading from n8n's database would.
		staticData: toJson(options.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});
	const additionalData = createAdditionalData({
		credentialsHelper: new InMemoryCredentialsHelper(options.credentialTypes ?? [], credentials),
		executionId: 'harness-poll',
	});
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		options.activation ?? 'activate',
	);
	const staticKey = `node:${node.name}`;
	const apart = options.nodeStaticData === undefined ? undefined : toJson(options.nodeStaticData);
	if (apart !== undefined) {
		// n8n 2.41.1's PollContext reads the node's static data through a resolver given to it.
		const ownStaticData = context.getWorkflowStaticData.bind(context);
		context.getWorkflowStaticData = (type: string) =>
			type === 'node' ? apart : ownStaticData(type);
	}
	if (options.pollBudgetMs !== undefined) {
		const budget = options.pollBudgetMs;
		Object.assign(context, { getPollBudgetMs: () => budget });
	}

	return {
		async poll() {
			const output = await poll.call(context);
			const changed = workflow.staticData.__dataChanged === true;
			// n8n clears the flag once it has saved; each result reports only its own poll's writes.
			workflow.staticData.__dataChanged = false;
			const staticData = toJson(workflow.staticData);
			return {
				output,
				staticData,
				nodeStaticData:
					apart !== undefined
						? toJson(apart)
						: ((staticData[staticKey] as IDataObject | undefined) ?? {}),
				staticDataChanged: changed,
			};
		},
	};
}

/** Polls once, from the given saved static data. */
export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	return await createPoller(options).poll();
}

function toJson(data: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(data)) as IDataObject;
}
