import { InvalidInputError } from './invalidInput';

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** Amounts go out as JSON numbers: numbers and dot-decimal text pass, anything else names its field. */
export function parseAmount(value: unknown, field: string): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && DECIMAL.test(value.trim())
				? Number(value.trim())
				: Number.NaN;
	if (!Number.isFinite(number)) {
		throw new InvalidInputError(
			field,
			`${field} must be a number, got "${String(value ?? '')}"`,
			'Use digits with an optional dot decimal part, e.g. 120 or 49.90.',
		);
	}
	return number;
}

/** Yes/no switches; an expression may also give the text "true" or "false". */
export function parseBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InvalidInputError(field, `${field} must be true or false, got "${String(value)}"`);
}

/** Required text: whitespace-only counts as missing; the value itself is sent unchanged. */
export function requireText(value: unknown, field: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	if (text.trim() === '') throw new InvalidInputError(field, `${field} is required`);
	return text;
}

/** Optional text from a collection: numbers become text, blanks are left out. */
export function optionalText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value;
}

/** Whole number within bounds, e.g. the batch size. */
export function parseWholeNumber(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InvalidInputError(
			field,
			`${field} must be a whole number from ${min} to ${max}, got "${String(value)}"`,
		);
	}
	return number;
}

/** A number within bounds, decimals allowed, e.g. the timeout in seconds. */
export function parseNumberInRange(
	value: unknown,
	field: string,
	min: number,
	max: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
		throw new InvalidInputError(
			field,
			`${field} must be a number from ${min} to ${max}, got "${String(value)}"`,
		);
	}
	return number;
}
