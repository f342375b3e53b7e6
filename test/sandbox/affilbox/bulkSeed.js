// @ts-check
'use strict';

/**
 * A programme with many conversions, for the benchmark and the end-to-end test of a large answer:
 * the sandbox's seed with `count` authorized conversions, one a minute back from `now` over the last
 * 80 days (then again from the newest), every tenth with a comment that needs escaping.
 */
const seed = require('../../fixtures/affilbox/seed.json');
const { formatNow } = require('./dates');

const MINUTE = 60_000;
const SPREAD_MINUTES = 80 * 24 * 60;

/**
 * @param {number} count
 * @param {string} timeZone licence time zone the dates are written in
 * @param {Date} [now]
 */
function bulkSeed(count, timeZone, now = new Date()) {
	const template = seed.conversions[0];
	const conversions = Array.from({ length: count }, (_, index) => ({
		...template,
		id: String(1_000_000 + index),
		transactionId: `BENCH-${index}`,
		state: 'authorized',
		createDate: formatNow(
			new Date(now.getTime() - (1 + (index % SPREAD_MINUTES)) * MINUTE),
			timeZone,
		),
		comment: index % 10 === 0 ? 'Objednávka & <dárek>' : '',
	}));
	return { ...seed, conversions };
}

module.exports = { bulkSeed };
