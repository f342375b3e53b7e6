// @ts-check
'use strict';

/**
 * How much memory n8n's processes hold, read from Linux's /proc: the resident set (RSS) of each
 * process group (an n8n process and the task runners it starts), sampled while a test runs. A
 * figure for the record, never asserted on.
 */
const fs = require('node:fs');

const { groupMembers } = require('../groups');

/** @param {number} pid @returns {number} its resident set in KiB (0 when it is gone) */
function rssKibOf(pid) {
	try {
		const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** @param {number} pgid @returns {number} the group's resident set in MiB */
function groupRssMib(pgid) {
	return groupMembers(pgid).reduce((sum, pid) => sum + rssKibOf(pid), 0) / 1024;
}

/**
 * Samples the groups every `everyMs` until stopped; returns each one's RSS before, at its peak and
 * at the end (MiB, rounded).
 * @param {Record<string, number>} groups name → process group id
 * @param {number} [everyMs]
 */
function sampleRss(groups, everyMs = 500) {
	/** @type {Record<string, { before: number, peak: number, end: number }>} */
	const figures = {};
	const sample = () => {
		for (const [name, pgid] of Object.entries(groups)) {
			const rss = groupRssMib(pgid);
			const figure = (figures[name] ??= { before: rss, peak: rss, end: rss });
			figure.peak = Math.max(figure.peak, rss);
			figure.end = rss;
		}
	};
	sample();
	const timer = setInterval(sample, everyMs);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return Object.fromEntries(
				Object.entries(figures).map(([name, { before, peak, end }]) => [
					name,
					{ before: Math.round(before), peak: Math.round(peak), end: Math.round(end) },
				]),
			);
		},
	};
}

module.exports = { sampleRss, groupRssMib };
