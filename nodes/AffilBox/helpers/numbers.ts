import { InvalidInputError } from './invalidInput';

const SPACES = /[\s\u00a0\u202f']/g;

/**
 * Normalises an amount to the API's double format (dot decimal). Accepts numbers and text such as
 * `12.50`, `12,50` (Czech decimal comma), `1 234,50`, `1.234,50` or `1,234.50`: where both separators
 * appear, the last one is the decimal separator.
 */
export function parseAmount(value: unknown, field: string): string {
	if (typeof value === 'number') {
		if (Number.isFinite(value)) return String(value);
		throw new InvalidInputError(field, `${field} must be a number, got ${String(value)}`);
	}
	let text = typeof value === 'string' ? value.replace(SPACES, '') : '';
	const lastComma = text.lastIndexOf(',');
	const lastDot = text.lastIndexOf('.');
	if (lastComma > lastDot) text = text.replace(/\./g, '').replace(',', '.');
	else if (lastComma !== -1) text = text.replace(/,/g, '');
	if (!/^[-+]?\d+(\.\d+)?$/.test(text)) {
		throw new InvalidInputError(
			field,
			`${field} must be a number, got "${String(value ?? '')}"`,
			'Use digits with an optional decimal part, e.g. 630 or 12.50 (12,50 works too).',
		);
	}
	return text.replace(/^\+/, '');
}

/** Whole numbers for ids and counts; `min` guards counts such as clicks. */
export function parseInteger(value: unknown, field: string, min?: number): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^[-+]?\d+$/.test(text)) {
		throw new InvalidInputError(
			field,
			`${field} must be a whole number, got "${String(value ?? '')}"`,
		);
	}
	const number = Number(text);
	if (!Number.isSafeInteger(number)) {
		throw new InvalidInputError(field, `${field} is too large: "${text}"`);
	}
	if (min !== undefined && number < min) {
		throw new InvalidInputError(field, `${field} must be at least ${min}, got ${number}`);
	}
	return number;
}
