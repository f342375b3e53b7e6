import type { IDataObject } from 'n8n-workflow';

import { textOf } from '../transport/values';
import { readAffilBoxAmount } from './amounts';

/**
 * Reading single values for Simplify (text and dates as both AffilBox APIs send them: transport/values.ts). AffilBox does not publish its answers' field names, so each
 * field is looked up under several names, case-insensitively, and a value that cannot be read as a
 * number or date is kept as the text it was (never dropped, never an error).
 */

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
