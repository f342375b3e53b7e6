import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type NodeApiError,
} from 'n8n-workflow';

import { DEFAULT_CALL_SETTINGS, type CallSettings } from '../../shared/callOptions';
import {
	bodyText,
	exchangeOnce,
	isSuccess,
	type CallingContext,
	type Exchange,
} from '../../shared/exchange';
import { InvalidInputError } from '../../shared/invalidInput';
import { classifyNetworkError } from '../../shared/networkFailure';
import { sendWithRetries, type RetriedCall } from '../../shared/sendWithRetries';
import { checkApiUrl, type ApiUrlCheck } from './credential';
import {
	affilBoxMayHaveBeenAppliedError,
	affilBoxNetworkError,
	affilBoxStatusError,
	affilBoxTimeoutError,
	answerProblemError,
	type AffilBoxErrorContext,
	retryAfterNote,
	uncertainOutcomeOf,
} from './errors';
import { buildRequestXml, type AffilBoxParams } from './requestXml';
import {
	emptyRecords,
	readAffilBoxAnswer,
	readAnswerStream,
	readBodyText,
	type AffilBoxAnswer,
	type AffilBoxRecordKind,
	type RecordHandler,
	type StreamedAnswer,
} from './answer';

export type { CallSettings } from '../../shared/callOptions';
export type { AffilBoxParams } from './requestXml';
export type { AffilBoxAnswer, AffilBoxRecordKind, RecordHandler } from './answer';
export { AFFILBOX_RECORD_KINDS } from './answer';

export const CREDENTIAL_TYPE = 'affilBoxApi';

/** Methods that create something: repeating one that reached AffilBox could create it twice. */
export const CREATING_METHODS: ReadonlySet<string> = new Set([
	'AddConversion',
	'AddBonus',
	'AddClick',
	'GetOrCreatePartner',
]);

/** The documented methods that only read, or set what they set again alike: repeating one is harmless. */
const REPEATABLE_METHODS: ReadonlySet<string> = new Set([
	'GetConversions',
	'GetConversion',
	'GetPartner',
	'GetPartners',
	'GetCampaigns',
	'ConfirmConversion',
	'UpdateConversion',
]);

/**
 * Whether repeating the method after it may have reached AffilBox could do it twice: the creating
 * methods, and any method the node does not know (a Custom Method call may name one that creates).
 */
export function mayCreate(method: string): boolean {
	return CREATING_METHODS.has(method) || !REPEATABLE_METHODS.has(method);
}

export interface AffilBoxCallResult {
	answer: AffilBoxAnswer;
	/** The answer's text; `''` unless the reading asked for it. */
	rawXml: string;
	/** False when reading stopped before the end of the answer (enough records). */
	complete?: boolean;
	/** Bytes of the answer body read. */
	bytesRead?: number;
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

/** Longest error answer read (an error page is shown in part, never downloaded in full). */
const MAX_ERROR_BODY = 64 * 1024;

/** A 2xx answer as one attempt read it: how the reading ended, and the records it kept. */
interface ReadAnswer {
	streamed: StreamedAnswer;
	records: AffilBoxAnswer['records'];
}

/** How long one attempt may take: the Timeout option, cut short by the call's deadline. */
function attemptMs(settings: CallSettings): number {
	const ms = Math.max(1, settings.timeoutMs);
	return settings.deadline === undefined
		? ms
		: Math.max(1, Math.min(ms, settings.deadline - Date.now()));
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

/** An attempt that got no (whole) answer; past its own deadline it is a time-out, whatever broke. */
function failedAttempt(error: unknown, deadline: AbortSignal): Exchange {
	// Only the error's kind, code and plain message are used: the original carries the request (and key).
	const reason = (error as Error)?.message ?? 'The request failed';
	const failure = deadline.aborted
		? { kind: 'timeout' as const, code: 'ETIMEDOUT' }
		: classifyNetworkError(error);
	return { kind: 'network', failure, reason };
}

/**
 * One attempt: sends the document as form field `data` and reads the answer as it arrives, a 2xx
 * answer through the streaming reader (answer/index.ts, never held whole), an error answer's text
 * up to MAX_ERROR_BODY. `ms` covers the whole answer: axios's own timeout stops counting once the
 * headers are in, so a deadline signal (kept on the body too) ends a transfer that takes too long.
 */
async function attempt(
	context: CallingContext,
	credentials: ICredentialDataDecryptedObject,
	url: string,
	data: string,
	reading: AnswerReading,
	ms: number,
): Promise<Exchange> {
	const deadline = AbortSignal.timeout(ms);
	const exchange = await exchangeOnce(
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
			encoding: 'stream',
			json: false,
			timeout: ms,
			abortSignal: deadline,
		},
		credentials,
	);
	if (exchange.kind === 'network') {
		return deadline.aborted ? failedAttempt(new Error(exchange.reason), deadline) : exchange;
	}
	if (!isSuccess(exchange)) {
		const text = await readBodyText(exchange.body, MAX_ERROR_BODY, deadline).catch(() => '');
		return { ...exchange, body: text };
	}
	const sink = recordSink(reading);
	try {
		const streamed = await readAnswerStream(
			exchange.body,
			sink.handler,
			reading.rawXml === true,
			deadline,
		);
		const read: ReadAnswer = { streamed, records: sink.records };
		return { ...exchange, body: read };
	} catch (error) {
		// The connection broke or the deadline passed while the answer came in: a failed attempt.
		return failedAttempt(error, deadline);
	}
}

/** The credential as a call uses it: its API URL (checked) and the key (for redacting errors). */
export interface Connection {
	credentials: ICredentialDataDecryptedObject;
	url: ApiUrlCheck;
	apiKey: string | undefined;
}

async function readConnection(context: CallingContext): Promise<Connection> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return {
		credentials,
		url: checkApiUrl(credentials.apiUrl),
		apiKey: typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined,
	};
}

