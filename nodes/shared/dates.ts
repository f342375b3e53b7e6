import { DateTime } from 'luxon';

import { InvalidInputError } from './invalidInput';

/**
 * The date forms both nodes accept, in one place: n8n DateTime values, JS Dates, epoch seconds or
 * milliseconds, ISO-8601 with or without offset, SQL (`yyyy-mm-dd hh:mm[:ss]`), RFC 2822, HTTP
 * dates, `yyyy/mm/dd` and Czech `d.m.yyyy` (with or without spaces, with a time or not).
 */

// Forms luxon does not try by itself (ISO, SQL, RFC 2822 and HTTP are tried first).
const EXTRA_FORMATS = [
	'yyyy-MM-dd H:mm:ss',
	'yyyy-MM-dd H:mm',
	'yyyy-MM-dd H:mm:ss.SSS',
	'yyyy/MM/dd',
	'yyyy/MM/dd H:mm',
	'yyyy/MM/dd H:mm:ss',
	'd.M.yyyy',
	'd.M.yyyy H:mm',
	'd.M.yyyy H:mm:ss',
	'd. M. yyyy',
	'd. M. yyyy H:mm',
	'd. M. yyyy H:mm:ss',
];

/** What an error about an unreadable date suggests, for either node. */
export const DATE_HINT =
	'Use e.g. 2025-03-11, 2025-03-11 14:30, 2025-03-11T14:30:00+01:00, 11.3.2025, Tue, 11 Mar 2025 14:30:00 +0100, epoch seconds or milliseconds, or an n8n DateTime ({{ $now }}).';

// As milliseconds, smaller numbers are before March 1973: such a number is epoch seconds (until year 5138).
const SMALLEST_EPOCH_MS = 1e11;

interface LuxonLike {
	isLuxonDateTime?: unknown;
	toMillis?: unknown;
}

function fromEpoch(value: number, zone: string): DateTime {
	const millis = Math.abs(value) < SMALLEST_EPOCH_MS ? value * 1000 : value;
	return DateTime.fromMillis(millis, { zone });
}

function fromText(text: string, zone: string): DateTime | undefined {
	if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text), zone);
	const options = { zone };
	const attempts = [
		() => DateTime.fromISO(text, options),
		() => DateTime.fromSQL(text, options),
		() => DateTime.fromRFC2822(text, options),
		() => DateTime.fromHTTP(text, options),
		...EXTRA_FORMATS.map((format) => () => DateTime.fromFormat(text, format, options)),
	];
	for (const attempt of attempts) {
		const parsed = attempt();
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

/**
 * Reads a date the way users give it (see the forms above). Text without an offset is wall time
 * in `zone`; the result is in `zone`. Undefined when nothing fits.
 */
export function parseDate(value: unknown, zone: string): DateTime | undefined {
	if (value === null || value === undefined) return undefined;
	const luxonLike = value as LuxonLike;
	// n8n may hand us a DateTime from its own copy of luxon: recognise it by its marker, not instanceof.
	if (
		typeof value === 'object' &&
		luxonLike.isLuxonDateTime === true &&
		typeof luxonLike.toMillis === 'function'
	) {
		const millis = (luxonLike.toMillis as () => number).call(value);
		return Number.isFinite(millis) ? DateTime.fromMillis(millis, { zone }) : undefined;
	}
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value, { zone });
	}
	if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value, zone) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	return fromText(text, zone)?.setZone(zone);
}

/** Like parseDate, but a date that cannot be read names its field ("… is not a date AffilBox can use"). */
export function readDate(value: unknown, zone: string, field: string, platform: string): DateTime {
	const parsed = parseDate(value, zone);
	if (!parsed) {
		throw new InvalidInputError(
			field,
			`${field}: "${String(value ?? '')}" is not a date ${platform} can use`,
			DATE_HINT,
		);
	}
	return parsed;
}

export function isEmptyDate(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}
