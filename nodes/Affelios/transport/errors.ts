import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { renderErrorBody } from './problem';
import { redact } from './redact';

/**
 * Every error about an Affelios call is built here from text we chose and the server's answer,
 * never from n8n's own request error (it carries the request, headers and key included). Server
 * text is redacted too, in case a server echoes the request.
 */
export interface ErrorContext {
	node: INode;
	/** e.g. `POST /api/v1/customer`: user ids may appear, the key never does. */
	request: string;
	apiKey: string | undefined;
	itemIndex?: number;
}

const KEYS_PAGE = 'Settings → API Keys in the Affelios dashboard';

function apiError(
	context: ErrorContext,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	const clean = (text: string) => redact(text, context.apiKey);
	const response: JsonObject = { message: clean(message), request: context.request };
	if (httpCode !== undefined) response.httpCode = String(httpCode);
	const error = new NodeApiError(context.node, response, {
		message: clean(message),
		description: clean(description),
		httpCode: httpCode === undefined ? undefined : String(httpCode),
		itemIndex: context.itemIndex,
	});
	// NodeApiError swaps a message that mentions a network code (ECONNREFUSED…) for a generic one.
	error.message = clean(message);
	return error;
}

/** What each status means, in plain words: [message lead, description]. */
function meaning(statusCode: number, retryAfter: string | undefined): [string, string] {
	switch (statusCode) {
		case 400:
			return [
				'Affelios rejected the data',
				'Fix the fields named in the message; nothing was stored.',
			];
		case 401:
			return [
				'Affelios did not accept the API key',
				`Check the API key in the Affelios credential. Keys are created under ${KEYS_PAGE} and shown only once: if in doubt, create a new one.`,
			];
		case 403:
			return [
				'The API key is not allowed to do this',
				`The key is valid but lacks the permission module this call needs (Customers or Transactions): enable it for the key under ${KEYS_PAGE}.`,
			];
		case 404:
			return [
				'Affelios found nothing here',
				"No record with this ID: use Affelios' own ID (the id returned by Create or Get), not your External ID. If every call answers 404, check the Base URL in the credential.",
			];
		case 409:
			return [
				'This already exists in Affelios',
				'A customer with the same External ID and External Brand ID exists already: use Update, or another External ID.',
			];
		case 422:
			return [
				'Affelios refused this by a business rule',
				'The data is well-formed but Affelios does not allow it (e.g. an unknown brand): see the message.',
			];
		case 429:
			return [
				'Too many requests to Affelios',
				`Wait${retryAfter ? ` ${retryAfter} s (Retry-After)` : ''} and run again, or use Create Many for volume.`,
			];
		default:
			return statusCode >= 500
				? [
						'The Affelios server had a problem',
						'Try again later (Affelios recommends retrying with a growing pause; the node setting "Retry On Fail" does that). A create may already have gone through: check before repeating it.',
					]
				: ['Affelios did not accept the request', 'See the message for what Affelios answered.'];
	}
}

export function httpStatusError(
	context: ErrorContext,
	statusCode: number,
	body: string,
	retryAfter?: string,
): NodeApiError {
	const [lead, description] = meaning(statusCode, retryAfter);
	// Redacted before rendering: the rendering cuts long text, which could leave half a key behind.
	return apiError(
		context,
		`${lead} (HTTP ${statusCode}): ${renderErrorBody(redact(body, context.apiKey))}`,
		`${description} Request: ${context.request}.`,
		statusCode,
	);
}

export function notJsonError(
	context: ErrorContext,
	statusCode: number,
	body: string,
): NodeApiError {
	return apiError(
		context,
		`Affelios answered HTTP ${statusCode} without the expected JSON: ${renderErrorBody(redact(body, context.apiKey))}`,
		`Check the Base URL in the credential: another server may be answering. Request: ${context.request}.`,
		statusCode,
	);
}

export function networkError(
	context: ErrorContext,
	baseUrl: string,
	code: string | undefined,
	reason: string,
): NodeApiError {
	return apiError(
		context,
		`Could not reach Affelios at ${baseUrl}${code ? ` (${code})` : ''}`,
		`${reason}. Check the Base URL in the Affelios credential and your network. Request: ${context.request}.`,
	);
}