/** Where a call gets the credential from: by default it reads it itself (see sharedConnection). */
export type ConnectionSource = () => Promise<Connection>;

/**
 * The credential for all calls of one run of a node: read and its URL checked once, not per item
 * (n8n resolves a credential for the first item either way). A read that fails is not kept: each
 * call then reads it again and fails with an error of its own, as it would alone.
 */
export function sharedConnection(context: CallingContext): ConnectionSource {
	let shared: Promise<Connection> | undefined;
	return async () => {
		try {
			return await (shared ??= readConnection(context));
		} catch {
			shared = undefined;
			return await readConnection(context);
		}
	};
}

/**
 * One AffilBox API call: builds the document, sends it, reads the answer. Passing failures are
 * retried as the shared retry policy decides; a call that creates something is repeated only when
 * it certainly did not reach AffilBox, and no attempt starts after the settings' deadline.
 */
export async function affilBoxApiCall(
	this: CallingContext,
	method: string,
	params: AffilBoxParams = {},
	itemIndex?: number,
	settings: CallSettings = DEFAULT_CALL_SETTINGS,
	reading: AnswerReading = {},
	connection: ConnectionSource = async () => await readConnection(this),
): Promise<AffilBoxCallResult> {
	return await callAffilBox(this, await connection(), method, params, itemIndex, settings, reading);
}

async function callAffilBox(
	context: CallingContext,
	connection: Connection,
	method: string,
	params: AffilBoxParams,
	itemIndex: number | undefined,
	settings: CallSettings,
	reading: AnswerReading,
): Promise<AffilBoxCallResult> {
	const { url, apiKey } = connection;
	if (!url.ok) {
		throw new NodeOperationError(context.getNode(), url.message, {
			description: 'Fix the API URL field of the AffilBox credential.',
			itemIndex,
		});
	}
	let data: string;
	try {
		data = buildRequestXml(method, params);
	} catch (error) {
		if (!(error instanceof InvalidInputError)) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		throw new NodeOperationError(context.getNode(), error.message, {
			description: error.hint,
			itemIndex,
		});
	}

	let lastMs = settings.timeoutMs;
	const call = await sendWithRetries(context, settings, mayCreate(method), async () => {
		lastMs = attemptMs(settings);
		return await attempt(context, connection.credentials, url.url, data, reading, lastMs);
	});
	// Only a failure needs it (getNode copies the node).
	const errorContext = (): AffilBoxErrorContext => ({
		node: context.getNode(),
		method,
		apiKey,
		itemIndex,
		attempts: call.attempts,
	});
	if (!call.ok) {
		// A deadline that cut the attempt short is what the error names.
		throw giveUpError(errorContext(), call, Math.min(settings.timeoutMs, lastMs), url.url);
	}
	const { streamed, records } = call.response.body as ReadAnswer;
	const { end, rawXml, bytesRead } = streamed;
	if (!end.ok) throw answerProblemError(errorContext(), end.problem);
	return {
		answer: { ...end.envelope, records },
		rawXml: rawXml ?? '',
		complete: end.complete,
		bytesRead,
	};
}

/** The error for a call that is not (or no longer) retried. */
function giveUpError(
	context: AffilBoxErrorContext,
	call: Extract<RetriedCall, { ok: false }>,
	timeoutMs: number,
	url: string,
): NodeApiError {
	const { last } = call;
	const timeoutSeconds = timeoutMs / 1000;
	if (call.reason === 'may-have-been-applied') {
		return affilBoxMayHaveBeenAppliedError(
			context,
			uncertainOutcomeOf(call, timeoutSeconds, (response) =>
				serverSays(readAffilBoxAnswer(bodyText(response))),
			),
		);
	}
	if (last.kind === 'response') {
		const note = retryAfterNote(call);
		const read = readAffilBoxAnswer(bodyText(last));
		return affilBoxStatusError(context, last.statusCode, serverSays(read), note);
	}
	if (last.failure.kind === 'timeout') return affilBoxTimeoutError(context, timeoutSeconds);
	return affilBoxNetworkError(context, url, last.failure, last.reason);
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
