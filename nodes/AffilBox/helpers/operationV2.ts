import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollectionOf } from '../../shared/callOptions';
import type { JsonRecord } from '../../shared/jsonProblem';
import { runForEachItem } from '../../shared/runner';
import { affilBoxV2Call, type V2Params } from '../transport/apiV2';
import { V2_CREDENTIAL_TYPE } from '../transport/apiV2/credential';
import { getLicenceZone } from './licence';
import type { RefusedRetry } from './operation';

/**
 * The API v2 (JSON) counterpart of operation.ts: an operation file gives its description and a
 * call builder; the runner here sends through transport/apiV2, shapes the records, pairs items
 * and honours Continue On Fail (through the shared runner, like the XML operations).
 */

/** What one input item asks API v2 for, and how its answer becomes output records. */
export interface AffilBoxV2Call {
	method: 'GET' | 'POST';
	/** Below the API URL, e.g. `invoices/list`. */
	endpoint: string;
	params: V2Params;
	/** The output records of the answer (dates read in the licence zone); may throw a node error. */
	output: (body: JsonRecord, zone: string) => IDataObject[];
	/**
	 * For a call that creates what AffilBox keeps no key to look it up by: in an execution n8n
	 * retries (mode `retry`) the item fails with this error instead of doing it twice.
	 */
	refuseOnRetry?: RefusedRetry;
}

/** What an API v2 operation reads once per execution: the node, the licence's time zone. */
export interface AffilBoxV2Run {
	getNode(): INode;
	licenceZone(): Promise<string>;
}

export interface AffilBoxV2Operation {
	call(
		this: IExecuteFunctions,
		i: number,
		run: AffilBoxV2Run,
	): AffilBoxV2Call | Promise<AffilBoxV2Call>;
}

/**
 * A hidden marker on every API v2 operation. The node's two credentials are told apart by it:
 * AffilBox V2 API is shown where it is set, the XML credential where it is not (saved workflows
 * of the XML operations hold no marker, so they keep their credential as before).
 */
export const API_V2_MARKER: INodeProperties = {
	displayName: 'API',
	name: 'api',
	type: 'hidden',
	default: 'v2',
	description: 'Which AffilBox API the operation uses (set by the operation, not shown)',
};

/** The credential display rules of the node: the XML API's for everything but the v2 operations. */
export const XML_CREDENTIAL_DISPLAY = { hide: { api: ['v2'] } };
export const V2_CREDENTIAL_DISPLAY = { show: { api: ['v2'] } };

const CALL_WORDS = { platform: 'AffilBox', unit: 'items', creates: 'Create' };

/** Options of an API v2 operation: how the calls are sent (there is no raw XML here). */
export const v2OptionsCollection = (own: INodeProperties[] = []): INodeProperties =>
	optionsCollectionOf(
		CALL_WORDS,
		'How the calls are sent (parallel requests, retries, time-out)',
		own,
	);

/** The licence zone of the V2 credential, read at most once per execution. */
export function v2Run(context: IExecuteFunctions, node: INode): AffilBoxV2Run {
	let zone: string | undefined;
	return {
		getNode: () => node,
		licenceZone: async () => (zone ??= await getLicenceZone(context, V2_CREDENTIAL_TYPE)),
	};
}

async function runAffilBoxV2Operation(
	context: IExecuteFunctions,
	operation: AffilBoxV2Operation,
): Promise<INodeExecutionData[]> {
	let run: AffilBoxV2Run | undefined;
	const retrying = context.getMode() === 'retry';
	return await runForEachItem(context, async (itemIndex, execution) => {
		run ??= v2Run(context, execution.getNode());
		const call = await operation.call.call(context, itemIndex, run);
		if (retrying && call.refuseOnRetry !== undefined) {
			throw new NodeOperationError(execution.getNode(), call.refuseOnRetry.message, {
				description: call.refuseOnRetry.description,
				itemIndex,
			});
		}
		const settings = execution.callSettings(itemIndex);
		const zone = await run.licenceZone();
		return async () => {
			const body = await affilBoxV2Call.call(context, {
				method: call.method,
				path: call.endpoint,
				params: call.params,
				itemIndex,
				settings,
			});
			return call.output(body, zone);
		};
	});
}

/** An API v2 operation file's `execute`. */
export function affilBoxV2Operation(
	operation: AffilBoxV2Operation,
): (this: IExecuteFunctions) => Promise<INodeExecutionData[]> {
	return async function execute(this: IExecuteFunctions) {
		return await runAffilBoxV2Operation(this, operation);
	};
}
