// @ts-check
'use strict';

/**
 * When a published workflow really serves: n8n's REST API can answer before the published workflows
 * are activated, and a production webhook (or MCP endpoint) answers 404 "… is not registered" until
 * then. These helpers retry a call only while n8n says exactly that (readiness itself is waited for
 * by `n8n.start()`, test/e2e/n8n/readiness.js).
 */

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

module.exports = { onceRegistered, isUnregistered };
