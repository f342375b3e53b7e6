// @ts-check
'use strict';

/**
 * Entry point for tests:
 *
 *   const { startAffilBoxSandbox } = require('./test/sandbox/affilbox');
 *   const sb = await startAffilBoxSandbox({ port: 0 });
 *   // sb.url, sb.apiKey, sb.store, sb.requests, sb.injectFault(), sb.reset(), await sb.close()
 *
 * The wire dialect is described at the top of protocol.js; the seed is test/fixtures/affilbox/seed.json.
 */
const { createSandboxServer } = require('./server');

/**
 * @typedef {import('./server').SandboxOptions & { port?: number, host?: string }} StartOptions
 * @typedef {import('./server').RecordedRequest} RecordedRequest
 * @typedef {import('./faults').FaultOptions} FaultOptions
 * @typedef {import('./store').State} SandboxState
 *
 * @typedef {object} AffilBoxSandbox
 * @property {string} url API URL with its trailing slash, e.g. http://127.0.0.1:PORT/api/
 * @property {number} port
 * @property {string} apiKey
 * @property {string} timeZone
 * @property {SandboxState} store live state; mutate it freely between calls
 * @property {RecordedRequest[]} requests every call received on /api/, in order (faulted ones included)
 * @property {(fault?: FaultOptions) => void} injectFault the next `times` requests get this fault instead
 * @property {() => void} reset state back to the seed, requests and faults cleared
 * @property {() => Promise<void>} close
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<AffilBoxSandbox>}
 */
async function startAffilBoxSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', ...rest } = options;
	const sandbox = createSandboxServer(rest);
	const url = await sandbox.listen(port, host);
	return {
		url,
		port: Number(new URL(url).port),
		apiKey: sandbox.apiKey,
		timeZone: sandbox.timeZone,
		store: sandbox.store,
		requests: sandbox.requests,
		injectFault: (fault) => sandbox.injectFault(fault),
		reset: () => sandbox.reset(),
		close: () => sandbox.close(),
	};
}

module.exports = { startAffilBoxSandbox, createSandboxServer };
