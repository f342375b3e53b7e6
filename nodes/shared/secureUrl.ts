/**
 * Both APIs take a secret with every request, so their URL must use https://. Plain http:// is
 * accepted for loopback hosts only, where the local sandboxes run. Each platform words the
 * problem for its own credential field.
 */
export type SecureUrlCheck =
	| { ok: true; url: string }
	| { ok: false; problem: 'empty' | 'invalid' | 'http' | 'otherProtocol' };

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** `url` as given (the caller trims or normalises it first). */
export function checkSecureUrl(url: string): SecureUrlCheck {
	if (url === '') return { ok: false, problem: 'empty' };
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { ok: false, problem: 'invalid' };
	}
	if (parsed.protocol === 'https:') return { ok: true, url };
	if (parsed.protocol !== 'http:') return { ok: false, problem: 'otherProtocol' };
	return LOOPBACK_HOSTS.test(parsed.hostname) ? { ok: true, url } : { ok: false, problem: 'http' };
}
