import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runLimited } from './limiter';
import { toNodeError } from './nodeError';

/** Sends one prepared item: its request(s), resolving to the output JSON. */
export type SendItem = () => Promise<IDataObject>;

/**
 * Runs one operation per input item, up to `concurrency` items at a time. First every item is
 * prepared (parameters read and checked, body built), so bad input stops the node before any
 * request; then the prepared items are sent. Output keeps the input order, every output item is
 * paired with its input item, and with "Continue On Fail" a failing item becomes an error item
 * instead of stopping the workflow. Without it, the first failure (in input order) stops the node:
 * no new item starts, those already sent are awaited.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	concurrency: number,
	prepare: (itemIndex: number) => SendItem,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const count = context.getInputData().length;
	const output: INodeExecutionData[] = new Array<INodeExecutionData>(count);
	const failed = (error: unknown, itemIndex: number): INodeExecutionData => {
		const nodeError = toNodeError(context, error, itemIndex);
		if (!continueOnFail) throw nodeError;
		const json: IDataObject = { error: nodeError.message };
		if (nodeError.description) json.description = nodeError.description;
		return { json, pairedItem: { item: itemIndex } };
	};

	const ready: Array<{ itemIndex: number; send: SendItem }> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			ready.push({ itemIndex, send: prepare(itemIndex) });
		} catch (error) {
			output[itemIndex] = failed(error, itemIndex);
		}
	}

	const outcomes = await runLimited(
		ready.length,
		concurrency,
		async (index) => await ready[index].send(),
		!continueOnFail,
	);
	for (const [index, outcome] of outcomes.entries()) {
		const { itemIndex } = ready[index];
		// Skipped items only follow a failure, which has thrown by then.
		if (outcome.status === 'fulfilled') {
			output[itemIndex] = { json: outcome.value, pairedItem: { item: itemIndex } };
		} else if (outcome.status === 'rejected') {
			output[itemIndex] = failed(outcome.reason, itemIndex);
		}
	}
	return output;
}
