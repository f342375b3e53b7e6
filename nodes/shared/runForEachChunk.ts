import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPrepared, type SendUnit } from './runPrepared';

export interface Chunk {
	itemIndexes: number[];
	/** 1-based, as the summaries show it. */
	batch: number;
}

/** Item indexes 0..count-1 cut into consecutive chunks of at most `size`. */
export function chunkIndexes(count: number, size: number): number[][] {
	const chunks: number[][] = [];
	for (let start = 0; start < count; start += size) {
		const end = Math.min(start + size, count);
		chunks.push(Array.from({ length: end - start }, (_, offset) => start + offset));
	}
	return chunks;
}

/**
 * Runs a bulk operation once per chunk of input items (see runPrepared). Every chunk's body is
 * built first, so a bad item stops the node before any request. Each chunk gives one summary item,
 * in chunk order, paired with every input item of its chunk; with "Continue On Fail" a failing
 * chunk becomes one error item (with `batch` and `itemCount`), paired the same way.
 */
export async function runForEachChunk(
	context: IExecuteFunctions,
	batchSize: number,
	prepare: (chunk: Chunk) => SendUnit | Promise<SendUnit>,
): Promise<INodeExecutionData[]> {
	const chunks: Chunk[] = chunkIndexes(context.getInputData().length, batchSize).map(
		(itemIndexes, offset) => ({ itemIndexes, batch: offset + 1 }),
	);
	return await runPrepared(
		context,
		chunks,
		(chunk) => ({
			itemIndex: chunk.itemIndexes[0],
			pairedItem: chunk.itemIndexes.map((item) => ({ item })),
			errorFields: { batch: chunk.batch, itemCount: chunk.itemIndexes.length },
		}),
		prepare,
	);
}
