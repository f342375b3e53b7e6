import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPrepared, type SendUnit } from './runPrepared';

/** Sends one prepared item: its request(s), resolving to the output JSON. */
export type SendItem = SendUnit;

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
	const itemIndexes = context.getInputData().map((_, itemIndex) => itemIndex);
	return await runPrepared(
		context,
		itemIndexes,
		concurrency,
		(itemIndex) => ({ itemIndex, pairedItem: { item: itemIndex } }),
		prepare,
	);
}
