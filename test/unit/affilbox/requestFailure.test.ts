import { classifyRequestError } from '../../../nodes/AffilBox/transport/requestFailure';

/**
 * The shapes n8n hands the node when a request gets no HTTP answer. The first kind is what
 * n8n-core 2.11 really throws (pinned against the real engine in
 * test/engine/affilbox/retries.test.ts); the second is what later n8n versions throw
 * (ExecutionBaseError keeps `cause`: the axios error, whose own `cause` is Node's error).
 */
describe('classifyRequestError', () => {
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
			expect(classifyRequestError({ name: 'NodeApiError', message, httpCode, messages })).toEqual(
				expected,
			);
			// Any one of the two carriers is enough.
			expect(classifyRequestError({ message, httpCode }).kind).toBe(expected.kind);
			expect(classifyRequestError({ message: 'x', messages }).kind).toBe(expected.kind);
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
			expect(classifyRequestError(wrap(cause)).kind).toBe(kind);
		});
	});

	it('a time-out wins over the reset that may follow it', () => {
		expect(
			classifyRequestError({ httpCode: 'ECONNRESET', messages: ['timeout of 50ms exceeded'] }).kind,
		).toBe('timeout');
	});

	it('unknown failures are "other", with a code only when one was given as a code', () => {
		expect(classifyRequestError(new Error('SOME ERROR HAPPENED'))).toEqual({ kind: 'other' });
		expect(classifyRequestError({ code: 'CERT_HAS_EXPIRED' })).toEqual({
			kind: 'other',
			code: 'CERT_HAS_EXPIRED',
		});
		expect(classifyRequestError(undefined)).toEqual({ kind: 'other' });
		expect(classifyRequestError('ECONNREFUSED')).toEqual({ kind: 'other' });
	});

	it('a cyclic cause chain ends', () => {
		const error: { message: string; cause?: unknown } = { message: 'loop' };
		error.cause = error;
		expect(classifyRequestError(error)).toEqual({ kind: 'other' });
	});
});
