#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * HTTP side of the Affelios sandbox (plain node:http) and its command line:
 *
 *   node test/support/sandbox/affelios/server.js --port 8082 [--host 127.0.0.1] [--key affelios-sandbox-key] [--verbose]
 *
 * prints one line with the Base URL and the demo keys, and runs until SIGINT/SIGTERM. `--verbose` adds one line
 * per call with method, path and status only: headers and bodies (where the key travels) are never printed.
 */
const http = require('node:http');
const { parseArgs: parseCliArgs, runCli } = require('../shared/cli');
const { sandboxControls } = require('../shared/controls');
const { createFaultQueue, serveFault } = require('../shared/faults');
const { createGate } = require('../shared/gate');
const { createConcurrencyGauge } = require('../shared/gauge');
const { readBody, serverLifecycle } = require('../shared/httpServer');
const { HttpProblem, PROBLEM_CONTENT_TYPE, forbidden, validation } = require('./problems');
const { matchRoute } = require('./routes');
const { createStore } = require('./store');

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The keys every sandbox knows besides the main one, each with one permission module only. */
const LIMITED_KEYS = {
	customersOnly: 'affelios-customers-only-key',
	transactionsOnly: 'affelios-transactions-only-key',
};

/**
 * @typedef {'Customers' | 'Transactions'} PermissionModule
 *
 * @typedef {object} SandboxOptions
 * @property {string} [apiKey] the key with every module (default 'affelios-sandbox-key')
 * @property {Record<string, PermissionModule[]>} [keys] more keys and their modules (default: LIMITED_KEYS)
 * @property {() => Date} [now] clock (default: the real one)
 * @property {Partial<import('./store').Seed>} [seed] initial state (default: test/fixtures/affelios/seed.json)
 * @property {(line: string) => void} [log] one line per call (method, path, status; never headers or body)
 *
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path path and query as received
 * @property {import('node:http').IncomingHttpHeaders} headers every header as received (keys lower-case)
 * @property {unknown} body the parsed JSON body (undefined when there was none or it was not JSON)
 * @property {string} rawBody
 */

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string | undefined} contentType undefined: no body at all
 * @param {string} [body]
 * @param {Record<string, string>} [headers]
 */
function send(res, status, contentType, body = '', headers = {}) {
	/** @type {Record<string, string | number>} */
	const all = { ...headers, 'Content-Length': Buffer.byteLength(body) };
	if (contentType) all['Content-Type'] = contentType;
	res.writeHead(status, all);
	res.end(body);
}

/** @param {string} text */
function parseJson(text) {
	try {
		return { ok: true, value: /** @type {unknown} */ (JSON.parse(text)) };
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	}
}

/** @param {Date} date */
const isoUtc = (date) => date.toISOString();

/**
 * Builds the sandbox (state, request log, faults, HTTP server) without listening.
 * @param {SandboxOptions} [options]
 */
