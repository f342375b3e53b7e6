// @ts-check
'use strict';

/**
 * Queued fault injections for /api/ requests: `take()` hands out the fault due for the next request. A fault
 * first lets `skip` requests through untouched, then serves `times` requests; then the next one takes over.
 */

/**
 * @typedef {object} FaultOptions
 * @property {number} [skip] requests to let through before this fault starts (default 0)
 * @property {number} [times] how many requests get this fault (default 1)
 * @property {number} [status] HTTP status (default 500)
 * @property {string} [body] response body (default 'Internal Server Error')
 * @property {string} [contentType] default 'text/plain'
 * @property {Record<string, string>} [headers] extra response headers, e.g. { 'Retry-After': '30' }
 * @property {number} [delayMs] wait this long before answering or dropping (default 0)
 * @property {boolean} [dropConnection] destroy the socket without answering (default false)
 * @typedef {Required<FaultOptions>} Fault
 */

function createFaultQueue() {
	/** @type {Fault[]} */
	const queue = [];
	return {
		/** @param {FaultOptions} [options] */
		add(options = {}) {
			const times = options.times ?? 1;
			const skip = options.skip ?? 0;
			if (!Number.isInteger(times) || times < 1) throw new RangeError('injectFault: times must be an integer >= 1');
			if (!Number.isInteger(skip) || skip < 0) throw new RangeError('injectFault: skip must be an integer >= 0');
			queue.push({
				skip,
				times,
				status: options.status ?? 500,
				body: options.body ?? 'Internal Server Error',
				contentType: options.contentType ?? 'text/plain',
				headers: { ...(options.headers ?? {}) },
				delayMs: options.delayMs ?? 0,
				dropConnection: options.dropConnection ?? false,
			});
		},
		/** @returns {Fault | undefined} */
		take() {
			const fault = queue[0];
			if (!fault) return undefined;
			if (fault.skip > 0) {
				fault.skip -= 1;
				return undefined;
			}
			fault.times -= 1;
			if (fault.times <= 0) queue.shift();
			return fault;
		},
		clear() {
			queue.length = 0;
		},
	};
}

module.exports = { createFaultQueue };
