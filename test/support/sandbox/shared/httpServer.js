// @ts-check
'use strict';

/** The HTTP plumbing both sandboxes share: reading a body, listening, closing, cancellable sleeps. */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} maxBytes
 * @returns {Promise<Buffer | undefined>} undefined when the body is over maxBytes
 */
function readBody(req, maxBytes) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			// Past the limit, keep draining the request but stop holding on to it.
			if (size <= maxBytes) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Listen and close for a sandbox's server. close() also cancels pending `sleep`s (dribbled answers), so
 * no timer outlives the sandbox.
 * @param {import('node:http').Server} server
 * @param {string} path appended to the origin in the URL that listen() resolves to
 */
function serverLifecycle(server, path) {
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	return {
		/** @param {number} ms */
		sleep(ms) {
			return new Promise((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve(undefined);
				}, ms);
				timers.add(timer);
			});
		},
		/**
		 * @param {number} port 0 for any free port
		 * @param {string} host
		 * @returns {Promise<string>} e.g. http://127.0.0.1:8081 followed by `path`
		 */
		listen(port, host) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					const address = /** @type {import('node:net').AddressInfo} */ (server.address());
					const shownHost = address.address.includes(':')
						? `[${address.address}]`
						: address.address;
					resolve(`http://${shownHost}:${address.port}${path}`);
				});
			});
		},
		/** @returns {Promise<void>} */
		close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise((resolve, reject) => {
				if (!server.listening) return resolve();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { readBody, serverLifecycle };
