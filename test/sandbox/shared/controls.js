// @ts-check
'use strict';

/**
 * How tests control either sandbox: the controls a sandbox server hands out over its parts (state,
 * request log, fault queue, listen/close), and what `start…Sandbox` returns once it listens.
 */

/** @typedef {import('./faults').FaultOptions} FaultOptions */

/**
 * @template State, RecordedRequest
 * @param {{ state: State, reset(): void }} store
 * @param {RecordedRequest[]} requests
 * @param {ReturnType<typeof import('./faults').createFaultQueue>} faults
 * @param {ReturnType<typeof import('./httpServer').serverLifecycle>} lifecycle
 */
function sandboxControls(store, requests, faults, lifecycle) {
	return {
		store: store.state,
		requests,
		/** @param {FaultOptions} [fault] */
		injectFault(fault) {
			faults.add(fault);
		},
		reset() {
			store.reset();
			requests.length = 0;
			faults.clear();
		},
		listen: lifecycle.listen,
		close: lifecycle.close,
	};
}

/**
 * @template State, RecordedRequest
 * @typedef {object} SandboxHandle
 * @property {string} url where the API answers
 * @property {number} port
 * @property {string} apiKey
 * @property {State} store live state; mutate it freely between calls
 * @property {RecordedRequest[]} requests every request received, in order (faulted ones included)
 * @property {(fault?: FaultOptions) => void} injectFault queue a fault for coming requests
 * @property {() => void} reset state back to the seed, requests and faults cleared
 * @property {() => Promise<void>} close
 */

/**
 * @template State, RecordedRequest
 * @param {ReturnType<typeof sandboxControls<State, RecordedRequest>> & { apiKey: string }} sandbox
 *   a sandbox server, not yet listening
 * @param {{ port?: number, host?: string }} where
 * @returns {Promise<SandboxHandle<State, RecordedRequest>>}
 */
async function listenForTests(sandbox, { port = 0, host = '127.0.0.1' }) {
	const url = await sandbox.listen(port, host);
	return {
		url,
		port: Number(new URL(url).port),
		apiKey: sandbox.apiKey,
		store: sandbox.store,
		requests: sandbox.requests,
		injectFault: (fault) => sandbox.injectFault(fault),
		reset: () => sandbox.reset(),
		close: () => sandbox.close(),
	};
}

module.exports = { sandboxControls, listenForTests };
