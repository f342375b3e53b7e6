// @ts-check
'use strict';

/**
 * How tests control either sandbox: the controls a sandbox server hands out over its parts (state,
 * request log, fault queue, listen/close), and what `start…Sandbox` returns once it listens.
 */

/** @typedef {import('./faults').FaultOptions} FaultOptions */
/** @typedef {import('./gate').HoldOptions} HoldOptions */
/** @typedef {import('./gate').HoldReport} HoldReport */
/** @typedef {ReturnType<typeof import('./gauge').createConcurrencyGauge>} ConcurrencyGauge */

/**
 * @template State, RecordedRequest
 * @param {{ state: State, reset(): void }} store
 * @param {RecordedRequest[]} requests
 * @param {ReturnType<typeof import('./faults').createFaultQueue>} faults
 * @param {ReturnType<typeof import('./gate').createGate>} gate
 * @param {ConcurrencyGauge} concurrency
 * @param {ReturnType<typeof import('./httpServer').serverLifecycle>} lifecycle
 */
function sandboxControls(store, requests, faults, gate, concurrency, lifecycle) {
	return {
		store: store.state,
		requests,
		concurrency,
		/** @param {FaultOptions} [fault] */
		injectFault(fault) {
			faults.add(fault);
		},
		/** @param {HoldOptions} options */
		hold(options) {
			return gate.hold(options);
		},
		reset() {
			store.reset();
			requests.length = 0;
			faults.clear();
			gate.reset();
			concurrency.resetPeak();
		},
		listen: lifecycle.listen,
		async close() {
			gate.reset();
			await lifecycle.close();
		},
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
 * @property {(options: HoldOptions) => HoldReport} hold hold the next requests at the door until
 *   `count` wait at once (see gate.js): proves how many a client sends together
 * @property {ConcurrencyGauge} concurrency the requests being served now (`current`) and the most
 *   at once since the last reset (`peak`)
 * @property {() => void} reset state back to the seed; requests, faults and the gate cleared; a
 *   new concurrency peak
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
		hold: (options) => sandbox.hold(options),
		concurrency: sandbox.concurrency,
		reset: () => sandbox.reset(),
		close: () => sandbox.close(),
	};
}

module.exports = { sandboxControls, listenForTests };
