import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../../shared/invalidInput';
import { toNodeError } from '../../shared/nodeError';
import { readWholeNumber } from '../../shared/numbers';
import { getCollection } from '../../shared/parameters';

export const DEFAULT_BATCH_SIZE = 500;

// Affelios documents no limit: this keeps a request well below common proxy body limits.
export const MAX_BATCH_SIZE = 1000;

/** Read once, from the first item: chunks must be cut before any request goes out. */
export function readBatchSize(context: IExecuteFunctions): number {
	const options = getCollection(context, 'options', 0);
	try {
		return readWholeNumber(options.batchSize ?? DEFAULT_BATCH_SIZE, 'Batch Size', {
			min: 1,
			max: MAX_BATCH_SIZE,
		});
	} catch (error) {
		throw toNodeError(context, error, 0);
	}
}

/**
 * The bulk request body for a chunk: each item mapped from the UI fields, or its JSON as is. A bad
 * value stops the chunk before anything is sent, naming the field and the item.
 */
export function chunkBody(
	context: IExecuteFunctions,
	itemIndexes: number[],
	mapItem: (itemIndex: number) => IDataObject,
): IDataObject[] {
	const useJson = context.getNodeParameter('inputMode', 0) === 'json';
	const items = context.getInputData();
	return itemIndexes.map((itemIndex) => {
		if (useJson) return items[itemIndex].json;
		try {
			return mapItem(itemIndex);
		} catch (error) {
			if (error instanceof InvalidInputError) {
				throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${error.message}`, {
					itemIndex,
					description: `${error.hint ?? `Check the field "${error.field}".`} Nothing of this batch was sent.`,
				});
			}
			throw toNodeError(context, error, itemIndex);
		}
	});
}

/** Names a batch and its items for an error, e.g. "Create Many Customers, batch 2 (items 500–999)". */
export function batchSubject(operation: string, batch: number, itemIndexes: number[]): string {
	const first = itemIndexes[0];
	const last = itemIndexes[itemIndexes.length - 1];
	const items = first === last ? `item ${first}` : `items ${first}–${last}`;
	return `${operation}, batch ${batch} (${items})`;
}
