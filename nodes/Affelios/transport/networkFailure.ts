import type { NetworkKind } from './retryPolicy';

/**
 * What kind of network failure a thrown request error is. n8n-core (2.x) wraps axios' error in a
 * NodeApiError and keeps no reference to it (ExecutionBaseError drops an Error `cause`), but
 * NodeApiError copies axios' `code` into `httpCode` (ECONNREFUSED, ECONNRESET, ECONNABORTED for a
 * time-out, ENOTFOUND…) and keeps axios' plain message in `messages` ("connect ECONNREFUSED
 * 127.0.0.1:443", "socket hang up", "timeout of 30000ms exceeded"). Those two are read here, after
 * `code`/`cause.code` in case a future n8n passes the original through.
 * test/engine/affelios/networkErrors.test.ts checks this against the real n8n-core.
 */
export interface NetworkFailure {
	kind: NetworkKind;
	/** e.g. ECONNREFUSED; undefined when nothing names it. */
	code?: string;
}

const KIND_BY_CODE: Record<string, NetworkKind> = {
	ECONNREFUSED: 'refused',
	ENOTFOUND: 'unresolved',
	EAI_AGAIN: 'unresolved',
	ECONNRESET: 'reset',
	EPIPE: 'reset',
	// axios' own code for its time-out (ETIMEDOUT with `clarifyTimeoutError`).
	ECONNABORTED: 'timeout',
	ETIMEDOUT: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
};

// Handshake failures: nothing of the request was sent yet.
const TLS_CODE = /CERT|^ERR_TLS|^ERR_SSL|^EPROTO$/;

interface ErrorLike {
	code?: unknown;
	httpCode?: unknown;
	cause?: { code?: unknown };
	message?: unknown;
	messages?: unknown;
}

/** A symbolic code (ECONNRESET, CERT_HAS_EXPIRED…), not an HTTP status. */
function asCode(value: unknown): string | undefined {
	return typeof value === 'string' && /^[A-Z][A-Z0-9_]{2,}$/.test(value) ? value : undefined;
}

function textsOf(error: ErrorLike): string[] {
	const messages = Array.isArray(error.messages) ? error.messages.map(String) : [];
	return typeof error.message === 'string' ? [...messages, error.message] : messages;
}

export function classifyNetworkError(error: unknown): NetworkFailure {
	const candidate = (error ?? {}) as ErrorLike;
	const texts = textsOf(candidate);
	const code =
		asCode(candidate.code) ??
		asCode(candidate.cause?.code) ??
		asCode(candidate.httpCode) ??
		texts.map((text) => /\b(E[A-Z][A-Z_]{2,})\b/.exec(text)?.[1]).find(Boolean);

	if (code !== undefined && KIND_BY_CODE[code]) return { kind: KIND_BY_CODE[code], code };
	if (texts.some((text) => /timeout of \d+ms exceeded/i.test(text)))
		return { kind: 'timeout', code };
	if (texts.some((text) => /socket hang up/i.test(text))) return { kind: 'reset', code };
	if (code !== undefined && TLS_CODE.test(code)) return { kind: 'tls', code };
	return { kind: 'other', code };
}
