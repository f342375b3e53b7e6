// @ts-check
'use strict';

/**
 * The demo's seed dated relative to the day the sandbox starts: every date in it moved by the same
 * whole number of days, so that the newest one falls on yesterday in the licence zone. Order, gaps
 * and times of day stay as seeded (an unpadded hour too), so the demo shows recent conversions in
 * the Conversion picker and the triggers' windows, while tests keep the seed's fixed dates (one
 * source: test/fixtures/affilbox/seed.json).
 */
const { DateTime } = require('luxon');

/** A seed date: `yyyy-MM-dd`, optionally with a time whose hour may be unpadded. */
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})((?: \d{1,2}:\d{2}:\d{2})?)$/;

/** @param {string} day `yyyy-MM-dd` */
const calendarDay = (day) => DateTime.fromISO(day, { zone: 'utc' });

/**
 * @param {unknown} value
 * @param {(text: string) => void} visit called for every date text in `value`
 */
function eachDate(value, visit) {
	if (typeof value === 'string') {
		if (DATE_TEXT.test(value)) visit(value);
	} else if (Array.isArray(value)) {
		for (const item of value) eachDate(item, visit);
	} else if (value && typeof value === 'object') {
		for (const item of Object.values(value)) eachDate(item, visit);
	}
}

/**
 * @template T
 * @param {T} value
 * @param {number} days
 * @returns {T} a copy with every date text moved by `days`
 */
function moved(value, days) {
	if (typeof value === 'string') {
		const match = DATE_TEXT.exec(value);
		if (!match) return value;
		return /** @type {T} */ (
			/** @type {unknown} */ (
				`${calendarDay(match[1]).plus({ days }).toFormat('yyyy-MM-dd')}${match[2]}`
			)
		);
	}
	if (Array.isArray(value))
		return /** @type {T} */ (/** @type {unknown} */ (value.map((item) => moved(item, days))));
	if (value && typeof value === 'object') {
		return /** @type {T} */ (
			Object.fromEntries(Object.entries(value).map(([key, item]) => [key, moved(item, days)]))
		);
	}
	return value;
}

/**
 * @template T
 * @param {T} seed
 * @param {Date} now
 * @param {string} timeZone the licence zone: "yesterday" is its yesterday
 * @returns {{ seed: T, days: number }} the moved copy, and by how many days it moved
 */
function datedRecently(seed, now, timeZone) {
	/** @type {string | undefined} */
	let newest;
	eachDate(seed, (text) => {
		const day = text.slice(0, 10);
		if (newest === undefined || day > newest) newest = day;
	});
	if (newest === undefined) return { seed, days: 0 };
	const yesterday = DateTime.fromJSDate(now).setZone(timeZone).minus({ days: 1 }).toISODate();
	const days = Math.round(calendarDay(String(yesterday)).diff(calendarDay(newest), 'days').days);
	return { seed: moved(seed, days), days };
}

module.exports = { datedRecently };
