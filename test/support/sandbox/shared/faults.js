// @ts-check
'use strict';

/**
 * Fault injection for both sandboxes. The queue's `take()` hands out the fault due for the next
 * request, or undefined when that request is to be answered normally. A fault first lets `skip`
 * requests through untouched, then serves `times` requests; then the next queued one takes over.
 * `serveFault` answers (or drops) a request with it.
 */

/**
 * @typedef {object} FaultOptions
 * @property {number} [skip] requests to let through before this fault starts (default 0)
 * @property {number} [times] how many requests get this fault (default 1)
 * @property {number} [status] HTTP status (default 500)
 * @property {string} [body] response body (default 'Internal Server Error')
 * @property {string} [contentType] default 'text/plain'
 * @property {Record<string, string>} [headers] extra response headers, e.g. { 'Retry-After': '1' }
 * @property {boolean} [hang] answer only once the client has given up on the request (its
 *   connection closed, e.g. by its time-out) or the sandbox closes: the client gets no answer at
 *   all, whatever its time-out and the machine's load (default false)
 * @property {boolean} [dropConnection] destroy the socket without answering (default false)
 * @property {number} [dribbleMs] send the body slowly: `dribbleBytes` every this many ms, headers
 *   first (default 0: all at once). A server that keeps a connection busy this way is only stopped
 *   by a deadline on the whole transfer.
 * @property {number} [dribbleBytes] bytes per piece when dribbling (default 16)
 * @property {boolean} [passThrough] answer these `times` requests normally: queued before a real
 *   fault, it lets the fault hit a later request of the same run; with `hang`, the request is
 *   carried out once the client has gone, as by a slow server (default false)
 * @typedef {Required<Omit<FaultOptions, 'dribbleMs' | 'dribbleBytes'>>
 *   & Pick<FaultOptions, 'dribbleMs' | 'dribbleBytes'>} Fault
 */

function createFaultQueue() {
	/** @type {Fault[]} */
	const queue = [];
	return {
		/** @param {FaultOptions} [options] */
		add(options = {}) {
			const times = options.times ?? 1;
			const skip = options.skip ?? 0;
			if (!Number.isInteger(times) || times < 1)
				throw new RangeError('injectFault: times must be an integer >= 1');
			if (!Number.isInteger(skip) || skip < 0)
				throw new RangeError('injectFault: skip must be an integer >= 0');
			queue.push({
				skip,
				times,
				status: options.status ?? 500,
				body: options.body ?? 'Internal Server Error',
				contentType: options.contentType ?? 'text/plain',
				headers: { ...(options.headers ?? {}) },
				hang: options.hang ?? false,
				dropConnection: options.dropConnection ?? false,
				...(options.dribbleMs
					? { dribbleMs: options.dribbleMs, dribbleBytes: options.dribbleBytes }
					: {}),
				passThrough: options.passThrough ?? false,
			});
		},
		/** @returns {Fault | undefined} undefined: answer this request normally */
		take() {
			const fault = queue[0];
			if (!fault) return undefined;
			if (fault.skip > 0) {
				fault.skip -= 1;
				return undefined;
			}
			fault.times -= 1;
			if (fault.times <= 0) queue.shift();
			return fault.passThrough && !fault.hang ? undefined : fault;
		},
		clear() {
			queue.length = 0;
		},
	};
}

/** @param {import('node:http').ServerResponse} res resolves once the client has gone (or the sandbox closed) */
function clientGone(res) {
	return new Promise((resolve) => {
		if (res.destroyed || res.socket?.destroyed) resolve(undefined);
		else res.once('close', () => resolve(undefined));
	});
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Fault} fault
 * @param {(ms: number) => Promise<unknown>} sleep a sleep that the sandbox's close() cuts short
 * @param {(answer: { bytes: number, sent: number }) => void} [onDribbled] told how much of a
 *   dribbled body went out before it ended or the client closed
 * @returns {Promise<number | undefined>} the status sent, 0 for a dropped connection, undefined
 *   when the request is to be served normally after all (`hang` with `passThrough`)
 */
async function serveFault(req, res, fault, sleep, onDribbled) {
	if (fault.hang) await clientGone(res);
	if (fault.passThrough) return undefined;
	if (fault.dropConnection) {
		req.socket.destroy();
		return 0;
	}
	res.writeHead(fault.status, {
		...fault.headers,
		'Content-Type': fault.contentType,
		'Content-Length': Buffer.byteLength(fault.body),
	});
	if (fault.dribbleMs) {
		const body = Buffer.from(fault.body);
		const sent = await dribble(res, body, fault, sleep);
		onDribbled?.({ bytes: body.length, sent });
		return fault.status;
	}
	res.end(fault.body);
	return fault.status;
}

/**
 * Sends `body` a few bytes at a time until it is out or the client has gone.
 * @param {import('node:http').ServerResponse} res
 * @param {Buffer} body
 * @param {Fault} fault
 * @param {(ms: number) => Promise<unknown>} sleep
 * @returns {Promise<number>} bytes written
 */
async function dribble(res, body, fault, sleep) {
	let closed = false;
	res.once('close', () => {
		closed = true;
	});
	const size = fault.dribbleBytes ?? 16;
	let at = 0;
	while (at < body.length && !closed) {
		res.write(body.subarray(at, at + size));
		at = Math.min(body.length, at + size);
		await sleep(fault.dribbleMs ?? 0);
	}
	if (!closed) res.end();
	return at;
}

module.exports = { createFaultQueue, serveFault };
