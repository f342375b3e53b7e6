// @ts-check
'use strict';

/**
 * A programme with many conversions, for the benchmark and the end-to-end test of a large answer:
 * the sandbox's seed with `count` authorized conversions, one a minute back from `now` over the last
 * 80 days (then again from the newest), every tenth with a comment that needs escaping.
 */
const seed = require('../../../fixtures/affilbox/seed.json');

const MINUTE = 60_000;
const SPREAD_MINUTES = 80 * 24 * 60;

/**
 * `yyyy-MM-dd HH:mm:ss` in `timeZone` (Intl: luxon would take seconds for 100,000 dates).
 * @param {string} timeZone
 */
function wallClock(timeZone) {
	const format = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
	});
	return (/** @type {Date} */ date) => {
		const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
		return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
	};
}

/**
 * @param {number} count
 * @param {string} timeZone licence time zone the dates are written in
 * @param {Date} [now]
 */
function bulkSeed(count, timeZone, now = new Date()) {
	const template = seed.conversions[0];
	const format = wallClock(timeZone);
	const conversions = Array.from({ length: count }, (_, index) => ({
		...template,
		id: String(1_000_000 + index),
		transactionId: `BENCH-${index}`,
		state: 'authorized',
		createDate: format(new Date(now.getTime() - (1 + (index % SPREAD_MINUTES)) * MINUTE)),
		comment: index % 10 === 0 ? 'Objednávka & <dárek>' : '',
	}));
	return { ...seed, conversions };
}

module.exports = { bulkSeed };
