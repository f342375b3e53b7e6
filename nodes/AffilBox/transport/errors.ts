import type { INode, NodeApiError } from 'n8n-workflow';

import type { Response } from '../../shared/exchange';
import type { NetworkFailure } from '../../shared/networkFailure';
import {
	apiError,
	codeNote,
	couldNotReach,
	didNotAnswer,
	mayHaveBeenApplied,
	networkAdvice,
	serverHadAProblem,
	withoutFinalStop,
	type PlatformWords,
} from '../../shared/nodeError';
import { redact } from '../../shared/redact';
import { MAX_RETRY_AFTER_MS } from '../../shared/retryPolicy';
import type { RetriedCall } from '../../shared/sendWithRetries';
import type { AffilBoxAnswerProblem } from './answer';

/**
 * What to check when AffilBox refuses a call, by method: the values people (and models calling the
 * node as a tool) most often get wrong. AffilBox does not publish its error texts, so the hint
 * cannot depend on the answer; it names what the method's identifying values must look like.
 */
const TRANSACTION_ID =
	"Transaction ID must be the one your shop sent with the conversion (a conversion's transactionId, e.g. an order number or customer e-mail), not AffilBox's internal id";
const SEVERAL_CAMPAIGNS =
	'if that transaction ID exists in several campaigns, also give the campaign';
const PARTNER = "Partner must be the partner's affiliate ID (affilId) or e-mail";
const CAMPAIGN = 'Campaign must be the campaign number (Get Many campaigns lists them)';

const HINTS: Record<string, string[]> = {
	ConfirmConversion: [`${TRANSACTION_ID}; ${SEVERAL_CAMPAIGNS}`],
	GetConversion: [TRANSACTION_ID],
	UpdateConversion: [`${TRANSACTION_ID}; ${SEVERAL_CAMPAIGNS}`, PARTNER],
	AddConversion: [PARTNER, CAMPAIGN],
	AddBonus: [PARTNER],
	AddClick: [PARTNER, CAMPAIGN],
	GetPartner: [PARTNER],
};

/** The description of an error answer to `method`: that it failed, and what to check. */
export function refusedCallHint(method: string): string {
	const hints = HINTS[method];
	return hints
		? `Method ${method} failed. Check: ${hints.join('. ')}.`
		: `Method ${method} failed.`;
}

/**
 * Every error this node raises about an AffilBox call is built here, from text we chose or the
 * server's answer, never from the request (the API key travels inside the request body). The key
 * is also masked out of server text, in case a server echoes the request back.
 */
export interface AffilBoxErrorContext {
	node: INode;
	method: string;
	apiKey: string | undefined;
	itemIndex?: number;
	/** Attempts made for this call (1 + retries); shown when there was more than one. */
	attempts?: number;
}

const AFFILBOX: PlatformWords = { name: 'AffilBox', urlField: 'API URL' };

/**
 * What both AffilBox APIs (this XML one and API v2, apiV2/errors.ts) say alike about a failed
 * call: how often it was tried, what another HTTP status means, what to do after a time-out, and
 * why a create that may have reached AffilBox was not repeated.
 */

/** ` after N attempts` when the call was retried, '' otherwise. */
export function afterAttempts(attempts: number | undefined): string {
	return (attempts ?? 1) > 1 ? ` after ${attempts} attempts` : '';
}

/** The message of an HTTP status a call has no words of its own for. */
export function otherStatusMessage(
	call: string,
	statusCode: number,
	attempts: number | undefined,
	shown: string,
): string {
	return `AffilBox answered HTTP ${statusCode} to ${call}${afterAttempts(attempts)}: ${shown}`;
}

/** Its description: busy or broken (5xx, 429) or not accepted, after the Retry-After note if any. */
export function otherStatusHint(statusCode: number, note: string | undefined): string {
	const hint =
		statusCode >= 500 || statusCode === 429
			? `${serverHadAProblem(AFFILBOX)} or was busy; try again later.`
			: 'The request was not accepted.';
	return note === undefined ? hint : `${note} ${hint}`;
}

export const TIMEOUT_ADVICE =
	'Raise Options → Timeout if AffilBox is just slow, or try again later.';

function callError(
	context: AffilBoxErrorContext,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	return apiError(context.node, {
		message: redact(message, context.apiKey),
		description: redact(description, context.apiKey),
		httpCode,
		itemIndex: context.itemIndex,
		about: { method: context.method },
	});
}

const AUTH_HINT =
	'Check the API key in the AffilBox credential (Settings → User settings of your licence).';

export function affilBoxStatusError(
	context: AffilBoxErrorContext,
	statusCode: number,
	serverText: string,
	retryAfterNote?: string,
	headers: Record<string, unknown> = {},
): NodeApiError {
	const shown = shownText(serverText);
	if (statusCode >= 300 && statusCode < 400) {
		const location = typeof headers.location === 'string' ? headers.location.slice(0, 300) : '';
		return callError(
			context,
			`The AffilBox API URL redirects (HTTP ${statusCode})${location ? ` to ${location}` : ''}`,
			'Set the API URL in the AffilBox credential to the address AffilBox gives in Settings → User settings. The node does not follow redirects: the API key travels in the request, and would go wherever the redirect points.',
			statusCode,
		);
	}
	if (statusCode === 401 || statusCode === 403) {
		return callError(
			context,
			`AffilBox rejected the API key (HTTP ${statusCode}): ${shown}`,
			AUTH_HINT,
			statusCode,
		);
	}
	if (statusCode === 404) {
		return callError(
			context,
			`No AffilBox API at this URL (HTTP 404)`,
			`Check the API URL in the AffilBox credential: copy it exactly from Settings → User settings. The server said: ${shown}`,
			statusCode,
		);
	}
	return callError(
		context,
		otherStatusMessage(context.method, statusCode, context.attempts, shown),
		otherStatusHint(statusCode, retryAfterNote),
		statusCode,
	);
}

