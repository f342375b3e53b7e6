import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunkIndexes } from './chunks';
import { toNodeError } from './nodeError';

/**
 * Runs a bulk operation once per chunk of input items. Each chunk gives one summary item, paired with
 * every input item of its chunk; with "Continue On Fail" a failing chunk becomes one error item,
 * paired the same way, and the other chunks still go out.
 */
export async function runForEachChunk(
	context: IExecuteFunctions,
	batchSize: number,
	handler: (itemIndexes: number[], batch: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const chunks = chunkIndexes(context.getInputData().length, batchSize);
	for (const [offset, itemIndexes] of chunks.entries()) {
		const batch = offset + 1;
		const pairedItem = itemIndexes.map((item) => ({ item }));
		try {
			output.push({ json: await handler(itemIndexes, batch), pairedItem });
		} catch (error) {
			const nodeError = toNodeError(context, error, itemIndexes[0]);
			if (!context.continueOnFail()) throw nodeError;
			const json: IDataObject = {
				error: nodeError.message,
				batch,
				itemCount: itemIndexes.length,
			};
			if (nodeError.description) json.description = nodeError.description;
			output.push({ json, pairedItem });
		}
	}
	return output;
}
