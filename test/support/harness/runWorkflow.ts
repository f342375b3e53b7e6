import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IRunData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ApplicationError, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { InMemoryCredentialsHelper } from './credentialsHelper';
import { toErrorInstance } from './executionError';
import type { NodeTypeMap } from './nodeTypes';
import { withNodeTypes } from './nodeTypes';
import type { NodeUnderTestOptions } from './nodeUnderTest';
import { buildNodeUnderTest } from './nodeUnderTest';
import { ITEMS_NODE_TYPE, MANUAL_TRIGGER_TYPE, harnessNodeTypes } from './testNodes';

export { runPoll, createPoller } from './runPoll';
export type { RunPollOptions, RunPollResult, Poller } from './runPoll';

export interface RunNodeOptions {
	/** Must include the node under test; the harness adds its own trigger and items nodes. */
	nodeTypes: NodeTypeMap | INodeTypes;
	credentialTypes: ICredentialType[];
	/** Decrypted credential data per credential type name; each is also set on the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	node: NodeUnderTestOptions;
	/** The items fed into the node under test. Default: one empty item. */
	inputItems?: IDataObject[];
	/** How n8n runs the execution: `manual` (default), or e.g. `retry` (a user's Retry of an execution). */
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	/** Output 0 of the node under test; `[]` if it failed. */
	items: INodeExecutionData[];
	/** Every main output of the node under test (e.g. the error output with `continueErrorOutput`). */
	outputs: INodeExecutionData[][];
	/** The node's error if it failed (also set when "continue on fail" passed the input through). */
	error?: ExecutionBaseError | Error;
	/** False when the node had no input items, so n8n did not run it. */
	executed: boolean;
	runData: IRunData;
	/** The whole run as the engine returned it to the `workflowExecuteAfter` hook. */
	run: IRun;
}

const TRIGGER_NAME = 'Manual Trigger';
const ITEMS_NAME = 'Input Items';

/** Runs `Manual Trigger → Input Items → node under test` through n8n-core's real engine. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeTypes = withNodeTypes(options.nodeTypes, harnessNodeTypes());
	const credentials = options.credentials ?? {};
	const node = buildNodeUnderTest(options.node, nodeTypes, Object.keys(credentials), [400, 0]);
	const workflowData = buildWorkflowData(node, options.inputItems ?? [{}]);
	const workflow = new Workflow({ ...workflowData, nodeTypes });

	const executionId = `harness-${Date.now()}`;
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	let finishedRun: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (run) => {
		finishedRun = run;
	});
	const additionalData = createAdditionalData({
		credentialsHelper: new InMemoryCredentialsHelper(options.credentialTypes, credentials),
		hooks,
		executionId,
	});
	// A manual run starts with the trigger on the stack and one empty item, as WorkflowExecute.run does.
	const [trigger] = workflowData.nodes;
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: trigger, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	if (finishedRun === undefined) {
		throw new ApplicationError('The workflow ended without calling workflowExecuteAfter');
	}
	return toResult(finishedRun, node.name);
}

function buildWorkflowData(nodeUnderTest: INode, inputItems: IDataObject[]): IWorkflowBase {
	const nodes: INode[] = [
		{
			id: 'harness-trigger',
			name: TRIGGER_NAME,
			type: MANUAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'harness-items',
			name: ITEMS_NAME,
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(inputItems) },
		},
		nodeUnderTest,
	];
	const connections: IConnections = {
		[TRIGGER_NAME]: { main: [[{ node: ITEMS_NAME, type: 'main', index: 0 }]] },
		[ITEMS_NAME]: {
			main: [[{ node: nodeUnderTest.name, type: 'main', index: 0 }]],
		},
	};
	const now = new Date();
	return {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		// The execution order of every workflow created in current n8n versions.
		settings: { executionOrder: 'v1' },
	};
}

function toResult(run: IRun, nodeName: string): RunNodeResult {
	const { runData, error: workflowError, lastNodeExecuted } = run.data.resultData;
	const task = runData[nodeName]?.at(-1);
	// A failure before the node under test is a harness problem, not a finding about the node.
	if (workflowError !== undefined && lastNodeExecuted !== nodeName) {
		throw new ApplicationError(
			`Harness workflow failed in "${lastNodeExecuted}": ${workflowError.message}`,
		);
	}
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	return {
		items: outputs[0] ?? [],
		outputs,
		error: task?.error !== undefined ? toErrorInstance(task.error) : undefined,
		executed: task !== undefined,
		runData,
		run,
	};
}
