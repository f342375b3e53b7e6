import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';

/**
 * Node types used only by the test harness. n8n-nodes-base is not installed, so the harness brings
 * its own start node and its own way to feed items into the node under test.
 */

export const MANUAL_TRIGGER_TYPE = 'test.manualTrigger';
export const ITEMS_NODE_TYPE = 'test.items';

/** Start node of every harness workflow (a manual run must start from a trigger). */
export class TestManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Manual Trigger',
		name: MANUAL_TRIGGER_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Starts a harness workflow with one empty item',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		// The engine replaces `this.emit` only after trigger() returns, so it must be looked up lazily.
		const manualTriggerFunction = async () => {
			this.emit([[{ json: {} }]]);
		};
		return { manualTriggerFunction };
	}
}

/** Outputs the JSON items given in its `items` parameter (a JSON array of objects). */
export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: ITEMS_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Outputs the items given as a JSON array',
		defaults: { name: 'Input Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items (JSON Array)',
				name: 'items',
				type: 'json',
				default: '[{}]',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = typeof raw === 'string' ? jsonParse<unknown>(raw) : raw;
		if (!Array.isArray(items)) {
			throw new NodeOperationError(this.getNode(), 'The "items" parameter must be a JSON array');
		}
		// Every output item comes from the single trigger item.
		return [
			items.map((json) => ({
				json: json as IDataObject,
				pairedItem: { item: 0 },
			})),
		];
	}
}

/** The harness node types, keyed by type name, ready to merge into a registry map. */
export function harnessNodeTypes(): Record<string, INodeType> {
	return {
		[MANUAL_TRIGGER_TYPE]: new TestManualTrigger(),
		[ITEMS_NODE_TYPE]: new TestItems(),
	};
}
