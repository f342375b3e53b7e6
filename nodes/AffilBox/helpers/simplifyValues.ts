import type { IDataObject } from 'n8n-workflow';

import { parseDate } from '../../shared/dates';
import { readAffilBoxAmount } from './amounts';

/**
 * Reading single values for Simplify. AffilBox does not publish its answers' field names, so each
 * field is looked up under several names, case-insensitively, and a value that cannot be read as a
 * number or date is kept as the text it was (never dropped, never an error).
 */

/** The text of a value as the lenient reader gives it: text, `{ '#text': … }`, or a number. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const text = (value as IDataObject)['#text'];
		if (typeof text === 'string' || typeof text === 'number') return textOf(text);
	}
	return undefined;
}

/**
 * Reads a record's fields by name, any letter case (the first spelling of a name in the record
 * wins): the lowered names are listed once, however many fields are read.
 */
export function fieldReader(record: IDataObject): (names: readonly string[]) => string | undefined {
	const byLowerName = new Map<string, unknown>();
	for (const [key, value] of Object.entries(record)) {
		const lower = key.toLowerCase();
		if (!byLowerName.has(lower)) byLowerName.set(lower, value);
	}
	return (names) => {
		let found: string | undefined;
		for (const name of names) {
			const text = textOf(byLowerName.get(name.toLowerCase()));
			if (text) return text;
			found ??= text;
		}
		return found;
	};
}

/**
 * The text under the first of `names` the record has with a non-empty value (any letter case); `''`
 * when the record has such a field but it is empty everywhere; undefined when it has none.
 */
export function firstText(record: IDataObject, names: readonly string[]): string | undefined {
	return fieldReader(record)(names);
}

/** Text, with empty text as null. */
export function textOrNull(text: string | undefined): string | null {
	return text === undefined || text === '' ? null : text;
}

/** `"89.90"` → 89.9, `"1 234,50"` → 1234.5; empty → null; unreadable text is kept as it is. */
export function amountOf(text: string | undefined): number | string | null {
	if (text === undefined || text === '') return null;
	try {
		return Number(readAffilBoxAmount(text, 'amount'));
	} catch {
		return text;
	}
}

// AffilBox writes "no date" as zeros in some places.
const NO_DATE = /^0{4}-0{2}-0{2}/;

/**
 * A date as ISO 8601 with the licence zone's offset (`2025-02-03T08:45:21+01:00`); text without an
 * offset is read as the licence's wall-clock time. Empty or zero dates → null; unreadable text is
 * kept as it is.
 */
export function isoDateOf(text: string | undefined, zone: string): string | null {
	if (text === undefined || text === '' || NO_DATE.test(text)) return null;
	const parsed = parseDate(text, zone);
	if (!parsed?.isValid) return text;
	return parsed.toISO({ suppressMilliseconds: true }) ?? text;
}
