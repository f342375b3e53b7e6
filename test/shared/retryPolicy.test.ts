import {
	BASE_DELAY_MS,
	MAX_BACKOFF_MS,
	MAX_RETRY_AFTER_MS,
	backoffMs,
	certainlyNotApplied,
	decideRetry,
	isTransient,
	parseRetryAfter,
	type CallFailure,
	type RetryState,
} from '../../nodes/shared/retryPolicy';

/** Retried at all: for a read, when the failure may pass; for a create, only when it certainly did not arrive. */
const isRetryable = (failure: CallFailure, creates: boolean) =>
	isTransient(failure) && (!creates || certainlyNotApplied(failure));
/** A create that stopped this way may have been carried out: the node says so instead of repeating it. */
function mayHaveBeenApplied(failure: CallFailure): boolean {
	const decision = decideRetry(failure, {
		creates: true,
		retriesDone: 0,
		maxRetries: 0,
		random: 0,
	});
	return !decision.retry && decision.reason === 'may-have-been-applied';
}

const status = (code: number, retryAfterMs?: number): CallFailure => ({
	kind: 'status',
	status: code,
	retryAfterMs,
});
const refused: CallFailure = { kind: 'refused', code: 'ECONNREFUSED' };
const reset: CallFailure = { kind: 'reset', code: 'ECONNRESET' };
const timeout: CallFailure = { kind: 'timeout', code: 'ETIMEDOUT' };
const unreachable: CallFailure = { kind: 'unreachable', code: 'ENOTFOUND' };
const tls: CallFailure = { kind: 'tls', code: 'CERT_HAS_EXPIRED' };
const other: CallFailure = { kind: 'other' };
const cancelled: CallFailure = { kind: 'cancelled', code: 'ERR_CANCELED' };

describe('what is retried', () => {
	it.each([
		['429', status(429), true, true],
		['429 with Retry-After', status(429, 0), true, true],
		['503 with Retry-After', status(503, 1000), true, true],
		['503 without Retry-After', status(503), true, false],
		['502', status(502), true, false],
		['504', status(504), true, false],
		['connection refused', refused, true, true],
		['connection reset', reset, true, false],
		['time-out', timeout, true, false],
		['500', status(500), false, false],
		['400', status(400), false, false],
		['401', status(401), false, false],
		['404', status(404), false, false],
		['DNS failure', unreachable, false, false],
		['TLS failure (expired or wrong certificate)', tls, false, false],
		['unknown failure', other, false, false],
		['cancelled', cancelled, false, false],
	])('%s: read %s, create %s', (_name, failure, read, create) => {
		expect(isRetryable(failure, false)).toBe(read);
		expect(isRetryable(failure, true)).toBe(create);
	});

	it('creates are retried exactly when the request certainly was not carried out', () => {
		for (const failure of [status(429), status(503, 0), refused]) {
			expect(certainlyNotApplied(failure)).toBe(true);
			expect(mayHaveBeenApplied(failure)).toBe(false);
		}
		for (const failure of [
			status(500),
			status(502),
			status(503),
			status(504),
			reset,
			timeout,
			other,
		]) {
			expect(certainlyNotApplied(failure)).toBe(false);
			expect(mayHaveBeenApplied(failure)).toBe(true);
		}
		// Answers that say what happened, and failures before any request was sent, leave no doubt.
		for (const failure of [status(400), status(404), status(409), unreachable, tls]) {
			expect(mayHaveBeenApplied(failure)).toBe(false);
		}
	});
});

describe('backoff with jitter', () => {
	it('doubles from the base delay up to the cap, each delay within [ceiling/2, ceiling]', () => {
		for (let retry = 1; retry <= 10; retry++) {
			const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (retry - 1));
			expect(backoffMs(retry, 0)).toBe(ceiling / 2);
			expect(backoffMs(retry, 0.999999)).toBe(ceiling);
			expect(backoffMs(retry, 0.5)).toBe(Math.round(ceiling * 0.75));
		}
		expect(backoffMs(1, 0)).toBe(250);
		expect(backoffMs(3, 1)).toBe(2000);
		expect(backoffMs(20, 1)).toBe(MAX_BACKOFF_MS);
	});

	it('real random draws stay within the bounds and spread out', () => {
		const draws = Array.from({ length: 2000 }, () => backoffMs(2, Math.random()));
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(500);
		expect(Math.max(...draws)).toBeLessThanOrEqual(1000);
		expect(new Set(draws).size).toBeGreaterThan(100);
	});
});

