import { escapeXmlText } from '../../shared/redact';
import { checkSecureUrl } from '../../shared/secureUrl';

/** What the credential and the transport share: the API URL's check, and where the key goes. */

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

/**
 * AffilBox authenticates by a `<key>` element inside the XML document, so the credential (not the
 * node) must put the key there. The request builder always emits an empty key element as the
 * first child of `<request>`; user values are escaped by the serializer, so this markup cannot
 * come from them.
 */
export const KEY_SLOT = '<request><key></key>';

// The slot, empty or already filled: n8n calls authenticate again on a request it retries after a 401.
const KEY_ELEMENT = /<request><key>[^<]*<\/key>/;

/** Returns the document with the key in its slot, or undefined when the document has no slot. */
export function placeApiKey(xml: string, apiKey: string): string | undefined {
	const slot = KEY_ELEMENT.exec(xml);
	if (slot === null) return undefined;
	const filled = `<request><key>${escapeXmlText(apiKey)}</key>`;
	return xml.slice(0, slot.index) + filled + xml.slice(slot.index + slot[0].length);
}
