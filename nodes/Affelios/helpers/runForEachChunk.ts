import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunkIndexes } from './chunks';
import { runPrepared, type SendUnit } from './runPrepared';

/** Sends one prepared chunk: its bulk request, resolving to the summary JSON. */
export type SendChunk = SendUnit;

export interface Chunk {
	itemIndexes: number[];
	/** 1-based, as the summaries show it. */
	batch: number;
}

/**
 * Runs a bulk operation once per chunk of input items, up to `concurrency` chunks at a time. Every
 * chunk's body is built first, so a bad item stops the node before any request. Each chunk gives
 * one summary item, in chunk order, paired with every input item of its chunk; with "Continue On
 * Fail" a failing chunk becomes one error item, paired the same way, and the other chunks still go
 * out. Without it, the first failing chunk stops the node (chunks already sent are awaited).
 */
export async function runForEachChunk(
	context: IExecuteFunctions,
	batchSize: number,
	concurrency: number,
	prepare: (chunk: Chunk) => SendChunk,
): Promise<INodeExecutionData[]> {
	const chunks: Chunk[] = chunkIndexes(context.getInputData().length, batchSize).map(
		(itemIndexes, offset) => ({ itemIndexes, batch: offset + 1 }),
	);
	return await runPrepared(
		context,
		chunks,
		concurrency,
		(chunk) => ({
			itemIndex: chunk.itemIndexes[0],
			pairedItem: chunk.itemIndexes.map((item) => ({ item })),
			errorFields: { batch: chunk.batch, itemCount: chunk.itemIndexes.length },
		}),
		prepare,
	);
}
