// @ts-check
'use strict';

/**
 * Counts the requests a sandbox is serving at the same moment, and the most it has served at once,
 * so tests can check a client's concurrency limit. `track(res)` counts one request until its
 * response is finished or its connection closes (a dropped connection counts too).
 */
function createConcurrencyGauge() {
	let current = 0;
	let peak = 0;
	return {
		/** @param {import('node:http').ServerResponse} res */
		track(res) {
			current += 1;
			peak = Math.max(peak, current);
			let done = false;
			const release = () => {
				if (done) return;
				done = true;
				current -= 1;
			};
			res.once('finish', release);
			res.once('close', release);
		},
		get current() {
			return current;
		},
		get peak() {
			return peak;
		},
		/** Starts a new peak measurement (the requests still being served count). */
		resetPeak() {
			peak = current;
		},
	};
}

module.exports = { createConcurrencyGauge };
