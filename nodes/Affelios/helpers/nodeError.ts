import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withHintForModel } from '../../shared/aiToolError';
import { InvalidInputError } from './invalidInput';

/**
 * Whatever went wrong for an item (or chunk) becomes the n8n error the editor shows (or, when a
 * model called the node as a tool, the error with its hint in the message).
 */
export function toNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	return withHintForModel(context.getNode(), asNodeError(context, error, itemIndex));
}

function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error.hint ?? `Check the field "${error.field}". Nothing was sent.`,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
