import { DateTime, IANAZone } from 'luxon';

import { InvalidInputError } from './invalidInput';

/** The date formats the AffilBox API documents for its parameters. */
export const AFFILBOX_DATE_FORMATS = {
	minute: 'yyyy-MM-dd HH:mm',
	day: 'yyyy-MM-dd',
	second: 'yyyy-MM-dd HH:mm:ss',
} as const;

export type AffilBoxDateFormat = (typeof AFFILBOX_DATE_FORMATS)[keyof typeof AFFILBOX_DATE_FORMATS];

// Common human and export formats luxon does not try by itself (ISO, SQL, RFC 2822 and HTTP are tried first).
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

interface LuxonLike {
	isLuxonDateTime?: boolean;
	toMillis?: () => number;
}

function fromEpoch(value: number, zone: string): DateTime {
	// Seconds and milliseconds are both common; below 1e11 a value can only sensibly be seconds.
	const millis = Math.abs(value) < 1e11 ? value * 1000 : value;
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
 * Reads a date the way users give it: n8n DateTime values, JS Dates, epoch seconds or
 * milliseconds, ISO-8601 with or without offset, `yyyy-mm-dd hh:mm[:ss]`, SQL, RFC 2822, HTTP dates
 * and Czech `d.m.yyyy`. Text without an offset is read as wall time in `zone` (the licence's).
 * Returns undefined when nothing fits.
 */
export function parseDate(value: unknown, zone: string): DateTime | undefined {
	if (value === null || value === undefined) return undefined;
	const luxonLike = value as LuxonLike;
	// n8n may hand us a DateTime from its own copy of luxon: recognise it by its marker, not instanceof.
	if (
		typeof value === 'object' &&
		luxonLike.isLuxonDateTime &&
		typeof luxonLike.toMillis === 'function'
	) {
		const millis = luxonLike.toMillis();
		return Number.isFinite(millis) ? DateTime.fromMillis(millis, { zone }) : undefined;
	}
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value, { zone });
	}
	if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value, zone) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	const parsed = fromText(text, zone);
	return parsed?.setZone(zone);
}

export function isEmptyDate(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

// Checking a zone builds an Intl formatter (~0.1 ms): remember the ones that passed, per process.
const validZones = new Set<string>();

export function assertTimeZone(zone: string): void {
	if (validZones.has(zone)) return;
	if (!IANAZone.isValidZone(zone)) {
		throw new InvalidInputError(
			'Licence Time Zone',
			`The licence time zone "${zone}" is not a known IANA time zone (e.g. Europe/Prague)`,
			'Fix the Licence Time Zone field of the AffilBox credential.',
		);
	}
	validZones.add(zone);
}

/** Converts a user date into the API's format in the licence's time zone; an unreadable date names its field. */
export function formatAffilBoxDate(
	value: unknown,
	zone: string,
	format: AffilBoxDateFormat,
	field: string,
): string {
	assertTimeZone(zone);
	const parsed = parseDate(value, zone);
	if (!parsed) {
		throw new InvalidInputError(
			field,
			`${field}: "${String(value)}" is not a date AffilBox can use`,
			'Use e.g. 2025-03-11, 2025-03-11 14:30, 2025-03-11T14:30:00+01:00, 11.3.2025 or an n8n DateTime ({{ $now }}).',
		);
	}
	return parsed.toFormat(format);
}