function shownText(serverText: string): string {
	return serverText.trim().slice(0, 500) || '(empty body)';
}

export function answerProblemError(
	context: AffilBoxErrorContext,
	problem: AffilBoxAnswerProblem,
): NodeApiError {
	switch (problem.kind) {
		case 'empty':
			return callError(
				context,
				`AffilBox sent an empty answer to ${context.method}`,
				problem.message,
			);
		case 'notXml':
			return callError(
				context,
				`AffilBox did not answer ${context.method} with XML: ${problem.text.slice(0, 200)}`,
				problem.message,
			);
		case 'apiError': {
			const code = problem.code ? ` ${problem.code}` : '';
			const description =
				problem.code === '401' || problem.code === '403'
					? AUTH_HINT
					: refusedCallHint(context.method);
			return callError(context, `AffilBox error${code}: ${problem.message}`, description);
		}
	}
}

export function affilBoxNetworkError(
	context: AffilBoxErrorContext,
	url: string,
	failure: NetworkFailure,
	reason: string,
): NodeApiError {
	return callError(
		context,
		`${couldNotReach(AFFILBOX, url, failure)}${afterAttempts(context.attempts)}`,
		networkAdvice(AFFILBOX, failure, reason),
	);
}

export function affilBoxTimeoutError(
	context: AffilBoxErrorContext,
	timeoutSeconds: number,
): NodeApiError {
	return callError(
		context,
		`${didNotAnswer(AFFILBOX, timeoutSeconds, { method: context.method })}${afterAttempts(context.attempts)}`,
		TIMEOUT_ADVICE,
	);
}

/** What happened to a create call that may have reached AffilBox, in words for the error. */
export type UncertainOutcome =
	| { kind: 'status'; statusCode: number; serverText: string }
	| { kind: 'timeout'; timeoutSeconds: number }
	| { kind: 'network'; code: string | undefined; reason: string };

function describeOutcome(outcome: UncertainOutcome): string {
	switch (outcome.kind) {
		case 'status':
			return `AffilBox answered HTTP ${outcome.statusCode}: ${shownText(outcome.serverText)}`;
		case 'timeout':
			return didNotAnswer(AFFILBOX, outcome.timeoutSeconds);
		case 'network':
			return `The connection failed before AffilBox answered${codeNote(outcome)}: ${withoutFinalStop(outcome.reason)}`;
	}
}

/**
 * A call that creates something failed in a way that leaves open whether AffilBox carried it out,
 * so it was not repeated: the user must look before running it again.
 */
export function affilBoxMayHaveBeenAppliedError(
	context: AffilBoxErrorContext,
	outcome: UncertainOutcome,
): NodeApiError {
	return callError(
		context,
		uncertainMessage(context.method, context.itemIndex),
		uncertainDescription(outcome),
		outcome.kind === 'status' ? outcome.statusCode : undefined,
	);
}

/** `<call> for item 2 may have been applied: check AffilBox before running it again`. */
export function uncertainMessage(call: string, itemIndex: number | undefined): string {
	const item = itemIndex === undefined ? '' : ` for item ${itemIndex}`;
	return mayHaveBeenApplied(AFFILBOX, `${call}${item}`);
}

type FailedCall = Extract<RetriedCall, { ok: false }>;

/** What happened to a create that may have reached AffilBox; `serverText` reads an error answer. */
export function uncertainOutcomeOf(
	call: FailedCall,
	timeoutSeconds: number,
	serverText: (response: Response) => string,
): UncertainOutcome {
	const { last } = call;
	if (last.kind === 'response') {
		return { kind: 'status', statusCode: last.statusCode, serverText: serverText(last) };
	}
	return last.failure.kind === 'timeout'
		? { kind: 'timeout', timeoutSeconds }
		: { kind: 'network', code: last.failure.code, reason: last.reason };
}

/** Why the node did not wait out AffilBox's Retry-After, when that is why it stopped. */
export function retryAfterNote(call: FailedCall): string | undefined {
	const { failure } = call;
	return call.reason === 'wait-too-long' && failure.kind === 'status'
		? `AffilBox asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s before trying again (Retry-After); the node waits at most ${MAX_RETRY_AFTER_MS / 1000} s.`
		: undefined;
}

/** What happened, and why the call was not repeated. */
export function uncertainDescription(outcome: UncertainOutcome): string {
	return `${describeOutcome(outcome)}. Calls that create something are repeated only when they certainly did not reach AffilBox (connection refused, HTTP 429, HTTP 503 with Retry-After), so this one was not.`;
}
