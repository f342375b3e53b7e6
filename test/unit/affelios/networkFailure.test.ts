import { classifyNetworkError } from '../../../nodes/Affelios/transport/networkFailure';

/** Shapes as n8n-core 2.x throws them (networkErrors.test.ts checks the real ones). */
const wrapped = (httpCode: string | null, message: string) => ({
	name: 'NodeApiError',
	message: 'n8n’s plain words',
	httpCode,
	messages: [message, message],
});

describe('classifyNetworkError', () => {
	it.each([
		[wrapped('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), 'refused', 'ECONNREFUSED'],
		[wrapped('ECONNRESET', 'socket hang up'), 'reset', 'ECONNRESET'],
		[wrapped('ECONNABORTED', 'timeout of 200ms exceeded'), 'timeout', 'ECONNABORTED'],
		[wrapped('ENOTFOUND', 'getaddrinfo ENOTFOUND x.invalid'), 'unresolved', 'ENOTFOUND'],
		[wrapped('EAI_AGAIN', 'getaddrinfo EAI_AGAIN x'), 'unresolved', 'EAI_AGAIN'],
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
		expect(classifyNetworkError(wrapped('ERR_CANCELED', 'canceled'))).toEqual({
			kind: 'other',
			code: 'ERR_CANCELED',
		});
	});
});
