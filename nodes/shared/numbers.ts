import { InvalidInputError } from './invalidInput';

/**
 * Whole numbers for ids, counts and options, as numbers or text. With both bounds the message
 * names the range; with only a minimum it says what the value is below.
 */
export function readWholeNumber(
	value: unknown,
	field: string,
	bounds: { min?: number; max?: number } = {},
): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const number = /^[-+]?\d+$/.test(text) ? Number(text) : Number.NaN;
	const { min, max } = bounds;
	if (min !== undefined && max !== undefined) {
		if (!Number.isSafeInteger(number) || number < min || number > max) {
			throw new InvalidInputError(
				field,
				`${field} must be a whole number from ${min} to ${max}, got "${String(value)}"`,
			);
		}
		return number;
	}
	if (Number.isNaN(number)) {
		throw new InvalidInputError(
			field,
			`${field} must be a whole number, got "${String(value ?? '')}"`,
		);
	}
	if (!Number.isSafeInteger(number)) {
		throw new InvalidInputError(field, `${field} is too large: "${text}"`);
	}
	if (min !== undefined && number < min) {
		throw new InvalidInputError(field, `${field} must be at least ${min}, got ${number}`);
	}
	if (max !== undefined && number > max) {
		throw new InvalidInputError(field, `${field} must be at most ${max}, got ${number}`);
	}
	return number;
}

/** A number within bounds, decimals allowed, e.g. a timeout in seconds. */
export function readNumberInRange(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
		throw new InvalidInputError(
			field,
			`${field} must be a number from ${min} to ${max}, got "${String(value)}"`,
		);
	}
	return number;
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const SPACES = /[\s\u00a0\u202f']/g;

/**
 * Turns what users type with a decimal comma or thousands separators (`12,50`, `1 234,50`,
 * `1.234,50`, `1,234.50`) into dot-decimal text: where both separators appear, the last one is
 * the decimal separator.
 */
function delocalize(text: string): string {
	const compact = text.replace(SPACES, '');
	const lastComma = compact.lastIndexOf(',');
	const lastDot = compact.lastIndexOf('.');
	if (lastComma > lastDot) return compact.replace(/\./g, '').replace(',', '.');
	if (lastComma !== -1) return compact.replace(/,/g, '');
	return compact;
}

/**
 * An amount as dot-decimal text (sign `+` dropped, `.5` as `0.5`): numbers, and text with a dot
 * decimal part. With `localized`, also decimal commas and thousands separators, as the AffilBox
 * node's Czech users write them; the Affelios node keeps to dot decimals, because a JSON number
 * like `1,234` cannot be told apart from `1.234` there. Anything else names its field.
 */
export function readAmount(value: unknown, field: string, options: { localized: boolean }): string {
	let text: string | undefined;
	if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : undefined;
	else if (typeof value === 'string') {
		const trimmed = options.localized ? delocalize(value) : value.trim();
		text = DECIMAL.test(trimmed) ? trimmed : undefined;
	}
	if (text === undefined) {
		throw new InvalidInputError(
			field,
			`${field} must be a number, got "${String(value ?? '')}"`,
			options.localized
				? 'Use digits with an optional decimal part, e.g. 630 or 12.50 (12,50 works too).'
				: 'Use digits with an optional dot decimal part, e.g. 120 or 49.90.',
		);
	}
	return text
		.replace(/^\+/, '')
		.replace(/^(-?)\./, (_, sign: string) => `${sign}0.`)
		.replace(/\.$/, '');
}
