// @ts-check
'use strict';

/**
 * When `n8n start` really serves: its REST API can answer before the published workflows are
 * activated, and a production webhook (or MCP endpoint) answers 404 "… is not registered" until
 * then. These helpers wait for readiness, then retry a call only while n8n says exactly that.
 */

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} base e.g. http://127.0.0.1:5678 @param {number} timeoutMs */
async function waitForReadiness(base, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer';
	while (Date.now() < deadline) {
		try {
			const response = await fetch(`${base}/healthz/readiness`);
			if (response.ok) return;
			last = `HTTP ${response.status}`;
		} catch (error) {
			last = String(error);
		}
		await sleep(500);
	}
	throw new Error(`n8n at ${base} was not ready within ${timeoutMs / 1000} s (last: ${last})`);
}

/**
 * Runs `attempt` until it does not report an unregistered webhook (404 from n8n's webhook handler).
 * @template T
 * @param {string} what for the error message
 * @param {() => Promise<{ unregistered: true, detail: string } | { unregistered: false, value: T }>} attempt
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
async function onceRegistered(what, attempt, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const outcome = await attempt();
		if (!outcome.unregistered) return outcome.value;
		if (Date.now() > deadline) {
			throw new Error(`${what} was not registered within ${timeoutMs / 1000} s: ${outcome.detail}`);
		}
		await sleep(500);
	}
}

/** @param {number} status @param {string} body n8n's 404 for a webhook that is not (yet) active */
function isUnregistered(status, body) {
	return status === 404 && body.includes('is not registered');
}

/**
 * Stops `n8n start` and waits until it has exited: it writes its log while shutting down, so its
 * folder can only be removed after that. SIGKILL if it takes longer than `graceMs`.
 * @param {import('node:child_process').ChildProcess} child @param {number} graceMs
 */
async function stopAndWait(child, graceMs) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

module.exports = { waitForReadiness, onceRegistered, isUnregistered, stopAndWait };
