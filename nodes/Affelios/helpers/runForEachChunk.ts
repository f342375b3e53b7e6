import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunkIndexes } from './chunks';
import { runLimited } from './limiter';
import { toNodeError } from './nodeError';

/** Sends one prepared chunk: its bulk request, resolving to the summary JSON. */
export type SendChunk = () => Promise<IDataObject>;

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
	const continueOnFail = context.continueOnFail();
	const chunks: Chunk[] = chunkIndexes(context.getInputData().length, batchSize).map(
		(itemIndexes, offset) => ({ itemIndexes, batch: offset + 1 }),
	);
	const output: INodeExecutionData[] = new Array<INodeExecutionData>(chunks.length);
	const pairedItemOf = (chunk: Chunk) => chunk.itemIndexes.map((item) => ({ item }));
	const failed = (error: unknown, offset: number): INodeExecutionData => {
		const chunk = chunks[offset];
		const nodeError = toNodeError(context, error, chunk.itemIndexes[0]);
		if (!continueOnFail) throw nodeError;
		const json: IDataObject = {
			error: nodeError.message,
			batch: chunk.batch,
			itemCount: chunk.itemIndexes.length,
		};
		if (nodeError.description) json.description = nodeError.description;
		return { json, pairedItem: pairedItemOf(chunk) };
	};

	const ready: Array<{ offset: number; send: SendChunk }> = [];
	for (const [offset, chunk] of chunks.entries()) {
		try {
			ready.push({ offset, send: prepare(chunk) });
		} catch (error) {
			output[offset] = failed(error, offset);
		}
	}

	const outcomes = await runLimited(
		ready.length,
		concurrency,
		async (index) => await ready[index].send(),
		!continueOnFail,
	);
	for (const [index, outcome] of outcomes.entries()) {
		const { offset } = ready[index];
		if (outcome.status === 'fulfilled') {
			output[offset] = { json: outcome.value, pairedItem: pairedItemOf(chunks[offset]) };
		} else if (outcome.status === 'rejected') {
			output[offset] = failed(outcome.reason, offset);
		}
	}
	return output;
}
