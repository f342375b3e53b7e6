import type { JsonRecord } from '../../../shared/jsonProblem';
import { isoDateOf, textOf } from '../values';

/**
 * Single values of API v2 answers, read tolerantly. Every quirk here is one the public client's
 * fixtures show (see docs/affilbox-api-v2.md): numbers as JSON strings or numbers, money with
 * binary float noise, currency as a symbol or a code, dates without offset (unpadded hours, date
 * only, `false`/`''`/null for none), booleans as JSON booleans (other spellings defensively). What
 * cannot be read is kept as it came, never dropped and never an error.
 */

/** An identifier as text (`"3884"` and `21` alike, leading zeros kept); none → null. */
export function idOf(value: unknown): string | null {
	const text = textOf(value);
	return text === undefined || text === '' ? null : text;
}

/** Text, with empty text and null as null; other values kept. */
export function textOrNull(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	return value;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** `"500"` → 500, `1403.594` → 1403.594; '' or null → null; unreadable text kept. */
export function numberOf(value: unknown): number | string | null {
	if (value === null || value === undefined || value === false) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return null;
	return NUMBER.test(text) ? Number(text) : value;
}

/**
 * A double holds 15 significant decimal digits faithfully; what AffilBox sends beyond them
 * (`"629.2154999999999"`, `"1845.3300000000002"`) is the noise of its own float arithmetic. Only
 * that is removed: 4-decimal commissions (`9.7935`) stay as they are, nothing is rounded to cents.
 */
export function withoutFloatNoise(amount: number): number {
	if (!Number.isFinite(amount) || amount === 0) return amount;
	return Number(amount.toPrecision(15));
}

/** A money amount: like numberOf, without float noise. */
export function amountOf(value: unknown): number | string | null {
	const number = numberOf(value);
	return typeof number === 'number' ? withoutFloatNoise(number) : number;
}

/** The sum of amounts, without float noise; undefined when any is not a number. */
export function sumOfAmounts(amounts: Array<number | string | null>): number | undefined {
	let sum = 0;
	for (const amount of amounts) {
		if (typeof amount !== 'number') return undefined;
		sum += amount;
	}
	return withoutFloatNoise(sum);
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'ano', 'y']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'ne', 'n', '']);

/**
 * JSON booleans as they are; `1`/`0` and the words true/false, yes/no (ano/ne) as booleans, unlike
 * PHP's cast (which makes `"false"` true). null → null; anything else kept.
 */
export function booleanOf(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return true;
		if (FALSE_WORDS.has(word)) return false;
	}
	return value;
}

// Symbols that name one currency. `$`, `kr` and the like name several and are kept as sent.
const SYMBOL_CODES: Record<string, string> = {
	kč: 'CZK',
	'€': 'EUR',
	eur: 'EUR',
	zł: 'PLN',
	ft: 'HUF',
};

/** `"Kč"` → `CZK`, `"czk"` → `CZK`, `"€"` → `EUR`; an ambiguous symbol (`$`) is kept; none → null. */
export function currencyOf(value: unknown): string | null {
	const text = textOf(value);
	if (text === undefined || text === '') return null;
	if (/^[A-Za-z]{3}$/.test(text)) return text.toUpperCase();
	return SYMBOL_CODES[text.toLowerCase()] ?? text;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date of an answer. API v2 dates carry no offset (`2025-03-11 10:50:50`, `2025-03-10
 * 8:45:21`): read as wall-clock time in the licence zone, given as ISO 8601 with its offset.
 * A date without a time (`2025-12-31`) is a calendar day and stays so. `null`, `''`, `false`
 * and zero dates mean "none" → null; unreadable text is kept (both as in the XML answers:
 * transport/values.ts).
 */
export function dateOf(value: unknown, zone: string): string | null {
	if (value === false) return null;
	const text = textOf(value);
	return text !== undefined && DATE_ONLY.test(text) ? text : isoDateOf(text, zone);
}

/** An object, or the first object of a list (`person: [{…}]`); an empty list or none → {}. */
export function firstObject(value: unknown): JsonRecord {
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	return typeof first === 'object' && first !== null && !Array.isArray(first)
		? (first as JsonRecord)
		: {};
}

/** The objects of a list, or the one bare object (`items: {…}`); none → []. */
export function objectsOf(value: unknown): JsonRecord[] {
	const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
	return list.filter(
		(entry): entry is JsonRecord =>
			typeof entry === 'object' && entry !== null && !Array.isArray(entry),
	);
}

/** The value under the first of `names` the record has (exact first, then any letter case). */
export function fieldOf(record: JsonRecord, names: readonly string[]): unknown {
	for (const name of names) if (name in record) return record[name];
	const lower = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
	for (const name of names) {
		const key = lower.get(name.toLowerCase());
		if (key !== undefined) return record[key];
	}
	return undefined;
}
