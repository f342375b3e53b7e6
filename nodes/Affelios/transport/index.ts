import {
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type NodeApiError,
} from 'n8n-workflow';

import type { CallSettings } from '../../shared/callOptions';
import { bodyText, exchangeOnce, headerOf } from '../../shared/exchange';
import { parseJson } from '../../shared/jsonProblem';
import { redactJson } from '../../shared/redact';
import { MAX_RETRY_AFTER_MS } from '../../shared/retryPolicy';
import { sendWithRetries, type RetriedCall } from '../../shared/sendWithRetries';
import { checkBaseUrl, CREDENTIAL_TYPE } from './credential';
import {
	affeliosMayHaveBeenAppliedError,
	affeliosNetworkError,
	affeliosStatusError,
	notJsonError,
	uncertainCause,
	type AffeliosErrorContext,
} from './errors';

export { CREDENTIAL_TYPE };

export interface AttemptRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: unknown;
	timeoutMs: number;
}

/**
 * What n8n's request helper is asked for: JSON in and out, as text (the shared exchange adds "the
 * full answer, whatever its status"). The body is serialised here so that arrays and numbers go
 * out exactly as built.
 */
export function httpOptions(request: AttemptRequest): IHttpRequestOptions {
	const hasBody = request.body !== undefined;
	return {
		method: request.method,
		url: request.url,
		headers: hasBody
			? { Accept: 'application/json', 'Content-Type': 'application/json' }
			: { Accept: 'application/json' },
		body: hasBody ? JSON.stringify(request.body) : undefined,
		json: false,
		encoding: 'text',
		timeout: request.timeoutMs,
	};
}

export interface AffeliosRequest {
	method: IHttpRequestMethods;
	/** Below `/api/v1/`, e.g. `customer/bulk`; ids are URL-encoded by the caller. */
	path: string;
	body?: unknown;
	itemIndex?: number;
	/**
	 * The answer must be a JSON object or array (customer calls); `false`: anything, transaction
	 * calls answer 202 without a body; `'orEmpty'`: any JSON value or no body at all (Custom API
	 * Call: what else comes is no Affelios answer).
	 */
	expectJson: boolean | 'orEmpty';
	settings: CallSettings;
	/**
	 * Set on calls that create something, naming what for the user, e.g. "Create Customer (item
	 * 3)". Such a call is repeated only when Affelios certainly did not act on it; when that is
	 * open, the error says so with this name.
	 */
	creates?: string;
	/** A sentence for the error of an answer with this status, before the status's own advice. */
	explainStatus?: (statusCode: number) => string | undefined;
}

export interface AffeliosAnswer {
	statusCode: number;
	/** The parsed JSON answer; undefined when there was none. */
	data: unknown;
}

/** The error for the last attempt, worded by why the node stopped there. */
function finalError(
	context: AffeliosErrorContext,
	request: AffeliosRequest,
	baseUrl: string,
	call: Extract<RetriedCall, { ok: false }>,
): NodeApiError {
	const { timeoutMs } = request.settings;
	const { last, reason } = call;
	if (reason === 'may-have-been-applied' && request.creates !== undefined) {
		const cause = uncertainCause(
			context,
			last.kind === 'response'
				? { kind: 'status', statusCode: last.statusCode, body: bodyText(last) }
				: { kind: 'network', failure: last.failure, timeoutMs },
		);
		const httpCode = last.kind === 'response' ? last.statusCode : undefined;
		return affeliosMayHaveBeenAppliedError(context, request.creates, cause, httpCode);
	}
	const notes = [
		reason === 'wait-too-long'
			? `Affelios asked to wait longer than the ${MAX_RETRY_AFTER_MS / 1000} s the node waits by itself.`
			: undefined,
		last.kind === 'response' ? request.explainStatus?.(last.statusCode) : undefined,
	].filter((note) => note !== undefined);
	const final: AffeliosErrorContext = {
		...context,
		attempts: reason === 'exhausted' ? call.attempts : undefined,
		note: notes.length > 0 ? notes.join(' ') : undefined,
	};
	return last.kind === 'response'
		? affeliosStatusError(final, last.statusCode, bodyText(last), headerOf(last, 'retry-after'))
		: affeliosNetworkError(final, baseUrl, last.failure, last.reason, timeoutMs);
}

/**
 * One Affelios API call, repeated on passing failures as the shared retry policy decides. The
 * credential adds the key headers; errors never carry the request.
 */
export async function affeliosRequest(
	this: IExecuteFunctions,
	request: AffeliosRequest,
): Promise<AffeliosAnswer> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, request.itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
	const base = checkBaseUrl(credentials.baseUrl);
	if (!base.ok) {
		throw new NodeOperationError(this.getNode(), base.message, {
			description: 'Fix the Base URL field of the Affelios credential.',
			itemIndex: request.itemIndex,
		});
	}
	const path = `/api/v1/${request.path}`;
	const context: AffeliosErrorContext = {
		node: this.getNode(),
		request: `${request.method} ${path}`,
		apiKey,
		itemIndex: request.itemIndex,
	};
	const call = await sendWithRetries(
		this,
		request.settings,
		request.creates !== undefined,
		async () =>
			await exchangeOnce(
				this,
				CREDENTIAL_TYPE,
				httpOptions({
					method: request.method,
					url: `${base.url}${path}`,
					body: request.body,
					timeoutMs: request.settings.timeoutMs,
				}),
			),
	);
	if (!call.ok) throw finalError(context, request, base.url, call);
	const text = bodyText(call.response);
	const empty = text.trim() === '';
	// A server echoing the request could send the key back even in a success answer.
	const data = empty ? undefined : redactJson(parseJson(text), text, apiKey);
	const notJson =
		request.expectJson === 'orEmpty'
			? !empty && data === undefined
			: request.expectJson && (typeof data !== 'object' || data === null);
	if (notJson) throw notJsonError(context, call.response.statusCode, text);
	return { statusCode: call.response.statusCode, data };
}
