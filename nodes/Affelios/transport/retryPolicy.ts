/**
 * When a failed Affelios call is repeated, and after how long. Pure: the transport passes the
 * clock and the random number, so every rule is unit-tested without waiting.
 *
 * Reads and updates are idempotent and are repeated on every passing failure. A call that creates
 * something is repeated only when Affelios certainly did not act on it (see `certainlyNotApplied`):
 * repeating a create that did go through would create it twice.
 */

export interface RetrySettings {
	/** Repeats after the first attempt: 0 = no retry. */
	maxRetries: number;
	/** Per attempt: how long to wait for the answer. */
	timeoutMs: number;
}

export const DEFAULT_MAX_RETRIES = 3;
export const MAX_MAX_RETRIES = 10;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MIN_TIMEOUT_SECONDS = 0.1;
export const MAX_TIMEOUT_SECONDS = 600;

/** The first pause; each retry doubles it, up to MAX_BACKOFF_MS. */
export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 15_000;
/** A longer Retry-After is not waited out: the error says to run again later instead. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Clients told the same Retry-After spread over up to 10 % more, so they do not return at once. */
const RETRY_AFTER_SPREAD = 0.1;

/** What a thrown request error was, as far as the network tells (see networkFailure.ts). */
export type NetworkKind = 'refused' | 'unresolved' | 'tls' | 'reset' | 'timeout' | 'other';

export type Failure =
	| { kind: 'status'; status: number; retryAfter?: string }
	| { kind: 'network'; network: NetworkKind };

export type RetryDecision =
	| { retry: true; delayMs: number }
	| {
			retry: false;
			/**
			 * final: repeating cannot help (e.g. 400) · exhausted: Max Retries used up ·
			 * wait-too-long: Retry-After beyond MAX_RETRY_AFTER_MS · may-have-been-applied: a create
			 * that Affelios may have acted on.
			 */
			reason: 'final' | 'exhausted' | 'wait-too-long' | 'may-have-been-applied';
	  };

export interface RetryState {
	/** The call creates something (only repeated when certainly not applied). */
	creates: boolean;
	retriesDone: number;
	maxRetries: number;
	nowMs: number;
	/** In [0, 1): spreads the pauses. */
	random: number;
}

const HTTP_DATE_HINT = /[a-z]/i;

/**
 * Retry-After as milliseconds from now: delay-seconds (`120`) or an HTTP date (a past date is 0).
 * Anything else is undefined, as if there were none.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	const text = value?.trim() ?? '';
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// Only text with a weekday/month name: Date.parse would also read "1.5" as a date.
	if (!HTTP_DATE_HINT.test(text)) return undefined;
	// HTTP dates are GMT; the asctime form does not say so, and Date.parse would read it as local time.
	const at = Date.parse(/GMT|UTC|[+-]\d{4}$/.test(text) ? text : `${text} GMT`);
	return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Affelios certainly did not act on the request: it answered that it refused it (4xx, 429
 * included), said it is unavailable and when to come back (503 with Retry-After), or the request
 * never reached it (connection refused, name not resolved, TLS failed before anything was sent).
 * A 5xx otherwise, a reset or a time-out leave it open.
 */
export function certainlyNotApplied(failure: Failure, nowMs: number): boolean {
	if (failure.kind === 'network') {
		return (
			failure.network === 'refused' || failure.network === 'unresolved' || failure.network === 'tls'
		);
	}
	if (failure.status === 503) return parseRetryAfter(failure.retryAfter, nowMs) !== undefined;
	return failure.status < 500;
}

/** Worth repeating at all: the failure may pass. */
export function isTransient(failure: Failure): boolean {
	if (failure.kind === 'network') {
		return (
			failure.network === 'refused' || failure.network === 'reset' || failure.network === 'timeout'
		);
	}
	return [429, 502, 503, 504].includes(failure.status);
}

/** Exponential backoff with jitter: retry n waits between half and all of BASE·2ⁿ (capped). */
export function backoffDelay(retry: number, random: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** retry);
	return ceiling / 2 + (ceiling / 2) * random;
}

export function decideRetry(failure: Failure, state: RetryState): RetryDecision {
	if (state.creates && !certainlyNotApplied(failure, state.nowMs)) {
		return { retry: false, reason: 'may-have-been-applied' };
	}
	if (!isTransient(failure)) return { retry: false, reason: 'final' };
	if (state.retriesDone >= state.maxRetries) return { retry: false, reason: 'exhausted' };
	const retryAfter =
		failure.kind === 'status' ? parseRetryAfter(failure.retryAfter, state.nowMs) : undefined;
	if (retryAfter === undefined) {
		return { retry: true, delayMs: backoffDelay(state.retriesDone, state.random) };
	}
	if (retryAfter > MAX_RETRY_AFTER_MS) return { retry: false, reason: 'wait-too-long' };
	return { retry: true, delayMs: retryAfter * (1 + RETRY_AFTER_SPREAD * state.random) };
}
