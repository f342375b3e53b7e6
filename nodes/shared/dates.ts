import { DateTime, IANAZone, Info, Settings, type Zone } from 'luxon';

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

type FormatParser = Parameters<typeof DateTime.fromFormatParser>[1];

/**
 * luxon compiles a format into a parser (a regular expression and its units) on every
 * `fromFormat`: most of the time of a Simplify of dates in the later formats. Compiled once per
 * format and default locale instead (`buildFormatParser`, luxon 3.5 and later; older copies of
 * luxon in n8n fall back to `fromFormat`). Same parser, same result, same invalid explanation.
 */
const formatParsers = new Map<string, FormatParser>();

function fromFormat(text: string, format: string, options: { zone: string }): DateTime {
	if (typeof DateTime.buildFormatParser !== 'function') {
		return DateTime.fromFormat(text, format, options);
	}
	// fromFormat reads the locale when it parses: the parser is built for the one in force now.
	const key = `${format}\u0000${Settings.defaultLocale}\u0000${Settings.defaultNumberingSystem}`;
	let parser = formatParsers.get(key);
	if (parser === undefined) {
		parser = DateTime.buildFormatParser(format);
		formatParsers.set(key, parser);
	}
	return DateTime.fromFormatParser(text, parser, options);
}

// The forms luxon reads by itself, tried first.
const BUILT_IN_FORMS: Array<(text: string, options: { zone: string }) => DateTime> = [
	(text, options) => DateTime.fromISO(text, options),
	(text, options) => DateTime.fromSQL(text, options),
	(text, options) => DateTime.fromRFC2822(text, options),
	(text, options) => DateTime.fromHTTP(text, options),
];

// AffilBox's own form (`2025-02-03 8:45:21`), in every answer: read straight from its parts.
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/;

const HOUR_MS = 3_600_000;
// Hours remembered per zone before the memory starts over (an answer spans a few thousand at most).
const MAX_HOURS = 100_000;

/**
 * An IANA zone that remembers its UTC offset per UTC hour. luxon asks Intl for an offset
 * (formatToParts) two or three times for each date it builds from wall-clock parts: most of
 * Simplify's time. An hour whose first and last millisecond have the same offset has it
 * throughout (no zone changes its offset twice within an hour), so any instant in it gets that
 * offset without asking; an hour with a change in it is asked about every time. luxon still builds
 * the dates itself (fromObject): same instant, offset and validity as with the zone's name.
 */
class HourlyOffsetZone extends IANAZone {
	private readonly hours = new Map<number, number>();

	override offset(ts: number): number {
		const hour = Math.floor(ts / HOUR_MS);
		const known = this.hours.get(hour);
		if (known !== undefined) return known;
		const offset = super.offset(ts);
		if (!Number.isFinite(offset)) return offset;
		const start = hour * HOUR_MS;
		if (super.offset(start) === offset && super.offset(start + HOUR_MS - 1) === offset) {
			if (this.hours.size >= MAX_HOURS) this.hours.clear();
			this.hours.set(hour, offset);
		}
		return offset;
	}
}

const hourlyZones = new Map<string, Zone>();

/**
 * The zone luxon uses for `name`, an IANA zone as an HourlyOffsetZone; any other (UTC, a fixed
 * offset, the system's) as luxon makes it, each time, as before.
 */
function wallClockZone(name: string): Zone {
	const known = hourlyZones.get(name);
	if (known !== undefined) return known;
	const normalized = Info.normalizeZone(name);
	if (!(normalized instanceof IANAZone) || !normalized.isValid) return normalized;
	const zone = new HourlyOffsetZone(normalized.name);
	if (hourlyZones.size < 1000) hourlyZones.set(name, zone);
	return zone;
}

/**
 * The most common form without trying four readers and a format first (a fifth of Simplify's time
 * per answer). The same wall time in the same zone as the general path; anything it cannot make
 * a valid date of goes on to that path, so the answer never differs.
 */
function fromWallClock(text: string, zone: string): DateTime | undefined {
	const parts = WALL_CLOCK.exec(text);
	if (parts === null) return undefined;
	const [, year, month, day, hour, minute, second, millisecond] = parts;
	const parsed = DateTime.fromObject(
		{
			year: Number(year),
			month: Number(month),
			day: Number(day),
			hour: Number(hour),
			minute: Number(minute),
			second: second === undefined ? 0 : Number(second),
			millisecond: millisecond === undefined ? 0 : Number(millisecond),
		},
		{ zone: wallClockZone(zone) },
	);
	return parsed.isValid ? parsed : undefined;
}

function fromText(text: string, zone: string): DateTime | undefined {
	if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text), zone);
	const wallClock = fromWallClock(text, zone);
	if (wallClock !== undefined) return wallClock;
	const options = { zone };
	for (const parse of BUILT_IN_FORMS) {
		const parsed = parse(text, options);
		if (parsed.isValid) return parsed;
	}
	for (const format of EXTRA_FORMATS) {
		const parsed = fromFormat(text, format, options);
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
