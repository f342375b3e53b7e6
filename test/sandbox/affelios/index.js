// @ts-check
'use strict';

/**
 * Entry point for tests:
 *
 *   const { startAffeliosSandbox } = require('./test/sandbox/affelios');
 *   const sb = await startAffeliosSandbox({ port: 0 });
 *   // sb.url (Base URL), sb.apiKey, sb.limitedKeys, sb.store, sb.requests, sb.injectFault(), sb.reset(), await sb.close()
 *
 * The seed is test/fixtures/affelios/seed.json; routes.js lists the endpoints and their rules.
 */
const { createSandboxServer } = require('./server');

/**
 * @typedef {import('./server').SandboxOptions & { port?: number, host?: string }} StartOptions
 * @typedef {import('./server').RecordedRequest} RecordedRequest
 * @typedef {import('./faults').FaultOptions} FaultOptions
 * @typedef {import('./store').State} SandboxState
 *
 * @typedef {object} AffeliosSandbox
 * @property {string} url Base URL without a path, e.g. http://127.0.0.1:PORT
 * @property {number} port
 * @property {string} apiKey the key with every permission module
 * @property {{ customersOnly: string, transactionsOnly: string }} limitedKeys keys with one module each
 * @property {SandboxState} store live state; mutate it freely between calls
 * @property {RecordedRequest[]} requests every request received, in order (faulted ones included)
 * @property {(fault?: FaultOptions) => void} injectFault queue a fault for coming requests
 * @property {() => void} reset state back to the seed, requests and faults cleared
 * @property {() => Promise<void>} close
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<AffeliosSandbox>}
 */
async function startAffeliosSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', ...rest } = options;
	const sandbox = createSandboxServer(rest);
	const url = await sandbox.listen(port, host);
	return {
		url,
		port: Number(new URL(url).port),
		apiKey: sandbox.apiKey,
		limitedKeys: sandbox.limitedKeys,
		store: sandbox.store,
		requests: sandbox.requests,
		injectFault: (fault) => sandbox.injectFault(fault),
		reset: () => sandbox.reset(),
		close: () => sandbox.close(),
	};
}

module.exports = { startAffeliosSandbox, createSandboxServer };
