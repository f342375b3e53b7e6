import { checkSecureUrl } from '../../../shared/secureUrl';

/** What the API v2 credential and its transport share: the credential type and the API URL's check. */

/** The credential every API v2 call authenticates with. */
export const V2_CREDENTIAL_TYPE = 'affilBoxApiV2Api';

/**
 * The API v2 address. The only public source (the client jakuborava/affilbox-client) calls one host
 * for every licence, unlike the XML API's per-licence URL; it is a field anyway, so a sandbox (or a
 * host AffilBox may move to) can be used. The key goes in a header with every call, so https:// is
 * required; http:// only for loopback hosts (the local sandbox). Paths are appended after one `/`.
 */
export const DEFAULT_V2_API_URL = 'https://api.affilbox.cz';

export type V2ApiUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** The URL without trailing slashes, ready for `${url}/${path}`. */
export function checkV2ApiUrl(value: unknown): V2ApiUrlCheck {
	const url = (typeof value === 'string' ? value.trim() : '').replace(/\/+$/, '');
	const check = checkSecureUrl(url);
	if (check.ok) return { ok: true, url };
	switch (check.problem) {
		case 'empty':
			return { ok: false, message: `The API URL is empty: use ${DEFAULT_V2_API_URL}` };
		case 'invalid':
			return {
				ok: false,
				message: `The API URL "${url}" is not a valid URL (expected e.g. ${DEFAULT_V2_API_URL})`,
			};
		case 'http':
			return {
				ok: false,
				message: `The API URL "${url}" uses http://, which would send the API key in clear text: use https:// (http:// is accepted only for a local sandbox on localhost)`,
			};
		case 'otherProtocol':
			return { ok: false, message: `The API URL "${url}" must start with https://` };
	}
}
