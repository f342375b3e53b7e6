import { checkSecureUrl } from '../../shared/secureUrl';

/** The credential every Affelios call authenticates with. */
export const CREDENTIAL_TYPE = 'affeliosApi';

/**
 * The credential's Base URL, made safe to build paths on: trailing slashes and a copied `/api/v1`
 * (or `/api`) suffix are dropped, since every path already starts with `/api/v1/`. The key must
 * not travel in clear text, so http:// is accepted only for loopback hosts (the local sandbox).
 */
export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

export const DEFAULT_BASE_URL = 'https://api.affelios.com';

export function normalizeBaseUrl(value: string): string {
	return value
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api(\/v1)?$/i, '')
		.replace(/\/+$/, '');
}

export function checkBaseUrl(value: unknown): BaseUrlCheck {
	const url = normalizeBaseUrl(typeof value === 'string' ? value : '');
	const check = checkSecureUrl(url);
	if (check.ok) return check;
	switch (check.problem) {
		case 'empty':
			return { ok: false, message: `The Base URL is empty: use ${DEFAULT_BASE_URL}` };
		case 'invalid':
			return {
				ok: false,
				message: `The Base URL "${url}" is not a valid URL (expected e.g. ${DEFAULT_BASE_URL})`,
			};
		case 'http':
		case 'otherProtocol':
			return {
				ok: false,
				message: `The Base URL "${url}" must start with https:// so the API key is not sent in clear text`,
			};
	}
}
