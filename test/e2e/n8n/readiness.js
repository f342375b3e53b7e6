// @ts-check
'use strict';

/**
 * When a starting n8n really serves, and talking to it while it may still be slow. Seen on a busy
 * 2-core machine (n8n 2.41.1): the REST API first answers `200 text/html "n8n is starting up"`,
 * then `404 text/html` for about 30 s, and only then JSON; a 2xx alone means nothing. Ready here
 * means `/healthz/readiness` answers OK (database up and migrated) AND `/rest/settings` answers
 * JSON.
 */
const fs = require('node:fs');

const { duration } = require('./time');

/** Default for how long n8n may take to come up: generous, a busy 2-core machine needs ~1-2 minutes. */
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const TICK_MS = 15_000;
const POLL_MS = 1000;
/** One request may hang while n8n is busy starting; it must not hold up the wait. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One request: its status, content type and body text, or the network error in plain words.
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<{ status: number, type: string, text: string } | { failure: string }>}
 */
async function probe(url, init = {}) {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
		return {
			status: response.status,
			type: response.headers.get('content-type') ?? '',
			text: await response.text(),
		};
	} catch (error) {
		const cause = /** @type {{ cause?: { code?: string } }} */ (error).cause;
		if (cause?.code === 'ECONNREFUSED') return { failure: 'not listening yet' };
		if (error instanceof Error && error.name === 'TimeoutError')
			return { failure: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` };
		return { failure: cause?.code ?? (error instanceof Error ? error.message : String(error)) };
	}
}

/** @param {Awaited<ReturnType<typeof probe>>} answer @returns {unknown} the JSON, or undefined */
function jsonOf(answer) {
	if (!('status' in answer) || !answer.type.includes('application/json')) return undefined;
	try {
		return JSON.parse(answer.text);
	} catch {
		return undefined;
	}
}

/** @param {Awaited<ReturnType<typeof probe>>} answer e.g. `404 text/html "<!DOCTYPE html>…"` */
function describe(answer) {
	if ('failure' in answer) return answer.failure;
	const snippet = answer.text.replace(/\s+/g, ' ').trim().slice(0, 60);
	return `${answer.status} ${answer.type.split(';')[0] || '(no type)'} "${snippet}"`;
}

/** @param {string} file the last non-empty line, shortened */
function lastLine(file) {
	try {
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		return (lines.pop() ?? '').trim().slice(0, 100);
	} catch {
		return '';
	}
}

/**
 * Polls until n8n serves, says every 15 s how long it has waited and what n8n is doing, and throws
 * when n8n exits or the deadline passes (the caller stops n8n and shows its log).
 * @param {{ base: string, exitCode: () => number | null, logFile: string, log?: (line: string) => void, timeoutMs?: number }} options
 */
async function waitUntilReady(options) {
	const log = options.log ?? (() => {});
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const started = Date.now();
	let lastSaid = started;
	let state = 'not started';
	for (;;) {
		const code = options.exitCode();
		if (code !== null) throw new Error(`n8n stopped during start-up (exit code ${code}).`);
		const readiness = await probe(`${options.base}/healthz/readiness`);
		if ('status' in readiness && readiness.status === 200) {
			const settings = await probe(`${options.base}/rest/settings`);
			if (jsonOf(settings) !== undefined) return;
			state = `readiness OK, REST API not serving JSON yet (${describe(settings)})`;
		} else {
			state = `readiness: ${describe(readiness)}`;
		}
		const waited = Date.now() - started;
		if (waited >= timeoutMs) {
			throw new Error(
				`n8n did not become ready within ${duration(timeoutMs)} (last seen: ${state}). ` +
					'On a very busy machine allow more time with N8N_START_TIMEOUT=<seconds>.',
			);
		}
		if (Date.now() - lastSaid >= TICK_MS) {
			const line = lastLine(options.logFile);
			log(`      … ${duration(waited)}: ${state}${line ? `; n8n's log: ${line}` : ''}`);
			lastSaid = Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

/**
 * A REST call to a running n8n that tolerates a slow machine: a refused or hung connection, a 5xx or
 * an answer that is not JSON is retried until `deadlineMs`; any other JSON answer is returned.
 * @param {string} url
 * @param {RequestInit} [init]
 * @param {{ deadlineMs?: number, what?: string }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function requestJson(url, init = {}, options = {}) {
	const deadline = Date.now() + (options.deadlineMs ?? 180_000);
	let last = '';
	for (;;) {
		const answer = await probe(url, init);
		const body = jsonOf(answer);
		if ('status' in answer && answer.status < 500 && body !== undefined)
			return { status: answer.status, body };
		last = describe(answer);
		if (Date.now() >= deadline) {
			throw new Error(`${options.what ?? url}: n8n gave no usable answer in time (last: ${last}).`);
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

module.exports = { waitUntilReady, requestJson, DEFAULT_TIMEOUT_MS };
