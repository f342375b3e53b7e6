/**
 * When to repeat an AffilBox call, and how long to wait before it. Pure: the transport tells it
 * what went wrong and passes the clock and the random source; no I/O here.
 */

/** What a request that got no HTTP answer ran into (see requestFailure.ts for how it is read). */
export type NetworkFailureKind =
	| 'refused' // connection refused: nothing was sent
	| 'reset' // connection closed before the answer: the request may have been processed
	| 'timeout' // no answer in time: the request may have been processed
	| 'unreachable' // DNS or routing failure: nothing was sent, but waiting rarely helps
	| 'cancelled' // the execution was cancelled
	| 'other';

export type CallFailure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	| { kind: NetworkFailureKind; code?: string };

/** Methods that create something: repeating one that reached AffilBox could create it twice. */
export const CREATING_METHODS: ReadonlySet<string> = new Set([
	'AddConversion',
	'AddBonus',
	'AddClick',
	'GetOrCreatePartner',
]);

/** First backoff step; retry n waits between half and all of BASE · 2^(n−1), at most MAX_BACKOFF_MS. */
export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 10_000;
/** A server asking for a longer pause than this gets no retry: we would only burn attempts. */
export const MAX_RETRY_AFTER_MS = 60_000;

const TRANSIENT_STATUSES = [429, 502, 503, 504];

/**
 * The request certainly was not carried out: the connection was refused, or the server said it
 * did not take the call (429; 503 with Retry-After, i.e. "come back later", not "I broke midway").
 */
export function certainlyNotApplied(failure: CallFailure): boolean {
	if (failure.kind === 'refused') return true;
	if (failure.kind !== 'status') return false;
	return (
		failure.status === 429 || (failure.status === 503 && failure.retryAfterMs !== undefined)
	);
}

/** Worth another attempt for a call that changes nothing (or only sets a state again). */
function isTransient(failure: CallFailure): boolean {
	if (failure.kind === 'status') return TRANSIENT_STATUSES.includes(failure.status);
	return failure.kind === 'refused' || failure.kind === 'reset' || failure.kind === 'timeout';
}

export function isRetryable(failure: CallFailure, creates: boolean): boolean {
	return creates ? certainlyNotApplied(failure) : isTransient(failure);
}

/** Whether a create that failed this way may still have been carried out by AffilBox. */
export function mayHaveBeenApplied(failure: CallFailure): boolean {
	if (certainlyNotApplied(failure)) return false;
	if (failure.kind === 'status') return failure.status >= 500;
	return failure.kind !== 'unreachable';
}

/** Exponential backoff with "equal jitter" for retry n (1-based): in [ceiling/2, ceiling]. */
export function backoffMs(retry: number, random: () => number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type RetryDecision =
	| { retry: true; delayMs: number }
	| { retry: false; reason: 'notRetryable' | 'exhausted' | 'retryAfterTooLong' };

export interface RetryState {
	creates: boolean;
	/** Retries already made for this call (0 after the first attempt). */
	retriesDone: number;
	maxRetries: number;
	random: () => number;
}

export function decideRetry(failure: CallFailure, state: RetryState): RetryDecision {
	if (!isRetryable(failure, state.creates)) return { retry: false, reason: 'notRetryable' };
	if (state.retriesDone >= state.maxRetries) return { retry: false, reason: 'exhausted' };
	if (failure.kind === 'status' && failure.retryAfterMs !== undefined) {
		if (failure.retryAfterMs > MAX_RETRY_AFTER_MS) {
			return { retry: false, reason: 'retryAfterTooLong' };
		}
		return { retry: true, delayMs: failure.retryAfterMs };
	}
	return { retry: true, delayMs: backoffMs(state.retriesDone + 1, state.random) };
}

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

/**
 * A Retry-After header (RFC 9110 §10.2.3) in milliseconds from now: delay-seconds or an HTTP date
 * (a date in the past means now). Undefined when absent or unreadable.
 */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
	const value = Array.isArray(header) ? (header[0] as unknown) : header;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// Dates always name the month; without one, Date.parse would also read things like "2025".
	if (!MONTH.test(text)) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - nowMs);
}
