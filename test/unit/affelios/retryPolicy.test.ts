import {
	BASE_DELAY_MS,
	MAX_BACKOFF_MS,
	MAX_RETRY_AFTER_MS,
	backoffDelay,
	certainlyNotApplied,
	decideRetry,
	isTransient,
	parseRetryAfter,
	type Failure,
	type RetryState,
} from '../../../nodes/Affelios/transport/retryPolicy';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const status = (code: number, retryAfter?: string): Failure => ({
	kind: 'status',
	status: code,
	retryAfter,
});
const network = (
	kind: 'refused' | 'unresolved' | 'tls' | 'reset' | 'timeout' | 'other',
): Failure => ({
	kind: 'network',
	network: kind,
});
const state = (overrides: Partial<RetryState> = {}): RetryState => ({
	creates: false,
	retriesDone: 0,
	maxRetries: 3,
	nowMs: NOW,
	random: 0.5,
	...overrides,
});

describe('parseRetryAfter', () => {
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

describe('what is retried', () => {
	it.each([429, 502, 503, 504])('HTTP %i is transient', (code) => {
		expect(isTransient(status(code))).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 422, 500, 501, 505])('HTTP %i is not', (code) => {
		expect(isTransient(status(code))).toBe(false);
	});

	it('refused, reset and time-out are transient; unresolved names, TLS and the rest are not', () => {
		expect(['refused', 'reset', 'timeout'].map((k) => isTransient(network(k as 'reset')))).toEqual([
			true,
			true,
			true,
		]);
		expect(['unresolved', 'tls', 'other'].map((k) => isTransient(network(k as 'tls')))).toEqual([
			false,
			false,
			false,
		]);
	});

	it('reads retry on every transient failure', () => {
		for (const failure of [
			status(429),
			status(502),
			status(503),
			status(504),
			network('reset'),
			network('timeout'),
			network('refused'),
		]) {
			expect(decideRetry(failure, state()).retry).toBe(true);
		}
		expect(decideRetry(status(500), state())).toEqual({ retry: false, reason: 'final' });
		expect(decideRetry(status(404), state())).toEqual({ retry: false, reason: 'final' });
	});
});

describe('calls that create something', () => {
	const creates = state({ creates: true });

	it('are retried only when Affelios certainly did not get them', () => {
		expect(decideRetry(network('refused'), creates).retry).toBe(true);
		expect(decideRetry(status(429), creates).retry).toBe(true);
		expect(decideRetry(status(503, '0'), creates).retry).toBe(true);
		expect(decideRetry(status(503, 'Sun, 01 Mar 2026 12:00:01 GMT'), creates).retry).toBe(true);
	});

	it.each<[string, Failure]>([
		['500', status(500)],
		['502', status(502)],
		['503 without Retry-After', status(503)],
		['503 with an unreadable Retry-After', status(503, 'later')],
		['504', status(504, '0')],
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
			status(400),
			status(409),
			status(422),
			network('unresolved'),
			network('tls'),
		]) {
			expect(certainlyNotApplied(failure, NOW)).toBe(true);
			expect(decideRetry(failure, creates)).toEqual({ retry: false, reason: 'final' });
		}
	});

	it('a 429 still counts as not applied when the retries run out', () => {
		expect(decideRetry(status(429), { ...creates, retriesDone: 3 })).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});
});

describe('how long to wait', () => {
	it('doubles from the base delay, with jitter between half and all of it', () => {
		for (const retry of [0, 1, 2, 3]) {
			const ceiling = BASE_DELAY_MS * 2 ** retry;
			expect(backoffDelay(retry, 0)).toBe(ceiling / 2);
			expect(backoffDelay(retry, 0.999999)).toBeCloseTo(ceiling, 0);
			expect(backoffDelay(retry, 0.999999)).toBeLessThanOrEqual(ceiling);
		}
	});

	it('never waits more than the cap, however many retries', () => {
		expect(backoffDelay(10, 0.999999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
		expect(backoffDelay(10, 0)).toBe(MAX_BACKOFF_MS / 2);
		expect(backoffDelay(1000, 0.5)).toBe(MAX_BACKOFF_MS * 0.75);
	});

	it('jitter stays within its bounds for any random number', () => {
		for (let i = 0; i < 1000; i++) {
			const random = Math.random();
			const delay = backoffDelay(2, random);
			expect(delay).toBeGreaterThanOrEqual(BASE_DELAY_MS * 2);
			expect(delay).toBeLessThanOrEqual(BASE_DELAY_MS * 4);
		}
	});

	it('uses the retry count of the state', () => {
		expect(decideRetry(status(502), state({ retriesDone: 2, random: 0 }))).toEqual({
			retry: true,
			delayMs: BASE_DELAY_MS * 2,
		});
	});

	it('honours Retry-After (seconds or date), spread over at most 10 % more', () => {
		expect(decideRetry(status(429, '2'), state({ random: 0 }))).toEqual({
			retry: true,
			delayMs: 2000,
		});
		expect(decideRetry(status(429, '2'), state({ random: 0.999999 }))).toEqual({
			retry: true,
			delayMs: expect.closeTo(2200, 0),
		});
		expect(decideRetry(status(503, 'Sun, 01 Mar 2026 12:00:10 GMT'), state({ random: 0 }))).toEqual(
			{
				retry: true,
				delayMs: 10_000,
			},
		);
		expect(decideRetry(status(503, '0'), state())).toEqual({ retry: true, delayMs: 0 });
	});

	it('falls back to the backoff when Retry-After cannot be read', () => {
		expect(decideRetry(status(429, 'soon'), state({ random: 0 }))).toEqual({
			retry: true,
			delayMs: BASE_DELAY_MS / 2,
		});
	});

	it('does not wait out a Retry-After beyond the cap', () => {
		const seconds = String(MAX_RETRY_AFTER_MS / 1000);
		expect(decideRetry(status(429, seconds), state()).retry).toBe(true);
		expect(decideRetry(status(429, `${Number(seconds) + 1}`), state())).toEqual({
			retry: false,
			reason: 'wait-too-long',
		});
		expect(decideRetry(status(503, 'Mon, 02 Mar 2026 12:00:00 GMT'), state())).toEqual({
			retry: false,
			reason: 'wait-too-long',
		});
	});

	it('stops after Max Retries; 0 means never', () => {
		expect(decideRetry(status(503, '0'), state({ retriesDone: 2 })).retry).toBe(true);
		expect(decideRetry(status(503, '0'), state({ retriesDone: 3 }))).toEqual({
			retry: false,
			reason: 'exhausted',
		});
		expect(decideRetry(network('reset'), state({ maxRetries: 0 }))).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});
});
