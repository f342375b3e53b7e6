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
import { emptyRecords } from './answerDialect';
import { readAnswerStream, readBodyText, type StreamedAnswer } from './answerStream';
import type { RecordHandler } from './answerTypes';
import { classifyRequestError, type RequestFailure } from './requestFailure';
import { buildRequestXml, type AffilBoxParams } from './requestXml';
import { readAffilBoxAnswer, type AffilBoxAnswer, type AffilBoxRecordKind } from './responseXml';
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
export type { AffilBoxAnswer, AffilBoxRecordKind, RecordHandler } from './responseXml';

export const CREDENTIAL_TYPE = 'affilBoxApi';

type AffilBoxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface AffilBoxCallResult {
	answer: AffilBoxAnswer;
	/** The answer's text; `''` unless the reading asked for it. */
	rawXml: string;
	/** False when reading stopped before the end of the answer (enough records). */
	complete?: boolean;
	/** Bytes of the answer body read. */
	bytesRead?: number;
}

/** Per call: how often to retry and how long each attempt may take, answer included. */
export interface CallSettings {
	maxRetries: number;
	timeoutSeconds: number;
	/** Epoch ms after which no attempt may run (a poll's budget); no later than each attempt's own. */
	deadline?: number;
}

/**
 * What the caller keeps of an answer. By default every record goes into `answer.records`; `only`
 * keeps one kind, `limit` stops reading (and closes the connection) once that many are kept, and
 * `onRecord` hands each record to the caller instead: it is called before each attempt reads its
 * answer, so an attempt that fails halfway and is retried starts the caller over.
 */
export interface AnswerReading {
	rawXml?: boolean;
	only?: AffilBoxRecordKind;
	limit?: number;
	onRecord?: () => RecordHandler;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = { maxRetries: 3, timeoutSeconds: 30 };

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	/** The response stream; for an error status, its text (read before deciding on a retry). */
	body: unknown;
}

/** Longest error answer read (an error page is shown in part, never downloaded in full). */
const MAX_ERROR_BODY = 64 * 1024;

type Attempt =
	| { ok: true; response: FullResponse }
	| { ok: false; failure: RequestFailure; reason: string };

/** How long one attempt may take: the Timeout option, cut short by the call's deadline. */
function attemptMs(settings: CallSettings): number {
	const ms = Math.max(1, Math.round(settings.timeoutSeconds * 1000));
	return settings.deadline === undefined
		? ms
		: Math.max(1, Math.min(ms, settings.deadline - Date.now()));
}

async function sendOnce(
	context: AffilBoxContext,
	url: string,
	data: string,
	deadline: AbortSignal,
	ms: number,
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
				// The answer is read as it arrives (answerStream.ts), never held whole.
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: ms,
				// axios's timeout stops counting once the headers are in: this one covers the whole body
				// (where n8n replaces it with its own cancel signal, answerStream.ts keeps the deadline).
				abortSignal: deadline,
			},
		)) as FullResponse;
		if (response.statusCode < 200 || response.statusCode > 299) {
			response.body = await readBodyText(response.body, MAX_ERROR_BODY, deadline).catch(() => '');
		}
		return { ok: true, response };
	} catch (error) {
		return failedAttempt(error, deadline);
	}
}

function failedAttempt(error: unknown, deadline: AbortSignal): Attempt & { ok: false } {
	// Only the error's kind, code and plain message are used: the original carries the request (and key).
	const reason = (error as Error)?.message ?? 'The request failed';
	const failure: RequestFailure = deadline.aborted
		? { kind: 'timeout', code: 'ETIMEDOUT' }
		: classifyRequestError(error);
	return { ok: false, failure, reason };
}

/** Records kept as `reading` says, handed out by the reader one by one. */
function recordSink(reading: AnswerReading): {
	handler: RecordHandler;
	records: AffilBoxAnswer['records'];
} {
	const records = emptyRecords();
	if (reading.onRecord) return { handler: reading.onRecord(), records };
	let kept = 0;
	return {
		records,
		handler: (kind, record) => {
			if (reading.only !== undefined && kind !== reading.only) return;
			records[kind].push(record);
			kept++;
			return reading.limit === undefined || kept < reading.limit;
		},
	};
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
	return typeof response.body === 'string' ? response.body : '';
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
	reading: AnswerReading = {},
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
		const ms = attemptMs(settings);
		const deadline = AbortSignal.timeout(ms);
		let attempt = await sendOnce(this, url.url, data, deadline, ms);
		if (attempt.ok && attempt.response.statusCode >= 200 && attempt.response.statusCode <= 299) {
			const read = await readAnswer(context, attempt.response, reading, deadline);
			if ('answer' in read) return read;
			attempt = read;
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
		const pastDeadline = settings.deadline !== undefined && Date.now() >= settings.deadline;
		if (decision.retry && !wasCancelled(this) && !pastDeadline) {
			if (decision.delayMs > 0) await sleep(decision.delayMs);
			continue;
		}
		// A deadline that cut the attempt short is what the error names.
		const cut = { ...settings, timeoutSeconds: Math.min(settings.timeoutSeconds, ms / 1000) };
		throw giveUpError(context, attempt, failure, decision, cut, url.url);
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

/** Reads a 2xx answer as it streams in; an answer that is no success throws its NodeApiError. */
async function readAnswer(
	context: ErrorContext,
	response: FullResponse,
	reading: AnswerReading,
	deadline: AbortSignal,
): Promise<AffilBoxCallResult | (Attempt & { ok: false })> {
	const sink = recordSink(reading);
	let streamed: StreamedAnswer;
	try {
		streamed = await readAnswerStream(
			response.body,
			sink.handler,
			reading.rawXml === true,
			deadline,
		);
	} catch (error) {
		// The connection broke or the deadline passed while the answer came in: a failed attempt.
		return failedAttempt(error, deadline);
	}
	const { end, rawXml, bytesRead } = streamed;
	if (!end.ok) throw answerProblemError(context, end.problem);
	return {
		answer: { ...end.envelope, records: sink.records },
		rawXml: rawXml ?? '',
		complete: end.complete,
		bytesRead,
	};
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
