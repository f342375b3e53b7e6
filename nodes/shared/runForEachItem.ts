import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPrepared, type SendUnit } from './runPrepared';

/**
 * Runs one operation per input item (see runPrepared): `prepare` reads and checks the item's
 * parameters and returns how to send it; every item is prepared before the first is sent.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	prepare: (itemIndex: number) => SendUnit | Promise<SendUnit>,
): Promise<INodeExecutionData[]> {
	const itemIndexes = context.getInputData().map((_, itemIndex) => itemIndex);
	return await runPrepared(
		context,
		itemIndexes,
		(itemIndex) => ({ itemIndex, pairedItem: { item: itemIndex } }),
		prepare,
	);
}
