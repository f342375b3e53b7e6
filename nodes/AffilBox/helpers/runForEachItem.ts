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

/** What one input item asks for: an API call, and how its answer becomes output records. */
export interface ItemCall {
	method: string;
	params: AffilBoxParams;
	toRecords: (result: AffilBoxCallResult) => IDataObject[];
	/** Adds advice to the error of a failed call, e.g. which field to fill in (see ambiguousConversion.ts). */
	explainError?: (error: NodeApiError | NodeOperationError) => void;
	/** What to keep of the answer (default: every record); Include Raw XML is added here. */
	reading?: AnswerReading;
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
		return async () => {
			try {
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
