// @ts-check
'use strict';

/** @param {number} ms a duration as people read it, e.g. "4 min 05 s" or "12 s" */
function duration(ms) {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

module.exports = { duration };