function createSandboxServer(options = {}) {
	const apiKey = options.apiKey ?? 'affelios-sandbox-key';
	/** @type {Map<string, PermissionModule[]>} */
	const keys = new Map(
		Object.entries(
			options.keys ?? {
				[LIMITED_KEYS.customersOnly]: ['Customers'],
				[LIMITED_KEYS.transactionsOnly]: ['Transactions'],
			},
		),
	);
	keys.set(apiKey, ['Customers', 'Transactions']);
	const clock = options.now ?? (() => new Date());
	const log = options.log ?? (() => undefined);
	const store = createStore(options.seed, isoUtc(clock()));
	const faults = createFaultQueue();
	const gate = createGate();
	const concurrency = createConcurrencyGauge();
	/** @type {RecordedRequest[]} */
	const requests = [];
	let sequence = 0;

	/**
	 * @param {http.ServerResponse} res
	 * @param {HttpProblem} problem
	 */
	function sendProblem(res, problem) {
		send(res, problem.status, PROBLEM_CONTENT_TYPE, JSON.stringify(problem.toBody(sequence)));
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @returns {Promise<number>} the status sent (0 for a dropped connection)
	 */
	async function handle(req, res) {
		sequence += 1;
		const body = await readBody(req, MAX_BODY_BYTES);
		const rawBody = body?.toString('utf8') ?? '';
		const parsed = rawBody.trim() === '' ? undefined : parseJson(rawBody);
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = req.method ?? 'GET';
		/** @type {RecordedRequest} */
		const recorded = {
			method,
			path: `${url.pathname}${url.search}`,
			headers: { ...req.headers },
			body: parsed?.ok ? parsed.value : undefined,
			rawBody,
		};
		requests.push(recorded);

		// Faults go to requests in the order they arrive, before the gate may hold them.
		const fault = faults.take();
		await gate.pass(res, recorded);
		const faulted = fault ? await serveFault(req, res, fault, lifecycle.sleep) : undefined;
		if (faulted !== undefined) return faulted;

		const { route, id, allowed } = matchRoute(method, url.pathname);
		// Unknown paths answer like ASP.NET routing: 404 without a body, before any key check.
		if (allowed.length === 0) return (send(res, 404, undefined), 404);
		if (!route) return (send(res, 405, undefined, '', { Allow: allowed.join(', ') }), 405);

		const key = req.headers['x-api-key'];
		if (typeof key !== 'string' || key === '')
			return (send(res, 401, undefined, '', { 'WWW-Authenticate': 'ApiKey' }), 401);
		const modules = keys.get(key);
		if (!modules) return (send(res, 401, 'text/plain; charset=utf-8', 'Invalid API key'), 401);
		if (!modules.includes(route.module)) return (sendProblem(res, forbidden(route.module)), 403);

		if (body === undefined)
			return (send(res, 413, 'text/plain; charset=utf-8', 'Request body too large'), 413);
		try {
			if (parsed && !parsed.ok)
				throw validation({ $: [`The request body is not valid JSON: ${parsed.message}`] });
			const answer = route.handle({
				state: store.state,
				now: isoUtc(clock()),
				body: parsed?.value,
				id,
			});
			if (answer.body === undefined) send(res, answer.status, undefined);
			else send(res, answer.status, JSON_CONTENT_TYPE, JSON.stringify(answer.body));
			return answer.status;
		} catch (error) {
			if (!(error instanceof HttpProblem)) throw error;
			sendProblem(res, error);
			return error.status;
		}
	}

	const server = http.createServer((req, res) => {
		concurrency.track(res);
		handle(req, res).then(
			(status) => log(`${req.method} ${req.url} → ${status || 'dropped'}`),
			(error) => {
				// A bug in the sandbox itself: answer 500 and say so on stderr (the message only, never the body).
				process.stderr.write(
					`affelios sandbox: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
				);
				if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
				else res.destroy();
			},
		);
	});
	// listen() resolves to the Base URL, e.g. http://127.0.0.1:8082
	const lifecycle = serverLifecycle(server, '');

	const controls = sandboxControls(store, requests, faults, gate, concurrency, lifecycle);
	return { server, apiKey, limitedKeys: { ...LIMITED_KEYS }, ...controls };
}

/** @param {string[]} argv */
function parseArgs(argv) {
	return parseCliArgs(argv, { port: 8082, key: 'affelios-sandbox-key' });
}

if (require.main === module) {
	runCli({
		tag: 'affelios sandbox',
		usage:
			'usage: node test/support/sandbox/affelios/server.js [--port 8082] [--host 127.0.0.1] [--key affelios-sandbox-key] [--verbose]',
		parseArgs,
		create: (args) =>
			createSandboxServer({
				apiKey: args.key,
				log: args.verbose ? (line) => process.stdout.write(`${line}\n`) : undefined,
			}),
		// Fake demo keys only: printing them is the point, so a credential can be pointed at the sandbox.
		announce: (url, args) =>
			`Affelios sandbox listening on ${url} (demo API key: ${args.key}; ` +
			`customers only: ${LIMITED_KEYS.customersOnly}; transactions only: ${LIMITED_KEYS.transactionsOnly})`,
	});
}

module.exports = { createSandboxServer, parseArgs, LIMITED_KEYS };
