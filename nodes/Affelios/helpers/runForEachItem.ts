import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from './nodeError';

/**
 * Runs one operation per input item: every output item is paired with its input item, and with
 * "Continue On Fail" a failing item becomes an error item instead of stopping the workflow.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			output.push({ json: await handler(itemIndex), pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			const json: IDataObject = { error: nodeError.message };
			if (nodeError.description) json.description = nodeError.description;
			output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
