import type { INode, NodeApiError } from 'n8n-workflow';

import type { NetworkFailure } from '../../shared/networkFailure';
import {
	apiError,
	codeNote,
	couldNotReach,
	didNotAnswer,
	mayHaveBeenApplied,
	networkAdvice,
	serverHadAProblem,
	type PlatformWords,
} from '../../shared/nodeError';
import { redact } from '../../shared/redact';
import { renderErrorBody } from './problem';

/**
 * Every error about an Affelios call is built here from text we chose and the server's answer,
 * never from n8n's own request error (it carries the request, headers and key included). Server
 * text is redacted too, in case a server echoes the request.
 */
export interface AffeliosErrorContext {
	node: INode;
	/** e.g. `POST /api/v1/customer`: user ids may appear, the key never does. */
	request: string;
	apiKey: string | undefined;
	itemIndex?: number;
	/** Set when Max Retries ran out: the error says how often it was tried. */
	attempts?: number;
	/** A sentence put before the description, e.g. why a Retry-After was not waited out. */
	note?: string;
}

const AFFELIOS: PlatformWords = { name: 'Affelios', urlField: 'Base URL' };

const KEYS_PAGE = 'Settings → API Keys in the Affelios dashboard';

function callError(
	context: AffeliosErrorContext,
	lead: string,
	explanation: string,
	httpCode?: number,
): NodeApiError {
	const clean = (text: string) => redact(text, context.apiKey);
	const attempts = context.attempts ?? 1;
	const message = clean(attempts > 1 ? `${lead} (gave up after ${attempts} attempts)` : lead);
	const description = clean(
		[
			context.note,
			attempts > 1
				? `Failed ${attempts} times in a row, with pauses in between (Options → Max Retries).`
				: undefined,
			explanation,
		]
			.filter(Boolean)
			.join(' '),
	);
	return apiError(context.node, {
		message,
		description,
		httpCode,
		itemIndex: context.itemIndex,
		about: { request: context.request },
	});
}

function waitHint(retryAfter: string | undefined): string {
	const value = retryAfter?.trim();
	if (!value) return 'Wait';
	return /^\d+$/.test(value)
		? `Wait ${value} s (Retry-After)`
		: `Wait until ${value} (Retry-After)`;
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
				`${waitHint(retryAfter)} and run again, or use Create Many for volume, or fewer Requests in Parallel.`,
			];
		default:
			return statusCode >= 500
				? [
						serverHadAProblem(AFFELIOS),
						'Try again later. The node itself repeats reads and updates after 502, 503 and 504, with growing pauses (Options → Max Retries).',
					]
				: ['Affelios did not accept the request', 'See the message for what Affelios answered.'];
	}
}

export function affeliosStatusError(
	context: AffeliosErrorContext,
	statusCode: number,
	body: string,
	retryAfter?: string,
): NodeApiError {
	const [lead, description] = meaning(statusCode, retryAfter);
	// Redacted before rendering: the rendering cuts long text, which could leave half a key behind.
	return callError(
		context,
		`${lead} (HTTP ${statusCode}): ${renderErrorBody(redact(body, context.apiKey))}`,
		`${description} Request: ${context.request}.`,
		statusCode,
	);
}

export function notJsonError(
	context: AffeliosErrorContext,
	statusCode: number,
	body: string,
): NodeApiError {
	return callError(
		context,
		`Affelios answered HTTP ${statusCode} without the expected JSON: ${renderErrorBody(redact(body, context.apiKey))}`,
		`Check the Base URL in the credential: another server may be answering. Request: ${context.request}.`,
		statusCode,
	);
}

/** What went wrong on the network, in plain words: [message, first sentence of the description]. */
function networkWords(
	baseUrl: string,
	failure: NetworkFailure,
	reason: string,
	timeoutMs: number,
): [string, string] {
	switch (failure.kind) {
		case 'timeout':
			return [
				didNotAnswer(AFFELIOS, timeoutMs / 1000, { at: baseUrl }),
				'If Affelios is just slow, raise Options → Timeout. Otherwise check the Base URL in the Affelios credential and your network.',
			];
		case 'reset':
			return [
				`The connection to Affelios at ${baseUrl} closed before an answer came${codeNote(failure)}`,
				networkAdvice(AFFELIOS, failure, reason),
			];
		default:
			return [couldNotReach(AFFELIOS, baseUrl, failure), networkAdvice(AFFELIOS, failure, reason)];
	}
}

/** `reason`: n8n's plain-words message for the failure (never the request, which carries the key). */
export function affeliosNetworkError(
	context: AffeliosErrorContext,
	baseUrl: string,
	failure: NetworkFailure,
	reason: string,
	timeoutMs: number,
): NodeApiError {
	const [message, description] = networkWords(baseUrl, failure, reason, timeoutMs);
	return callError(context, message, `${description} Request: ${context.request}.`);
}

/** Why a create may have gone through, for the message: e.g. "HTTP 500: boom", "no answer within 30 s". */
export function uncertainCause(
	context: AffeliosErrorContext,
	outcome:
		| { kind: 'status'; statusCode: number; body: string }
		| { kind: 'network'; failure: NetworkFailure; timeoutMs: number },
): string {
	if (outcome.kind === 'status') {
		return `HTTP ${outcome.statusCode}: ${renderErrorBody(redact(outcome.body, context.apiKey))}`;
	}
	const code = outcome.failure.code ? `${outcome.failure.code}: ` : '';
	switch (outcome.failure.kind) {
		case 'timeout':
			return `no answer within ${outcome.timeoutMs / 1000} s`;
		case 'reset':
			return `${code}the connection closed before an answer came`;
		default:
			return `${code}the request failed`;
	}
}

/**
 * A call that creates something failed in a way that leaves open whether Affelios acted on it
 * (5xx, connection reset, time-out). It is not repeated, so nothing is created twice; the user
 * must check first. `subject` names the item or the batch and its items.
 */
export function affeliosMayHaveBeenAppliedError(
	context: AffeliosErrorContext,
	subject: string,
	cause: string,
	httpCode?: number,
): NodeApiError {
	return callError(
		context,
		`${mayHaveBeenApplied(AFFELIOS, subject)} (${cause})`,
		`Affelios may have stored it before the answer got lost, so the node did not send it again (that could create it twice). Look it up in Affelios, and send again only what is missing. Request: ${context.request}.`,
		httpCode,
	);
}
