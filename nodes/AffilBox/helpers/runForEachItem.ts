import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from './invalidInput';

function toNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error.hint ?? `Check the field "${error.field}".`,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs one operation per input item: every output item is paired with its input item, and with
 * "Continue On Fail" a failing item becomes an error item instead of stopping the workflow.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const records = await handler(itemIndex);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
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
