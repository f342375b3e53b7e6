import { findForbiddenXmlChar, forbiddenXmlCharText } from '../transport/xmlChars';
import { InvalidInputError } from './invalidInput';

/** The value as text, refused (naming the field) when it holds a character XML cannot carry. */
export function xmlSafeText(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	const found = findForbiddenXmlChar(text);
	if (found) {
		const { message, hint } = forbiddenXmlCharText(field, found);
		throw new InvalidInputError(field, message, hint);
	}
	return text;
}

/** Required text: whitespace-only counts as missing, the value itself is sent unchanged. */
export function requireText(value: unknown, field: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	if (text.trim() === '') throw new InvalidInputError(field, `${field} is required`);
	return xmlSafeText(text, field);
}
