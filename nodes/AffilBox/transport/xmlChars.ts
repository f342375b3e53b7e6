/**
 * Characters an XML 1.0 document cannot carry, even escaped: C0 controls other than tab, line feed
 * and carriage return, unpaired surrogates, and the non-characters U+FFFE and U+FFFF. AffilBox gets
 * every value inside an XML document, so such a value cannot reach it intact: refuse it, naming
 * the field, before anything is sent. Everything else is sent exactly.
 */

export interface ForbiddenXmlChar {
	/** Position in the value, counted in characters from 1 (astral characters count once). */
	position: number;
	/** e.g. `U+0007` */
	codePoint: string;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

function forbiddenAt(text: string, index: number): { forbidden: boolean; width: number } {
	const code = text.charCodeAt(index);
	if (code < 0x20) return { forbidden: code !== 0x09 && code !== 0x0a && code !== 0x0d, width: 1 };
	if (isHighSurrogate(code)) {
		// charCodeAt past the end is NaN, so a high surrogate at the very end counts as unpaired.
		const paired = isLowSurrogate(text.charCodeAt(index + 1));
		return { forbidden: !paired, width: paired ? 2 : 1 };
	}
	return { forbidden: isLowSurrogate(code) || code === 0xfffe || code === 0xffff, width: 1 };
}

/** The first character XML 1.0 forbids, or undefined when the text can be sent as is. */
export function findForbiddenXmlChar(text: string): ForbiddenXmlChar | undefined {
	let position = 0;
	for (let index = 0; index < text.length; ) {
		position += 1;
		const { forbidden, width } = forbiddenAt(text, index);
		if (forbidden) {
			const hex = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
			return { position, codePoint: `U+${hex}` };
		}
		index += width;
	}
	return undefined;
}

/** What to tell the user about such a character (message and description), naming the field. */
export function forbiddenXmlCharText(
	field: string,
	found: ForbiddenXmlChar,
): { message: string; hint: string } {
	return {
		message: `${field} contains a character that cannot be sent to AffilBox (${found.codePoint} at position ${found.position})`,
		hint:
			'AffilBox receives every value inside an XML document, and XML 1.0 cannot carry control ' +
			'characters other than tab, line feed and carriage return, unpaired surrogates, U+FFFE or ' +
			'U+FFFF. Remove the character from the value; nothing was sent.',
	};
}
