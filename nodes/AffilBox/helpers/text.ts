import { InvalidInputError } from '../../shared/invalidInput';
import { requireText } from '../../shared/parameters';
import { findForbiddenXmlChar, forbiddenXmlCharText } from '../transport/xmlChars';

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

/** Required text that XML can carry: whitespace-only counts as missing, the value is sent unchanged. */
export function requireXmlText(value: unknown, field: string): string {
	return xmlSafeText(requireText(value, field), field);
}

/**
 * The value of a choice field, which an expression (or a model calling the node as a tool) can
 * fill with any text: one of `allowed` (case aside), or an error listing them. Never a default.
 */
export function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	field: string,
	hint?: string,
): T {
	const text = typedText(value);
	const found = allowed.find((choice) => choice === text.toLowerCase());
	if (found !== undefined) return found;
	throw new InvalidInputError(
		field,
		`${field} must be one of ${allowed.map((choice) => `"${choice}"`).join(', ')}, got "${text}"`,
		hint,
	);
}

/** A choice as the editor shows it (`name`, its label) and as it is saved and sent (`value`). */
export interface LabelledChoice<T extends string> {
	name: string;
	value: T;
}

/**
 * oneOf for a choice whose labels are not its values (State's Rejected is `rejection`): typed text
 * may be either, case aside, and the error names each choice as the editor shows it, with its value.
 */
export function oneOfChoices<T extends string>(
	value: unknown,
	choices: ReadonlyArray<LabelledChoice<T>>,
	field: string,
	hint?: string,
): T {
	const text = typedText(value);
	const typed = text.toLowerCase();
	const found = choices.find(
		(choice) => choice.value === typed || choice.name.toLowerCase() === typed,
	);
	if (found !== undefined) return found.value;
	const listed = choices.map((choice) => `${choice.name} ("${choice.value}")`).join(', ');
	throw new InvalidInputError(field, `${field} must be one of ${listed}, got "${text}"`, hint);
}

function typedText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : String(value ?? '');
}

// Deliberately loose: the server decides what a valid address is, we only catch obvious slips.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An e-mail address (trimmed) that at least looks like one, else an error naming the field. */
export function checkEmail(email: string, field: string): string {
	const trimmed = email.trim();
	if (!LOOKS_LIKE_EMAIL.test(trimmed)) {
		throw new InvalidInputError(field, `${field}: "${trimmed}" is not an e-mail address`);
	}
	return trimmed;
}
