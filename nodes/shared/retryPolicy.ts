/**
 * When a failed API call is repeated, and after how long. Pure: the caller says what went wrong
 * and passes the clock and a random number, so every rule is unit-tested without waiting.
 *
 * Reads and updates (which set the same values again) are repeated on every passing failure. A
 * call that creates something is repeated only when it certainly did not reach the API: repeating
 * one that did could create it twice.
 */
import type { NetworkFailure } from './networkFailure';

/** An answer with a status that is not 2xx, or a request that got no answer at all. */
export type CallFailure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	| NetworkFailure;

/** The first pause; each retry doubles it (with jitter), up to MAX_BACKOFF_MS. */
export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 10_000;
/** A server asking for a longer pause than this gets no retry: the error says to come back later. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Clients told the same Retry-After spread over up to 10 % more, so they do not all return at once. */
const RETRY_AFTER_SPREAD = 0.1;

const TRANSIENT_STATUSES = [429, 502, 503, 504];

export type StopReason =
	/** repeating cannot help (e.g. 400, 500, a name that does not resolve) */
	| 'final'
	/** Max Retries used up */
	| 'exhausted'
	/** Retry-After beyond MAX_RETRY_AFTER_MS */
	| 'wait-too-long'
	/** a create that the API may have carried out: never repeated */
	| 'may-have-been-applied';

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: StopReason };

export interface RetryState {
	/** The call creates something (repeated only when certainly not applied). */
	creates: boolean;
	/** Retries already made for this call (0 after the first attempt). */
	retriesDone: number;
	maxRetries: number;
	/** In [0, 1): spreads the pauses. */
	random: number;
}

/**
 * The API certainly did not act on the request: it answered that it refused it (4xx, 429
 * included), said it is unavailable and when to come back (503 with Retry-After: "come back
 * later", not "I broke midway"), or the request never reached it (connection refused, name not
 * resolved, TLS handshake failed). A 5xx otherwise, a reset or a time-out leave it open.
 */
export function certainlyNotApplied(failure: CallFailure): boolean {
	if (failure.kind === 'status') {
		if (failure.status === 503) return failure.retryAfterMs !== undefined;
		return failure.status < 500;
	}
	return failure.kind === 'refused' || failure.kind === 'unreachable' || failure.kind === 'tls';
}

/** Worth another attempt at all: the failure may pass. */
export function isTransient(failure: CallFailure): boolean {
	if (failure.kind === 'status') return TRANSIENT_STATUSES.includes(failure.status);
	return failure.kind === 'refused' || failure.kind === 'reset' || failure.kind === 'timeout';
}

/** Exponential backoff with "equal jitter" for retry n (1-based): in [ceiling/2, ceiling]. */
export function backoffMs(retry: number, random: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + random * (ceiling / 2));
}

export function decideRetry(failure: CallFailure, state: RetryState): RetryDecision {
	if (state.creates && !certainlyNotApplied(failure)) {
		return { retry: false, reason: 'may-have-been-applied' };
	}
	if (!isTransient(failure)) return { retry: false, reason: 'final' };
	if (state.retriesDone >= state.maxRetries) return { retry: false, reason: 'exhausted' };
	if (failure.kind === 'status' && failure.retryAfterMs !== undefined) {
		if (failure.retryAfterMs > MAX_RETRY_AFTER_MS) return { retry: false, reason: 'wait-too-long' };
		return {
			retry: true,
			delayMs: Math.round(failure.retryAfterMs * (1 + RETRY_AFTER_SPREAD * state.random)),
		};
	}
	return { retry: true, delayMs: backoffMs(state.retriesDone + 1, state.random) };
}

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

/**
 * A Retry-After header (RFC 9110 §10.2.3) in milliseconds from now: delay-seconds or an HTTP date
 * (a date in the past means now). Undefined when absent or unreadable, as if there were none.
 */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
	const value = Array.isArray(header) ? (header[0] as unknown) : header;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// Dates always name the month; without one, Date.parse would also read things like "2025" or "1.5".
	if (!MONTH.test(text)) return undefined;
	// HTTP dates are GMT; the asctime form does not say so, and Date.parse would read it as local time.
	const at = Date.parse(/GMT|UTC|[+-]\d{4}$/.test(text) ? text : `${text} GMT`);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - nowMs);
}
