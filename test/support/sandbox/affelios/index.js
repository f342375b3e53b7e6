// @ts-check
'use strict';

/**
 * Entry point for tests:
 *
 *   const { startAffeliosSandbox } = require('./test/support/sandbox/affelios');
 *   const sb = await startAffeliosSandbox({ port: 0 });
 *   // sb.url (Base URL), sb.apiKey, sb.limitedKeys, sb.store, sb.requests, sb.injectFault(), sb.hold(),
 *   // sb.concurrency, sb.reset(), await sb.close()
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
 * permission module, `limitedKeys` keys with one module each. `hold` and `concurrency`
 * (shared/controls.js) let tests count the requests a client sends at once.
 * @typedef {import('../shared/controls').SandboxHandle<SandboxState, RecordedRequest>
 *   & { limitedKeys: { customersOnly: string, transactionsOnly: string } }} AffeliosSandbox
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<AffeliosSandbox>}
 */
async function startAffeliosSandbox(options = {}) {
	const { port, host, ...rest } = options;
	const sandbox = createSandboxServer(rest);
	return { ...(await listenForTests(sandbox, { port, host })), limitedKeys: sandbox.limitedKeys };
}

module.exports = { startAffeliosSandbox, createSandboxServer };
