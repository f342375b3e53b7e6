import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readCallSettings } from '../../shared/callOptions';
import { runForEachItem as runEachItem } from '../../shared/runForEachItem';
import {
	affilBoxApiCall,
	type AffilBoxCallResult,
	type AffilBoxParams,
	type AnswerReading,
} from '../transport';
import { wantsRawXml } from './parameters';

/**
 * What a call does when it may already have been done for this item: in an execution n8n retries
 * (mode `retry`: a user's Retry of a failed execution runs its failed node again for every item),
 * and with Options → Skip If Already Done (a caller may send the same batch again). `lookup` asks
 * AffilBox first, and `done` reads that answer: the records to output instead of sending the call
 * again, or undefined (not done yet: send it). `refuse` (retries only): AffilBox keeps no key to
 * look it up by, so the item fails with this error rather than doing it twice.
 */
export type OnRetry =
	| {
			lookup: { method: string; params: AffilBoxParams };
			done: (result: AffilBoxCallResult) => IDataObject[] | undefined;
	  }
	| { refuse: { message: string; description: string } };

/** What one input item asks for: an API call, and how its answer becomes output records. */
export interface ItemCall {
	method: string;
	params: AffilBoxParams;
	toRecords: (result: AffilBoxCallResult) => IDataObject[];
	/** Adds advice to the error of a failed call, e.g. which field to fill in (see ambiguousConversion.ts). */
	explainError?: (error: NodeApiError | NodeOperationError) => void;
	/** What to keep of the answer (default: every record); Include Raw XML is added here. */
	reading?: AnswerReading;
	/** For calls that create or change something: what to do in an execution n8n retries. */
	onRetry?: OnRetry;
}

/** Whether this run is n8n's retry of an execution (the run before may have got part way). */
function isRetry(context: IExecuteFunctions): boolean {
	return context.getMode() === 'retry';
}

/** What the item's call does about having been done already (undefined: nothing). */
function repeatGuard(
	context: IExecuteFunctions,
	call: ItemCall,
	itemIndex: number,
): OnRetry | undefined {
	const guard = call.onRetry;
	if (guard === undefined) return undefined;
	if (isRetry(context)) return guard;
	if ('refuse' in guard) return undefined;
	const options = context.getNodeParameter('options', itemIndex, {}) as {
		skipIfAlreadyDone?: unknown;
	};
	return options.skipIfAlreadyDone === true ? guard : undefined;
}

/**
 * One AffilBox call per input item, through the shared prepare-then-send runner: every item's
 * call (and its Max Retries and Timeout) is read and checked before the first is sent.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<ItemCall>,
): Promise<INodeExecutionData[]> {
	return await runEachItem(context, async (itemIndex) => {
		const call = await prepare(itemIndex);
		const settings = readCallSettings(context, itemIndex);
		const reading = { ...call.reading, rawXml: wantsRawXml(context, itemIndex) };
		const onRetry = repeatGuard(context, call, itemIndex);
		if (onRetry !== undefined && 'refuse' in onRetry) {
			throw new NodeOperationError(context.getNode(), onRetry.refuse.message, {
				description: onRetry.refuse.description,
				itemIndex,
			});
		}
		return async () => {
			try {
				if (onRetry !== undefined) {
					const { method, params } = onRetry.lookup;
					const found = await affilBoxApiCall.call(context, method, params, itemIndex, settings, {
						rawXml: reading.rawXml,
					});
					const done = onRetry.done(found);
					if (done !== undefined) return done;
				}
				const result = await affilBoxApiCall.call(
					context,
					call.method,
					call.params,
					itemIndex,
					settings,
					reading,
				);
				return call.toRecords(result);
			} catch (error) {
				// Advice is read off the API's own message, before the runner adds hints for a model.
				const failure =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
				call.explainError?.(failure);
				throw failure;
			}
		};
	});
}
