import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withHintForModel } from './aiToolError';
import { InvalidInputError } from './invalidInput';
import type { NetworkFailure } from './networkFailure';

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

/**
 * What both nodes say about a failed call, in the platform's words: the sentences are the same
 * for AffilBox and Affelios, only the platform's name and its credential's address field differ.
 */
export interface PlatformWords {
	/** As users know it, e.g. "AffilBox". */
	name: string;
	/** The credential field holding the API's address, e.g. "API URL". */
	urlField: string;
	/** The credential's name where it is not the platform's, e.g. "AffilBox V2 API". */
	credential?: string;
}

/** What both nodes say about a failed TLS handshake: it comes before the request, so nothing was sent. */
export const TLS_NOT_SENT =
	"The secure connection could not be set up (the server's certificate was not accepted), so nothing was sent";

/** ` (ECONNRESET)`, or '' when the failure has no code. */
export function codeNote(failure: Pick<NetworkFailure, 'code'>): string {
	return failure.code ? ` (${failure.code})` : '';
}

/** `Could not reach AffilBox at <url> (ECONNREFUSED)`: a request that got no answer. */
export function couldNotReach(
	platform: PlatformWords,
	url: string,
	failure: NetworkFailure,
): string {
	return `Could not reach ${platform.name} at ${url}${codeNote(failure)}`;
}

/**
 * What a request without an answer ran into and what to check: that nothing was sent (after a
 * failed TLS handshake), n8n's plain-words `reason` (never the request, which carries the key),
 * then the credential's address and the network.
 */
export function networkAdvice(
	platform: PlatformWords,
	failure: NetworkFailure,
	reason: string,
): string {
	const tls = failure.kind === 'tls' ? `${TLS_NOT_SENT}. ` : '';
	return `${tls}${withoutFinalStop(reason)}. Check the ${platform.urlField} in the ${platform.credential ?? platform.name} credential and your network.`;
}

/**
 * `AffilBox did not answer within 30 s`; with `at`: `Affelios at <url> did not answer…`; with
 * `method`: `AffilBox did not answer GetConversions within…`.
 */
export function didNotAnswer(
	platform: PlatformWords,
	timeoutSeconds: number,
	about: { at?: string; method?: string } = {},
): string {
	const at = about.at === undefined ? '' : ` at ${about.at}`;
	const method = about.method === undefined ? '' : ` ${about.method}`;
	return `${platform.name}${at} did not answer${method} within ${timeoutSeconds} s`;
}

/** `The AffilBox server had a problem`: what a 5xx means. */
export function serverHadAProblem(platform: PlatformWords): string {
	return `The ${platform.name} server had a problem`;
}

/**
 * `<subject> may have been applied: check AffilBox before running it again`: a call that creates
 * something failed in a way that leaves open whether the platform carried it out, so it was not
 * repeated (shared retry policy: retryPolicy.ts) and the user must look first.
 */
export function mayHaveBeenApplied(platform: PlatformWords, subject: string): string {
	return `${subject} may have been applied: check ${platform.name} before running it again`;
}

/** n8n's texts may end with a full stop; ours go on after them. */
export function withoutFinalStop(text: string): string {
	return text.replace(/\.\s*$/, '');
}
