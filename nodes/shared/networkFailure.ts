/**
 * Reads what kind of failure a request that got no HTTP answer ran into. n8n wraps the HTTP
 * client's error in a NodeApiError, and what survives depends on the n8n version (both shapes are
 * pinned by tests: test/shared/networkFailure.test.ts, and against the real n8n-core in
 * test/affilbox/transport/retries.engine.test.ts and test/affelios/transport/networkErrors.engine.test.ts):
 * - n8n-core 2.11: `cause` is dropped; `httpCode` holds the client's error code (NodeApiError takes
 *   any `code` property for it) and `messages` the original texts, e.g. "connect ECONNREFUSED
 *   127.0.0.1:9", "socket hang up", "timeout of 300ms exceeded";
 * - later versions keep `cause`: the axios error with `code`, whose own `cause` is Node's error.
 * So codes are collected from the whole cause chain and `httpCode`, and the texts are searched too.
 */

export type NetworkFailureKind =
	| 'refused' // connection refused: nothing was sent
	| 'unreachable' // name not resolved, no route: nothing was sent, and waiting rarely helps
	| 'tls' // certificate or handshake failure: nothing of the request was sent
	| 'reset' // connection closed before the answer: the request may have been processed
	| 'timeout' // no answer in time: the request may have been processed
	| 'cancelled' // the execution was cancelled
	| 'other';

export interface NetworkFailure {
	kind: NetworkFailureKind;
	/** e.g. ECONNREFUSED; undefined when nothing names it as a code. */
	code?: string;
}

const REFUSED = ['ECONNREFUSED'];
const RESET = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'];
// axios (which n8n uses) reports its own time-out as ECONNABORTED, and uses that code for nothing else.
const TIMEOUT = [
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
];
const UNREACHABLE = ['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN'];
// Certificate and handshake failures (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT,
// ERR_TLS_CERT_ALTNAME_INVALID, UNABLE_TO_VERIFY_LEAF_SIGNATURE, EPROTO…): the handshake comes
// before the request, so nothing of it was sent.
const TLS = /CERT|^ERR_TLS_|^ERR_SSL_|^UNABLE_TO_|^EPROTO$/;
/** Codes also looked for inside texts (only known ones: a text may say "ERROR" in capitals). */
const KNOWN_CODES = [...REFUSED, ...RESET, ...TIMEOUT, ...UNREACHABLE];
const CODE_IN_TEXT = /\b[A-Z][A-Z_]{4,}\b/g;
/** A symbolic code (ECONNRESET, CERT_HAS_EXPIRED…), not an HTTP status. */
const SYMBOLIC_CODE = /^[A-Z][A-Z0-9_]{2,}$/;

interface ErrorLike {
	code?: unknown;
	httpCode?: unknown;
	message?: unknown;
	messages?: unknown;
	name?: unknown;
	cause?: unknown;
}

/** Codes and texts of the error and of its causes (a few levels deep, cycles cut). */
function collect(error: unknown): { codes: string[]; texts: string[] } {
	const codes: string[] = [];
	const texts: string[] = [];
	const seen = new Set<unknown>();
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		if (seen.has(current)) break;
		seen.add(current);
		const candidate = current as ErrorLike;
		for (const value of [candidate.code, candidate.httpCode]) {
			if (typeof value === 'string' && SYMBOLIC_CODE.test(value)) codes.push(value);
		}
		if (typeof candidate.message === 'string') texts.push(candidate.message);
		if (Array.isArray(candidate.messages)) {
			for (const text of candidate.messages) if (typeof text === 'string') texts.push(text);
		}
		if (candidate.name === 'CanceledError') codes.push('ERR_CANCELED');
		current = candidate.cause;
	}
	for (const text of texts) {
		codes.push(...(text.match(CODE_IN_TEXT) ?? []).filter((code) => KNOWN_CODES.includes(code)));
	}
	return { codes, texts };
}

export function classifyNetworkError(error: unknown): NetworkFailure {
	const { codes, texts } = collect(error);
	const has = (list: string[]) => codes.find((code) => list.includes(code));
	const said = (pattern: RegExp) => texts.some((text) => pattern.test(text));

	if (codes.includes('ERR_CANCELED')) return { kind: 'cancelled', code: 'ERR_CANCELED' };
	// axios says "timeout of Nms exceeded"; a time-out wins over the reset that may follow it.
	const timeout = has(TIMEOUT);
	if (timeout || said(/\btimeout\b.*\bexceeded\b/i)) return { kind: 'timeout', code: timeout };
	const refused = has(REFUSED);
	if (refused) return { kind: 'refused', code: refused };
	const reset = has(RESET);
	if (reset || said(/socket hang up/i)) return { kind: 'reset', code: reset };
	const unreachable = has(UNREACHABLE);
	if (unreachable) return { kind: 'unreachable', code: unreachable };
	const tls = codes.find((code) => TLS.test(code));
	if (tls) return { kind: 'tls', code: tls };
	return { kind: 'other', code: codes[0] };
}
