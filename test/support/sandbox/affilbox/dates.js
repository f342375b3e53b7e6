// @ts-check
'use strict';

/**
 * Date helpers (luxon). Every date the sandbox stores or answers is wall-clock text in the licence's time zone,
 * `yyyy-MM-dd HH:mm:ss`; seed rows may have an unpadded hour (`2025-03-11 8:45:21`) as the real API sometimes
 * sends. Comparisons are done on the normalised (padded) text, which is exact for wall-clock values and is not
 * affected by daylight-saving gaps.
 */
const { DateTime } = require('luxon');

/** Formats a request parameter may have to match exactly (see validate.js). */
const FORMATS = {
	date: { pattern: /^\d{4}-\d{2}-\d{2}$/, luxon: 'yyyy-MM-dd' },
	minute: { pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, luxon: 'yyyy-MM-dd HH:mm' },
	datetime: { pattern: /^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2}$/, luxon: 'yyyy-MM-dd H:mm:ss' },
};

/**
 * Parses `text` in one of the FORMATS as a calendar value (no zone arithmetic, so DST gaps do not matter).
 * @param {string} text
 * @param {keyof typeof FORMATS} format
 * @returns {DateTime | undefined} undefined when the text does not match or is not a real date/time
 */
function parseExact(text, format) {
	const spec = FORMATS[format];
	if (!spec.pattern.test(text)) return undefined;
	const parsed = DateTime.fromFormat(text, spec.luxon, { zone: 'utc' });
	return parsed.isValid ? parsed : undefined;
}

/**
 * Normalises a stored `yyyy-MM-dd H:mm:ss` (hour padded or not) to `yyyy-MM-dd HH:mm:ss`.
 * Anything else (for example text a test put into the store) is returned unchanged.
 * @param {string} text
 */
function normalizeDateTime(text) {
	// Without luxon: GetConversions normalises every stored date of a large programme per call.
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
	if (!match) return text;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	const real =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute &&
		date.getUTCSeconds() === second;
	return real
		? `${match[1]}-${match[2]}-${match[3]} ${match[4].padStart(2, '0')}:${match[5]}:${match[6]}`
		: text;
}

/**
 * The current time as `yyyy-MM-dd HH:mm:ss` in `timeZone`.
 * @param {Date} now
 * @param {string} timeZone IANA name, e.g. Europe/Prague
 */
function formatNow(now, timeZone) {
	return DateTime.fromJSDate(now).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** @param {string} timeZone */
function isValidTimeZone(timeZone) {
	return DateTime.now().setZone(timeZone).isValid;
}

module.exports = { parseExact, normalizeDateTime, formatNow, isValidTimeZone };
