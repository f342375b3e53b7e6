import { DateTime } from 'luxon';

import { InvalidInputError } from './invalidInput';

/** The only date format the Affelios API documents: ISO-8601 in UTC with milliseconds. */
const AFFELIOS_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

// As milliseconds, smaller numbers are before March 1973: such a number is epoch seconds (until year 5138).
const SMALLEST_EPOCH_MS = 1e11;

const DATE_HINT =
	'Use e.g. 2024-01-15T10:30:00Z, 2024-01-15T10:30:00+01:00, 2024-01-15 10:30:00, 2024-01-15, epoch seconds or milliseconds, or an n8n DateTime ({{ $now }}).';

interface LuxonLike {
	isLuxonDateTime?: unknown;
	toMillis?: unknown;
}

function fromEpoch(value: number): DateTime | undefined {
	if (!Number.isFinite(value)) return undefined;
	const millis = Math.abs(value) < SMALLEST_EPOCH_MS ? value * 1000 : value;
	return DateTime.fromMillis(millis, { zone: 'utc' });
}

function fromText(text: string, zone: string): DateTime | undefined {
	if (/^\d+$/.test(text)) return fromEpoch(Number(text));
	// ISO covers offsets, `Z`, `T`-separated wall times and plain dates; SQL covers `yyyy-mm-dd hh:mm[:ss]`.
	const iso = DateTime.fromISO(text, { zone });
	if (iso.isValid) return iso;
	const sql = DateTime.fromSQL(text, { zone });
	return sql.isValid ? sql : undefined;
}

function readDate(value: unknown, zone: string): DateTime | undefined {
	// n8n's DateTime may come from another copy of luxon than ours: recognise it by its marker.
	const luxonLike = value as LuxonLike;
	if (
		typeof value === 'object' &&
		value !== null &&
		luxonLike.isLuxonDateTime === true &&
		typeof luxonLike.toMillis === 'function'
	) {
		const millis = (luxonLike.toMillis as () => number).call(value);
		return Number.isFinite(millis) ? DateTime.fromMillis(millis, { zone: 'utc' }) : undefined;
	}
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value);
	}
	if (typeof value === 'number') return fromEpoch(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return fromText(value.trim(), zone);
}

/**
 * Converts a date as users give it into exactly `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC). Text without an
 * offset is wall time in `zone` (the workflow's time zone, as n8n's date picker means it).
 */
export function toAffeliosDate(value: unknown, zone: string, field: string): string {
	const parsed = readDate(value, zone);
	if (!parsed?.isValid) {
		throw new InvalidInputError(
			field,
			`${field}: "${String(value ?? '')}" is not a date Affelios can use`,
			DATE_HINT,
		);
	}
	return parsed.toUTC().toFormat(AFFELIOS_FORMAT);
}
