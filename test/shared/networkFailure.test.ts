import { classifyNetworkError } from '../../nodes/shared/networkFailure';

/**
 * The shapes n8n hands the node when a request gets no HTTP answer. The first kind is what
 * n8n-core 2.11 really throws (pinned against the real engine in
 * test/affilbox/transport/retries.engine.test.ts); the second is what later n8n versions throw
 * (ExecutionBaseError keeps `cause`: the axios error, whose own `cause` is Node's error).
 */
describe('classifyNetworkError', () => {
	describe('n8n-core 2.11 (cause dropped, code in httpCode, original texts in messages)', () => {
		it.each([
			[
				'The service refused the connection - perhaps it is offline',
				'ECONNREFUSED',
				['connect ECONNREFUSED 127.0.0.1:9'],
				{ kind: 'refused', code: 'ECONNREFUSED' },
			],
			[
				'The connection to the server was closed unexpectedly, perhaps it is offline.',
				'ECONNRESET',
				['socket hang up'],
				{ kind: 'reset', code: 'ECONNRESET' },
			],
			[
				'The connection was aborted, perhaps the server is offline',
				'ECONNABORTED',
				['timeout of 300ms exceeded'],
				{ kind: 'timeout', code: 'ECONNABORTED' },
			],
			[
				'The connection cannot be established, this usually occurs due to an incorrect host (domain) value',
				'ENOTFOUND',
				['getaddrinfo ENOTFOUND c1234.affilbox.invalid'],
				{ kind: 'unreachable', code: 'ENOTFOUND' },
			],
		])('%s', (message, httpCode, messages, expected) => {
			expect(classifyNetworkError({ name: 'NodeApiError', message, httpCode, messages })).toEqual(
				expected,
			);
			// Any one of the two carriers is enough.
			expect(classifyNetworkError({ message, httpCode }).kind).toBe(expected.kind);
			expect(classifyNetworkError({ message: 'x', messages }).kind).toBe(expected.kind);
		});
	});

	describe('later n8n (cause chain kept)', () => {
		const wrap = (cause: unknown) => ({ name: 'NodeApiError', message: 'Something failed', cause });

		it.each([
			[{ code: 'ECONNREFUSED', cause: { code: 'ECONNREFUSED', syscall: 'connect' } }, 'refused'],
			[{ code: 'ECONNRESET', message: 'socket hang up' }, 'reset'],
			[{ code: 'EPIPE', message: 'write EPIPE' }, 'reset'],
			[{ code: 'ECONNABORTED', message: 'timeout of 30000ms exceeded' }, 'timeout'],
			[{ code: 'ETIMEDOUT', message: 'timeout of 30000ms exceeded' }, 'timeout'],
			[{ message: 'fetch failed', cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } }, 'timeout'],
			[{ message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } }, 'reset'],
			[{ code: 'EAI_AGAIN' }, 'unreachable'],
			[{ name: 'CanceledError', code: 'ERR_CANCELED', message: 'canceled' }, 'cancelled'],
			// Happy eyeballs: every address refused, reported as one aggregate with the code.
			[
				{ code: 'ECONNREFUSED', errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] },
				'refused',
			],
		])('%j → %s', (cause, kind) => {
			expect(classifyNetworkError(wrap(cause)).kind).toBe(kind);
		});
	});

	it('a time-out wins over the reset that may follow it', () => {
		expect(
			classifyNetworkError({ httpCode: 'ECONNRESET', messages: ['timeout of 50ms exceeded'] }).kind,
		).toBe('timeout');
	});

	it('unknown failures are "other", with a code only when one was given as a code', () => {
		expect(classifyNetworkError(new Error('SOME ERROR HAPPENED'))).toEqual({ kind: 'other' });
		expect(classifyNetworkError({ code: 'SOME_NEW_CODE' })).toEqual({
			kind: 'other',
			code: 'SOME_NEW_CODE',
		});
		expect(classifyNetworkError(undefined)).toEqual({ kind: 'other' });
		expect(classifyNetworkError('ECONNREFUSED')).toEqual({ kind: 'other' });
	});

	it('a certificate or handshake failure is "tls": nothing of the request was sent', () => {
		expect(classifyNetworkError({ code: 'CERT_HAS_EXPIRED' })).toEqual({
			kind: 'tls',
			code: 'CERT_HAS_EXPIRED',
		});
		for (const code of [
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'SELF_SIGNED_CERT_IN_CHAIN',
			'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
			'ERR_TLS_CERT_ALTNAME_INVALID',
			'ERR_SSL_WRONG_VERSION_NUMBER',
			'EPROTO',
		]) {
			expect(
				classifyNetworkError({ name: 'NodeApiError', httpCode: code, messages: ['x'] }),
			).toEqual({ kind: 'tls', code });
		}
	});

	it('a cyclic cause chain ends', () => {
		const error: { message: string; cause?: unknown } = { message: 'loop' };
		error.cause = error;
		expect(classifyNetworkError(error)).toEqual({ kind: 'other' });
	});
});

