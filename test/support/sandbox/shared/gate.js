// @ts-check
'use strict';

/**
 * A gate at a sandbox's door, so that tests prove concurrency by counting, never by timing.
 *
 * `hold({ count })` arms it for the next `count` requests: each waits until all `count` are
 * waiting at once (which proves a client had `count` requests in flight together), then they go
 * on one after another, each once the one before it has been answered (or dropped), in arrival
 * order or reversed (`order: 'reverse'` makes answers come back out of order, deterministically).
 * Requests after those `count` pass at once.
 *
 * If fewer than `count` arrive within `boundMs` of the first one (a generous bound, 10 s by
 * default: with a correct client it is never reached), those that came are let go, and the
 * report says how many were held together: the test fails with a count instead of hanging.
 */

/**
 * @typedef {object} HoldOptions
 * @property {number} count how many requests to hold until they are all waiting
 * @property {(request: any) => boolean} [only] hold only the requests this accepts (given the
 *   sandbox's recorded request); the others pass at once
 * @property {'arrival' | 'reverse'} [order] in which order they go on (default 'arrival')
 * @property {number} [boundMs] how long after the first arrival to wait for the rest (default 10000)
 *
 * @typedef {object} HoldReport
 * @property {number} held how many requests were waiting together when the gate opened (0 before)
 * @property {boolean} timedOut true when the bound ran out before `count` arrived
 * @property {unknown[]} released the held requests (as the sandbox recorded them) in the order
 *   the gate let them go on, each answered before the next
 * @property {(waiting: number) => Promise<void>} whenWaiting resolves once that many requests wait
 * @property {() => void} release lets the held requests go now (in order), as if `count` had come:
 *   with a `count` that never comes, a barrier the test opens itself (e.g. after killing a client)
 */

/** @param {import('node:http').ServerResponse} res resolves once the response is sent or dropped */
function answered(res) {
	return new Promise((resolve) => {
		if (res.writableFinished || res.destroyed) resolve(undefined);
		else res.once('close', () => resolve(undefined));
	});
}

/**
 * @typedef {object} Hold
 * @property {number} count
 * @property {'arrival' | 'reverse'} order
 * @property {number} boundMs
 * @property {(request: any) => boolean} only
 * @property {boolean} open
 * @property {NodeJS.Timeout | undefined} timer
 * @property {Array<{ res: import('node:http').ServerResponse, request: unknown, go: () => void }>} waiting
 * @property {Array<{ waiting: number, resolve: () => void }>} watchers
 * @property {HoldReport} report
 */

function createGate() {
	/** @type {Hold | undefined} */
	let armed;

	/** @param {Hold} hold */
	function stop(hold) {
		hold.open = true;
		clearTimeout(hold.timer);
		for (const { resolve } of hold.watchers) resolve();
		hold.watchers.length = 0;
	}

	/** @param {Hold} hold @param {boolean} timedOut */
	async function open(hold, timedOut) {
		if (hold.open) return;
		stop(hold);
		hold.report.held = hold.waiting.length;
		hold.report.timedOut = timedOut;
		const queue = hold.order === 'reverse' ? [...hold.waiting].reverse() : [...hold.waiting];
		for (const { res, request, go } of queue) {
			hold.report.released.push(request);
			go();
			await answered(res);
		}
	}

	return {
		/**
		 * @param {HoldOptions} options
		 * @returns {HoldReport}
		 */
		hold({ count, order = 'arrival', boundMs = 10_000, only = () => true }) {
			if (!Number.isInteger(count) || count < 1)
				throw new RangeError('hold: count must be an integer >= 1');
			/** @type {HoldReport} */
			const report = {
				held: 0,
				timedOut: false,
				released: [],
				whenWaiting(waiting) {
					return new Promise((resolve) => {
						if (hold.waiting.length >= waiting || hold.open) resolve();
						else hold.watchers.push({ waiting, resolve });
					});
				},
				release() {
					void open(hold, false);
				},
			};
			/** @type {Hold} */
			const hold = {
				count,
				order,
				boundMs,
				only,
				open: false,
				timer: undefined,
				waiting: [],
				watchers: [],
				report,
			};
			armed = hold;
			return report;
		},

		/**
		 * Called by the sandbox for every request, after recording it and taking its fault: resolves
		 * when the request may be answered.
		 * @param {import('node:http').ServerResponse} res
		 * @param {unknown} request the sandbox's record of it, for `only`
		 * @returns {Promise<void>}
		 */
		pass(res, request) {
			const hold = armed;
			if (!hold || hold.open || !hold.only(request)) return Promise.resolve();
			return new Promise((resolve) => {
				hold.waiting.push({ res, request, go: () => resolve() });
				for (const watcher of hold.watchers.filter((w) => w.waiting <= hold.waiting.length)) {
					watcher.resolve();
				}
				if (hold.waiting.length === 1) {
					hold.timer = setTimeout(() => void open(hold, true), hold.boundMs);
					// A bound that is never reached must not keep a test process alive.
					hold.timer.unref();
				}
				if (hold.waiting.length === hold.count) void open(hold, false);
			});
		},

		/** Lets every held request go and disarms the gate. */
		reset() {
			const hold = armed;
			armed = undefined;
			if (!hold || hold.open) return;
			stop(hold);
			for (const { go } of hold.waiting) go();
		},
	};
}

module.exports = { createGate };
