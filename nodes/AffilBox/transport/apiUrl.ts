import { checkSecureUrl } from '../../shared/secureUrl';

/**
 * The API URL is kept exactly as the user copied it from the licence's settings; we only check
 * that it can work: AffilBox refuses plain http:// since 2020, so http is allowed for loopback
 * hosts only (the local sandbox).
 */
export type ApiUrlCheck = { ok: true; url: string } | { ok: false; message: string };

export function checkApiUrl(value: unknown): ApiUrlCheck {
	const url = typeof value === 'string' ? value.trim() : '';
	const check = checkSecureUrl(url);
	if (check.ok) return check;
	switch (check.problem) {
		case 'empty':
			return {
				ok: false,
				message: "The API URL is empty: copy it from your licence's Settings → User settings",
			};
		case 'invalid':
			return {
				ok: false,
				message: `The API URL "${url}" is not a valid URL (expected e.g. https://c1234.affilbox.cz/api/)`,
			};
		case 'http':
			return {
				ok: false,
				message: `The API URL "${url}" uses http://, which AffilBox refuses: use https:// (http:// is accepted only for a local sandbox on localhost)`,
			};
		case 'otherProtocol':
			return { ok: false, message: `The API URL "${url}" must start with https://` };
	}
}