/** Shapes as n8n-core 2.x throws them (networkErrors.test.ts checks the real ones). */
const wrapped = (httpCode: string | null, message: string) => ({
	name: 'NodeApiError',
	message: 'n8n’s plain words',
	httpCode,
	messages: [message, message],
});

describe('classifyNetworkError: the shapes the Affelios transport was built against', () => {
	it.each([
		[wrapped('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), 'refused', 'ECONNREFUSED'],
		[wrapped('ECONNRESET', 'socket hang up'), 'reset', 'ECONNRESET'],
		[wrapped('ECONNABORTED', 'timeout of 200ms exceeded'), 'timeout', 'ECONNABORTED'],
		[wrapped('ENOTFOUND', 'getaddrinfo ENOTFOUND x.invalid'), 'unreachable', 'ENOTFOUND'],
		[wrapped('EAI_AGAIN', 'getaddrinfo EAI_AGAIN x'), 'unreachable', 'EAI_AGAIN'],
		[wrapped('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', 'CERT_HAS_EXPIRED'],
		[wrapped('EPIPE', 'write EPIPE'), 'reset', 'EPIPE'],
	])('reads n8n’s wrapper: %j', (error, kind, code) => {
		expect(classifyNetworkError(error)).toEqual({ kind, code });
	});

	it('falls back to the kept messages when httpCode says nothing', () => {
		expect(classifyNetworkError(wrapped(null, 'connect ECONNREFUSED 10.0.0.1:443'))).toEqual({
			kind: 'refused',
			code: 'ECONNREFUSED',
		});
		expect(classifyNetworkError(wrapped(null, 'timeout of 30000ms exceeded'))).toEqual({
			kind: 'timeout',
			code: undefined,
		});
		expect(classifyNetworkError(wrapped(null, 'socket hang up'))).toEqual({
			kind: 'reset',
			code: undefined,
		});
	});

	it('reads an unwrapped error (axios or Node) by its code or its cause’s code', () => {
		expect(classifyNetworkError({ code: 'ECONNRESET', message: 'read ECONNRESET' })).toEqual({
			kind: 'reset',
			code: 'ECONNRESET',
		});
		expect(classifyNetworkError({ message: 'x', cause: { code: 'ETIMEDOUT' } })).toEqual({
			kind: 'timeout',
			code: 'ETIMEDOUT',
		});
	});

	it('an HTTP status in httpCode is not a network code', () => {
		expect(classifyNetworkError(wrapped('500', 'boom'))).toEqual({
			kind: 'other',
			code: undefined,
		});
	});

	it('anything else is "other"', () => {
		expect(classifyNetworkError(new Error('weird'))).toEqual({ kind: 'other', code: undefined });
		expect(classifyNetworkError(undefined)).toEqual({ kind: 'other', code: undefined });
		expect(classifyNetworkError(wrapped('EWHATEVER', 'odd'))).toEqual({
			kind: 'other',
			code: 'EWHATEVER',
		});
	});

	it('a cancelled request is "cancelled", however it is wrapped', () => {
		expect(classifyNetworkError(wrapped('ERR_CANCELED', 'canceled'))).toEqual({
			kind: 'cancelled',
			code: 'ERR_CANCELED',
		});
	});
});