describe('decideRetry', () => {
	const state: RetryState = { creates: false, retriesDone: 0, maxRetries: 3, random: 0 };

	it('backs off for failures without Retry-After', () => {
		expect(decideRetry(status(502), state)).toEqual({ retry: true, delayMs: 250 });
		expect(decideRetry(reset, { ...state, retriesDone: 2 })).toEqual({
			retry: true,
			delayMs: 1000,
		});
	});

	it('waits as long as Retry-After says (at the low end of its spread)', () => {
		expect(decideRetry(status(429, 0), state)).toEqual({ retry: true, delayMs: 0 });
		expect(decideRetry(status(503, 7000), { ...state, creates: true })).toEqual({
			retry: true,
			delayMs: 7000,
		});
	});

	it('gives up after Max Retries, and at once for what is not retryable', () => {
		expect(decideRetry(status(503, 0), { ...state, retriesDone: 3 })).toEqual({
			retry: false,
			reason: 'exhausted',
		});
		expect(decideRetry(status(429), { ...state, maxRetries: 0 })).toEqual({
			retry: false,
			reason: 'exhausted',
		});
		expect(decideRetry(status(500), state)).toEqual({ retry: false, reason: 'final' });
		expect(decideRetry(reset, { ...state, creates: true })).toEqual({
			retry: false,
			reason: 'may-have-been-applied',
		});
	});

	it('does not wait longer than the cap: a longer Retry-After ends the retries', () => {
		expect(decideRetry(status(429, MAX_RETRY_AFTER_MS), state)).toEqual({
			retry: true,
			delayMs: MAX_RETRY_AFTER_MS,
		});
		expect(decideRetry(status(429, MAX_RETRY_AFTER_MS + 1), state)).toEqual({
			retry: false,
			reason: 'wait-too-long',
		});
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2025-03-11T12:00:00Z');

	it.each([
		['0', 0],
		['1', 1000],
		[' 120 ', 120_000],
		['86400', 86_400_000],
		[['5'], 5000],
		['Tue, 11 Mar 2025 12:00:30 GMT', 30_000],
		['Tuesday, 11-Mar-25 12:01:00 GMT', 60_000],
		['Tue Mar 11 12:00:10 2025', 10_000],
		['Tue, 11 Mar 2025 11:00:00 GMT', 0], // in the past: now
	])('%j → %d ms', (header, ms) => {
		expect(parseRetryAfter(header, now)).toBe(ms);
	});

	it.each([undefined, '', '-1', '1.5', 'soon', '2025-03-11', '12:00', 'Foo, 99 Bar 2025', 7])(
		'%j is unreadable',
		(header) => {
			expect(parseRetryAfter(header, now)).toBeUndefined();
		},
	);
});

const NOW = Date.parse('2026-03-01T12:00:00Z');
/** An answer with a status and the Retry-After header as it came. */
const answered = (code: number, retryAfter?: string): CallFailure => ({
	kind: 'status',
	status: code,
	retryAfterMs: parseRetryAfter(retryAfter, NOW),
});
const network = (
	kind: 'refused' | 'unreachable' | 'tls' | 'reset' | 'timeout' | 'other',
): CallFailure => ({ kind });
const retryState = (overrides: Partial<RetryState> = {}): RetryState => ({
	creates: false,
	retriesDone: 0,
	maxRetries: 3,
	random: 0.5,
	...overrides,
});

describe('parseRetryAfter (a clock in 2026)', () => {
	it.each([
		['0', 0],
		['1', 1000],
		[' 120 ', 120_000],
		['86400', 86_400_000],
	])('reads delay-seconds %j as %i ms', (value, ms) => {
		expect(parseRetryAfter(value, NOW)).toBe(ms);
	});

	it('reads an HTTP date as the time left, a past date as 0', () => {
		expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', NOW)).toBe(30_000);
		// The obsolete RFC 850 and asctime forms are HTTP dates too.
		expect(parseRetryAfter('Sunday, 01-Mar-26 12:01:00 GMT', NOW)).toBe(60_000);
		expect(parseRetryAfter('Sun Mar  1 12:00:05 2026', NOW)).toBe(5_000);
		expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', NOW)).toBe(0);
	});

	it.each([undefined, '', '-5', '1.5', '2 s', 'soon', 'Not a date, really'])(
		'ignores %j',
		(value) => {
			expect(parseRetryAfter(value, NOW)).toBeUndefined();
		},
	);
});

describe('what is retried, header by header', () => {
	it.each([429, 502, 503, 504])('HTTP %i is transient', (code) => {
		expect(isTransient(answered(code))).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 422, 500, 501, 505])('HTTP %i is not', (code) => {
		expect(isTransient(answered(code))).toBe(false);
	});

	it('refused, reset and time-out are transient; unreachable hosts, TLS and the rest are not', () => {
		expect(['refused', 'reset', 'timeout'].map((k) => isTransient(network(k as 'reset')))).toEqual([
			true,
			true,
			true,
		]);
		expect(['unreachable', 'tls', 'other'].map((k) => isTransient(network(k as 'tls')))).toEqual([
			false,
			false,
			false,
		]);
	});

	it('reads retry on every transient failure', () => {
		for (const failure of [
			answered(429),
			answered(502),
			answered(503),
			answered(504),
			network('reset'),
			network('timeout'),
			network('refused'),
		]) {
			expect(decideRetry(failure, retryState()).retry).toBe(true);
		}
		expect(decideRetry(answered(500), retryState())).toEqual({ retry: false, reason: 'final' });
		expect(decideRetry(answered(404), retryState())).toEqual({ retry: false, reason: 'final' });
	});
});

describe('calls that create something, header by header', () => {
	const creates = retryState({ creates: true });

	it('are retried only when Affelios certainly did not get them', () => {
		expect(decideRetry(network('refused'), creates).retry).toBe(true);
		expect(decideRetry(answered(429), creates).retry).toBe(true);
		expect(decideRetry(answered(503, '0'), creates).retry).toBe(true);
		expect(decideRetry(answered(503, 'Sun, 01 Mar 2026 12:00:01 GMT'), creates).retry).toBe(true);
	});

	it.each<[string, CallFailure]>([
		['500', answered(500)],
		['502', answered(502)],
		['503 without Retry-After', answered(503)],
		['503 with an unreadable Retry-After', answered(503, 'later')],
		['504', answered(504, '0')],
		['a reset', network('reset')],
		['a time-out', network('timeout')],
		['an unknown network failure', network('other')],
	])('after %s: may have been applied, not retried', (_name, failure) => {
		expect(decideRetry(failure, creates)).toEqual({
			retry: false,
			reason: 'may-have-been-applied',
		});
	});

	it('a refusal (4xx) or a failure before sending is final, not "may have been applied"', () => {
		for (const failure of [
			answered(400),
			answered(409),
			answered(422),
			network('unreachable'),
			network('tls'),
		]) {
			expect(certainlyNotApplied(failure)).toBe(true);
			expect(decideRetry(failure, creates)).toEqual({ retry: false, reason: 'final' });
		}
	});

	it('a 429 still counts as not applied when the retries run out', () => {
		expect(decideRetry(answered(429), { ...creates, retriesDone: 3 })).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});
});

describe('how long to wait, header by header', () => {
	it('doubles from the base delay, with jitter between half and all of it', () => {
		for (const retry of [0, 1, 2, 3]) {
			const ceiling = BASE_DELAY_MS * 2 ** retry;
			expect(backoffMs(retry + 1, 0)).toBe(ceiling / 2);
			expect(backoffMs(retry + 1, 0.999999)).toBeCloseTo(ceiling, 0);
			expect(backoffMs(retry + 1, 0.999999)).toBeLessThanOrEqual(ceiling);
		}
	});

	it('never waits more than the cap, however many retries', () => {
		expect(backoffMs(11, 0.999999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
		expect(backoffMs(11, 0)).toBe(MAX_BACKOFF_MS / 2);
		expect(backoffMs(1001, 0.5)).toBe(MAX_BACKOFF_MS * 0.75);
	});

	it('jitter stays within its bounds for any random number', () => {
		for (let i = 0; i < 1000; i++) {
			const random = Math.random();
			const delay = backoffMs(3, random);
			expect(delay).toBeGreaterThanOrEqual(BASE_DELAY_MS * 2);
			expect(delay).toBeLessThanOrEqual(BASE_DELAY_MS * 4);
		}
	});

	it('uses the retry count of the state', () => {
		expect(decideRetry(answered(502), retryState({ retriesDone: 2, random: 0 }))).toEqual({
			retry: true,
			delayMs: BASE_DELAY_MS * 2,
		});
	});

	it('honours Retry-After (seconds or date), spread over at most 10 % more', () => {
		expect(decideRetry(answered(429, '2'), retryState({ random: 0 }))).toEqual({
			retry: true,
			delayMs: 2000,
		});
		expect(decideRetry(answered(429, '2'), retryState({ random: 0.999999 }))).toEqual({
			retry: true,
			delayMs: expect.closeTo(2200, 0),
		});
		expect(
			decideRetry(answered(503, 'Sun, 01 Mar 2026 12:00:10 GMT'), retryState({ random: 0 })),
		).toEqual({
			retry: true,
			delayMs: 10_000,
		});
		expect(decideRetry(answered(503, '0'), retryState())).toEqual({ retry: true, delayMs: 0 });
	});

	it('falls back to the backoff when Retry-After cannot be read', () => {
		expect(decideRetry(answered(429, 'soon'), retryState({ random: 0 }))).toEqual({
			retry: true,
			delayMs: BASE_DELAY_MS / 2,
		});
	});

	it('does not wait out a Retry-After beyond the cap', () => {
		const seconds = String(MAX_RETRY_AFTER_MS / 1000);
		expect(decideRetry(answered(429, seconds), retryState()).retry).toBe(true);
		expect(decideRetry(answered(429, `${Number(seconds) + 1}`), retryState())).toEqual({
			retry: false,
			reason: 'wait-too-long',
		});
		expect(decideRetry(answered(503, 'Mon, 02 Mar 2026 12:00:00 GMT'), retryState())).toEqual({
			retry: false,
			reason: 'wait-too-long',
		});
	});

	it('stops after Max Retries; 0 means never', () => {
		expect(decideRetry(answered(503, '0'), retryState({ retriesDone: 2 })).retry).toBe(true);
		expect(decideRetry(answered(503, '0'), retryState({ retriesDone: 3 }))).toEqual({
			retry: false,
			reason: 'exhausted',
		});
		expect(decideRetry(network('reset'), retryState({ maxRetries: 0 }))).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});
});
