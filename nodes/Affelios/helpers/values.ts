import { InvalidInputError } from '../../shared/invalidInput';
import { readAmount } from '../../shared/numbers';

/** Amounts go out as JSON numbers: numbers and dot-decimal text pass, anything else names its field. */
export function readAffeliosAmount(value: unknown, field: string): number {
	return Number(readAmount(value, field, { localized: false }));
}

/** Yes/no switches; an expression may also give the text "true" or "false". */
export function parseBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InvalidInputError(field, `${field} must be true or false, got "${String(value)}"`);
}

/** Optional text from a collection: numbers become text, blanks are left out. */
export function optionalText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value;
}
