import type { IDataObject } from 'n8n-workflow';

import { parseDate } from '../../shared/dates';

/**
 * Single values of AffilBox answers that both of its APIs send alike: text (the XML reader's, or a
 * JSON string or number) and dates without an offset, in the licence's wall-clock time. Simplify
 * (helpers/simplifyValues.ts) and the API v2 reader (apiV2/values.ts) read them here.
 */

/** The text of a value: text, the XML reader's `{ '#text': … }`, or a number; else undefined. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const text = (value as IDataObject)['#text'];
		if (typeof text === 'string' || typeof text === 'number') return textOf(text);
	}
	return undefined;
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
