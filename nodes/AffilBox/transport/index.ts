import {
	NodeOperationError,
	sleep,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type NodeApiError,
} from 'n8n-workflow';

import { InvalidInputError } from '../helpers/invalidInput';
import { checkApiUrl } from './apiUrl';
import {
	answerProblemError,
	httpStatusError,
	mayHaveBeenAppliedError,
	networkError,
	timeoutError,
	type ErrorContext,
} from './errors';
import { classifyRequestError, type RequestFailure } from './requestFailure';
import { buildRequestXml, type AffilBoxParams } from './requestXml';
import { readAffilBoxAnswer, type AffilBoxAnswer } from './responseXml';
import {
	CREATING_METHODS,
	MAX_RETRY_AFTER_MS,
	decideRetry,
	mayHaveBeenApplied,
	parseRetryAfter,
	type CallFailure,
	type RetryDecision,
} from './retryPolicy';

export type { AffilBoxParams } from './requestXml';
export type { AffilBoxAnswer, AffilBoxRecordKind } from './responseXml';

export const CREDENTIAL_TYPE = 'affilBoxApi';

type AffilBoxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface AffilBoxCallResult {
	answer: AffilBoxAnswer;
	rawXml: string;
}

/** Per call: how often to retry and how long each attempt may wait for the answer. */
export interface CallSettings {
	maxRetries: number;
	timeoutSeconds: number;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = { maxRetries: 3, timeoutSeconds: 30 };

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

type Attempt =
	| { ok: true; response: FullResponse }
	| { ok: false; failure: RequestFailure; reason: string };

async function sendOnce(
	context: AffilBoxContext,
	url: string,
	data: string,
	timeoutSeconds: number,
): Promise<Attempt> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{
				method: 'POST',
				url,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
					Accept: 'text/xml, application/xml, text/plain;q=0.8, */*;q=0.5',
				},
				body: { data },
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: Math.max(1, Math.round(timeoutSeconds * 1000)),
			},
		)) as FullResponse;
		return { ok: true, response };
	} catch (error) {
		// Only the error's kind, code and plain message are used: the original carries the request (and key).
		const reason = (error as Error)?.message ?? 'The request failed';
		return { ok: false, failure: classifyRequestError(error), reason };
	}
}

function wasCancelled(context: AffilBoxContext): boolean {
	const withSignal = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return withSignal.getExecutionCancelSignal?.()?.aborted === true;
}

function retryAfterHeader(response: FullResponse): unknown {
	const headers = response.headers ?? {};
	const name = Object.keys(headers).find((key) => key.toLowerCase() === 'retry-after');
	return name === undefined ? undefined : headers[name];
}

function bodyText(response: FullResponse): string {
	return typeof response.body === 'string' ? response.body : String(response.body ?? '');
}

/**
 * One AffilBox API call: builds the document, sends it as form field `data`, reads the answer.
 * Transient failures are retried as retryPolicy.ts decides, waiting with n8n's `sleep`; a call that
 * creates something is repeated only when it certainly did not reach AffilBox.
 */
export async function affilBoxApiCall(
	this: AffilBoxContext,
	method: string,
	params: AffilBoxParams = {},
	itemIndex?: number,
	settings: CallSettings = DEFAULT_CALL_SETTINGS,
): Promise<AffilBoxCallResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;

	const url = checkApiUrl(credentials.apiUrl);
	if (!url.ok) {
		throw new NodeOperationError(this.getNode(), url.message, {
			description: 'Fix the API URL field of the AffilBox credential.',
			itemIndex,
		});
	}
	let data: string;
	try {
		data = buildRequestXml(method, params);
	} catch (error) {
		if (!(error instanceof InvalidInputError)) {
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
		throw new NodeOperationError(this.getNode(), error.message, {
			description: error.hint,
			itemIndex,
		});
	}

	const creates = CREATING_METHODS.has(method);
	for (let retriesDone = 0; ; retriesDone++) {
		const context: ErrorContext = {
			node: this.getNode(),
			method,
			apiKey,
			itemIndex,
			attempts: retriesDone + 1,
		};
		const attempt = await sendOnce(this, url.url, data, settings.timeoutSeconds);
		if (attempt.ok && attempt.response.statusCode >= 200 && attempt.response.statusCode <= 299) {
			return readAnswer(context, attempt.response);
		}
		const failure: CallFailure = attempt.ok
			? {
					kind: 'status',
					status: attempt.response.statusCode,
					retryAfterMs: parseRetryAfter(retryAfterHeader(attempt.response), Date.now()),
				}
			: attempt.failure;
		const decision = decideRetry(failure, {
			creates,
			retriesDone,
			maxRetries: settings.maxRetries,
			random: Math.random,
		});
		if (decision.retry && !wasCancelled(this)) {
			if (decision.delayMs > 0) await sleep(decision.delayMs);
			continue;
		}
		throw giveUpError(context, attempt, failure, decision, settings, url.url);
	}
}

/** The error for a call that is not (or no longer) retried. */
function giveUpError(
	context: ErrorContext,
	attempt: Attempt,
	failure: CallFailure,
	decision: RetryDecision,
	settings: CallSettings,
	url: string,
): NodeApiError {
	if (CREATING_METHODS.has(context.method) && mayHaveBeenApplied(failure)) {
		return mayHaveBeenAppliedError(
			context,
			attempt.ok
				? {
						kind: 'status',
						statusCode: attempt.response.statusCode,
						serverText: serverSays(readAffilBoxAnswer(bodyText(attempt.response))),
					}
				: attempt.failure.kind === 'timeout'
					? { kind: 'timeout', timeoutSeconds: settings.timeoutSeconds }
					: { kind: 'network', code: attempt.failure.code, reason: attempt.reason },
		);
	}
	if (attempt.ok) {
		const tooLong =
			!decision.retry &&
			decision.reason === 'retryAfterTooLong' &&
			failure.kind === 'status' &&
			failure.retryAfterMs !== undefined;
		const note = tooLong
			? `AffilBox asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s before trying again (Retry-After); the node waits at most ${MAX_RETRY_AFTER_MS / 1000} s.`
			: undefined;
		const read = readAffilBoxAnswer(bodyText(attempt.response));
		return httpStatusError(context, attempt.response.statusCode, serverSays(read), note);
	}
	if (attempt.failure.kind === 'timeout') return timeoutError(context, settings.timeoutSeconds);
	return networkError(context, url, attempt.failure.code, attempt.reason);
}

function readAnswer(context: ErrorContext, response: FullResponse): AffilBoxCallResult {
	const body = bodyText(response);
	const read = readAffilBoxAnswer(body);
	if (!read.ok) throw answerProblemError(context, read.problem);
	return { answer: read.answer, rawXml: body };
}

/** What an error answer says, in words: the error message of an XML answer, or the text of any other. */
function serverSays(read: ReturnType<typeof readAffilBoxAnswer>): string {
	if (read.ok) return 'an answer without an error message';
	if (read.problem.kind === 'apiError') {
		return read.problem.code
			? `${read.problem.message} (code ${read.problem.code})`
			: read.problem.message;
	}
	return read.problem.kind === 'notXml' ? read.problem.text : '';
}
