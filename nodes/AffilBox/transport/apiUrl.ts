/**
 * The API URL is kept exactly as the user copied it from the licence's settings; we only check
 * that it can work: AffilBox refuses plain http:// since 2020, so http is allowed for loopback
 * hosts only (the local sandbox).
 */
export type ApiUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function checkApiUrl(value: unknown): ApiUrlCheck {
	const url = typeof value === 'string' ? value.trim() : '';
	if (url === '') {
		return {
			ok: false,
			message: "The API URL is empty: copy it from your licence's Settings → User settings",
		};
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return {
			ok: false,
			message: `The API URL "${url}" is not a valid URL (expected e.g. https://c1234.affilbox.cz/api/)`,
		};
	}
	if (parsed.protocol === 'https:') return { ok: true, url };
	if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.test(parsed.hostname)) return { ok: true, url };
	if (parsed.protocol === 'http:') {
		return {
			ok: false,
			message: `The API URL "${url}" uses http://, which AffilBox refuses: use https:// (http:// is accepted only for a local sandbox on localhost)`,
		};
	}
	return { ok: false, message: `The API URL "${url}" must start with https://` };
}
