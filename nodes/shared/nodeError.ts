import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withHintForModel } from './aiToolError';
import { InvalidInputError } from './invalidInput';

/**
 * Whatever went wrong for an item (or batch) becomes the n8n error the editor shows (or, when a
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

/** The output item "Continue On Fail" makes of an error: its message, extra fields, its description. */
export function errorJson(
	error: NodeApiError | NodeOperationError,
	extra: IDataObject = {},
): IDataObject {
	const json: IDataObject = { error: error.message, ...extra };
	if (error.description) json.description = error.description;
	return json;
}

export interface ApiErrorText {
	message: string;
	description: string;
	httpCode?: number;
	itemIndex?: number;
	/** What the error's `response` shows besides message and status, e.g. the API method called. */
	about: JsonObject;
}

/**
 * A NodeApiError from text the platform chose (never from n8n's request error, which carries the
 * request and its key). NodeApiError swaps a message that mentions a network error code
 * (ECONNREFUSED, ETIMEDOUT…, e.g. in a proxy's 502 page) for its own generic text: ours is kept.
 */
export function apiError(node: INode, text: ApiErrorText): NodeApiError {
	const httpCode = text.httpCode === undefined ? undefined : String(text.httpCode);
	const response: JsonObject = { message: text.message, ...text.about };
	if (httpCode !== undefined) response.httpCode = httpCode;
	const error = new NodeApiError(node, response, {
		message: text.message,
		description: text.description,
		httpCode,
		itemIndex: text.itemIndex,
	});
	error.message = text.message;
	return error;
}
