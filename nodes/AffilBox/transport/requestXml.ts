import { XMLBuilder } from 'fast-xml-parser';

import { InvalidInputError } from '../../shared/invalidInput';
import { KEY_SLOT } from './credential';
import { findForbiddenXmlChar, forbiddenXmlCharText } from './xmlChars';

/** Method parameters as the API names them; undefined values are left out of the document. */
export type AffilBoxParams = Record<string, string | number | boolean | undefined>;

// Entities on: every value is escaped (& < > " '), so no user value can change the document's structure.
const builder = new XMLBuilder({
	ignoreAttributes: false,
	format: false,
	processEntities: true,
	suppressEmptyNode: false,
});

// Constant text, no value in it: written as is instead of serialised per request (as the builder writes it).
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Builds the request document with an empty key slot; the credential's `authenticate` fills it in,
 * so the key never passes through node code.
 *
 * Values arrive exactly as given: a carriage return is written as `&#13;`, because an XML parser
 * turns a literal CR (or CR LF) into LF. Characters XML cannot carry at all are refused with an
 * InvalidInputError naming the parameter; the operations check their fields (by display name)
 * before this, so this is the last guard.
 */
export function buildRequestXml(method: string, params: AffilBoxParams = {}): string {
	const request: Record<string, string> = { key: '', method };
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined) continue;
		const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
		const found = findForbiddenXmlChar(text);
		if (found) {
			const { message, hint } = forbiddenXmlCharText(name, found);
			throw new InvalidInputError(name, message, hint);
		}
		request[name] = text;
	}
	const built = DECLARATION + (builder.build({ request }) as string);
	// The builder writes no CR of its own (format: false), so every CR here comes from a value.
	const xml = built.replace(/\r/g, '&#13;');
	if (!xml.includes(KEY_SLOT)) {
		// Would mean the serializer changed how it writes empty elements: fail loudly, never send keyless.
		throw new Error('AffilBox request document has no key slot');
	}
	return xml;
}
