import { escapeXmlText } from '../../shared/redact';

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
