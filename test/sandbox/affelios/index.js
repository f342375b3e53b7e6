// @ts-check
'use strict';

/**
 * Entry point for tests:
 *
 *   const { startAffeliosSandbox } = require('./test/sandbox/affelios');
 *   const sb = await startAffeliosSandbox({ port: 0 });
 *   // sb.url (Base URL), sb.apiKey, sb.limitedKeys, sb.store, sb.requests, sb.injectFault(), sb.reset(), await sb.close()
 *   // sb.gauge.maxInFlight: the most requests handled at once; sb.setLatency(request => ms): answer later
 *
 * The seed is test/fixtures/affelios/seed.json; routes.js lists the endpoints and their rules.
 */
const { listenForTests } = require('../shared/controls');
const { createSandboxServer } = require('./server');

/**
 * @typedef {import('./server').SandboxOptions & { port?: number, host?: string }} StartOptions
 * @typedef {import('./server').RecordedRequest} RecordedRequest
 * @typedef {import('./store').State} SandboxState
 *
 * `url` is the Base URL without a path, e.g. http://127.0.0.1:PORT; `apiKey` the key with every
 * permission module, `limitedKeys` keys with one module each.
 * `gauge` counts the requests being handled (`inFlight`) and the most at once since the last reset
 * (`maxInFlight`); `setLatency` delays answers per request (reset() removes it).
 * @typedef {import('../shared/controls').SandboxHandle<SandboxState, RecordedRequest>
 *   & { limitedKeys: { customersOnly: string, transactionsOnly: string },
 *       gauge: { readonly inFlight: number, readonly maxInFlight: number },
 *       setLatency: (latency: import('./server').Latency | undefined) => void }} AffeliosSandbox
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<AffeliosSandbox>}
 */
async function startAffeliosSandbox(options = {}) {
	const { port, host, ...rest } = options;
	const sandbox = createSandboxServer(rest);
	return {
		...(await listenForTests(sandbox, { port, host })),
		limitedKeys: sandbox.limitedKeys,
		gauge: sandbox.gauge,
		setLatency: sandbox.setLatency,
	};
}

module.exports = { startAffeliosSandbox, createSandboxServer };
