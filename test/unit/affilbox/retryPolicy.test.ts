import {
	BASE_DELAY_MS,
	CREATING_METHODS,
	MAX_BACKOFF_MS,
	MAX_RETRY_AFTER_MS,
	backoffMs,
	certainlyNotApplied,
	decideRetry,
	isRetryable,
	mayHaveBeenApplied,
	parseRetryAfter,
	type CallFailure,
} from '../../../nodes/AffilBox/transport/retryPolicy';

const status = (code: number, retryAfterMs?: number): CallFailure => ({
	kind: 'status',
	status: code,
	retryAfterMs,
});
const refused: CallFailure = { kind: 'refused', code: 'ECONNREFUSED' };
const reset: CallFailure = { kind: 'reset', code: 'ECONNRESET' };
const timeout: CallFailure = { kind: 'timeout', code: 'ETIMEDOUT' };
const unreachable: CallFailure = { kind: 'unreachable', code: 'ENOTFOUND' };
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
		// Answers that say what happened, and failures before any connection, leave no doubt.
		for (const failure of [status(400), status(404), status(409), unreachable]) {
			expect(mayHaveBeenApplied(failure)).toBe(false);
		}
	});

	it('the creating methods are the four the API documents as creating something', () => {
		expect([...CREATING_METHODS].sort()).toEqual(
			['AddBonus', 'AddClick', 'AddConversion', 'GetOrCreatePartner'].sort(),
		);
	});
});

describe('backoff with jitter', () => {
	it('doubles from the base delay up to the cap, each delay within [ceiling/2, ceiling]', () => {
		for (let retry = 1; retry <= 10; retry++) {
			const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (retry - 1));
			expect(backoffMs(retry, () => 0)).toBe(ceiling / 2);
			expect(backoffMs(retry, () => 0.999999)).toBe(ceiling);
			expect(backoffMs(retry, () => 0.5)).toBe(Math.round(ceiling * 0.75));
		}
		expect(backoffMs(1, () => 0)).toBe(250);
		expect(backoffMs(3, () => 1)).toBe(2000);
		expect(backoffMs(20, () => 1)).toBe(MAX_BACKOFF_MS);
	});

	it('real random draws stay within the bounds and spread out', () => {
		const draws = Array.from({ length: 2000 }, () => backoffMs(2, Math.random));
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(500);
		expect(Math.max(...draws)).toBeLessThanOrEqual(1000);
		expect(new Set(draws).size).toBeGreaterThan(100);
	});
});

describe('decideRetry', () => {
	const state = { creates: false, retriesDone: 0, maxRetries: 3, random: () => 0 };

	it('backs off for failures without Retry-After', () => {
		expect(decideRetry(status(502), state)).toEqual({ retry: true, delayMs: 250 });
		expect(decideRetry(reset, { ...state, retriesDone: 2 })).toEqual({
			retry: true,
			delayMs: 1000,
		});
	});

	it('waits exactly as long as Retry-After says, without jitter', () => {
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
		expect(decideRetry(status(500), state)).toEqual({ retry: false, reason: 'notRetryable' });
		expect(decideRetry(reset, { ...state, creates: true })).toEqual({
			retry: false,
			reason: 'notRetryable',
		});
	});

	it('does not wait longer than the cap: a longer Retry-After ends the retries', () => {
		expect(decideRetry(status(429, MAX_RETRY_AFTER_MS), state)).toEqual({
			retry: true,
			delayMs: MAX_RETRY_AFTER_MS,
		});
		expect(decideRetry(status(429, MAX_RETRY_AFTER_MS + 1), state)).toEqual({
			retry: false,
			reason: 'retryAfterTooLong',
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
