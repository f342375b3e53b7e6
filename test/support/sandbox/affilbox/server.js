#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * HTTP side of the AffilBox sandbox (plain node:http) and its command line:
 *
 *   node test/support/sandbox/affilbox/server.js --port 8081 [--host 127.0.0.1] [--key sandbox-key]
 *        [--time-zone Europe/Prague] [--seed state.json | --bulk-conversions 100000] [--dates recent]
 *        [--verbose]
 *
 * prints one line with the API URL (and the fake demo key) and runs until SIGINT/SIGTERM. `--verbose` adds one
 * line per call with the method name and HTTP status only (and, for a large answer, how much of it was sent
 * before the client closed): request bodies are never printed. `--bulk-conversions N` seeds N authorized
 * conversions (bulkSeed.js), as the benchmark and the large-answer e2e test use. `--dates recent` moves
 * the seed's dates so that the newest is yesterday (recentDates.js), as `npm start` shows the demo.
 */
const fs = require('node:fs');
const http = require('node:http');
const { parseArgs: parseCliArgs, runCli } = require('../shared/cli');
const { sandboxControls } = require('../shared/controls');
const { createFaultQueue, serveFault } = require('../shared/faults');
const { createGate } = require('../shared/gate');
const { createConcurrencyGauge } = require('../shared/gauge');
const { readBody, serverLifecycle } = require('../shared/httpServer');
const { formatNow, isValidTimeZone } = require('./dates');
const { ApiError } = require('./errors');
const { dispatch } = require('./methods');
const protocol = require('./protocol');
const { bulkSeed } = require('./bulkSeed');
const { datedRecently } = require('./recentDates');
const { createStore, loadDefaultSeed } = require('./store');
const { partnerControls } = require('./partnerRows');
const { createV2Endpoint, V2_PATH } = require('./v2/endpoint');

const API_PATH = '/api/';
const MAX_BODY_BYTES = 1024 * 1024;
const NOT_FOUND_PAGE =
	'<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';

/**
 * @typedef {object} SandboxOptions
 * @property {string} [apiKey] the key requests must carry (default 'sandbox-key'); API v2 takes it too,
 *   as the Basic password
 * @property {string} [v2Instance] the instance number API v2 calls must give as the Basic user (default '1234')
 * @property {string} [timeZone] licence time zone for dates the sandbox creates (default 'Europe/Prague')
 * @property {() => Date} [now] clock (default: the real one)
 * @property {Partial<import('./store').State>} [seed] initial state (default: test/fixtures/affilbox/seed.json)
 * @property {'seed' | 'recent'} [dates] `recent`: the seed's dates moved so that its newest is
 *   yesterday (recentDates.js), as the demo shows it; `seed` (default): exactly as seeded, as tests need
 * @property {(line: string) => void} [log] gets one line per call (method and status, never the body)
 *
 * @typedef {object} RecordedRequest
 * @property {string} method the <method> text ('' when the call had none or its XML was unreadable)
 * @property {Record<string, string>} params parameters as decoded from the XML (key and method excluded)
 * @property {string} rawXml the `data` form field exactly as received ('' when there was none)
 * @property {string} key the <key> text as decoded
 *
 * @typedef {{ bytes: number, sent: number }} AnswerSent size of a successful (or dribbled) answer, and
 *   how much of it was written before it ended or the client closed the connection
 */

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, contentType, body, headers = {}) {
	res.writeHead(status, {
		...headers,
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(body),
	});
	res.end(body);
}

/** A successful answer goes out in writes of about this size. */
const PIECE_BYTES = 64 * 1024;

/**
 * Writes a successful answer as it is built, record by record (chunked), waiting whenever the
 * client is not reading, and stops when the client closes the connection: `sent` then tells how
 * much of the answer was written (what the client read, plus what the network buffers held).
 * @param {http.ServerResponse} res
 * @param {Iterable<string>} pieces
 * @returns {Promise<{ bytes: number, sent: number }>}
 */
async function sendAnswer(res, pieces) {
	res.writeHead(200, { 'Content-Type': protocol.XML_CONTENT_TYPE });
	let closed = false;
	res.once('close', () => {
		closed = true;
	});
	let sent = 0;
	let bytes = 0;
	/** @type {string[]} */
	let batch = [];
	let batchBytes = 0;
	for (const piece of pieces) {
		const size = Buffer.byteLength(piece);
		bytes += size;
		if (closed) continue; // still counted: the answer's size is reported
		batch.push(piece);
		batchBytes += size;
		if (batchBytes < PIECE_BYTES) continue;
		sent += batchBytes;
		const more = res.write(batch.join(''));
		batch = [];
		batchBytes = 0;
		if (!more) await drained(res);
	}
	if (!closed) {
		sent += batchBytes;
		res.end(batch.join(''));
	}
	return { bytes, sent };
}

/**
 * @param {http.ServerResponse} res
 * @returns {Promise<void>} once the client has read what was written, or has gone
 */
function drained(res) {
	return new Promise((resolve) => {
		const go = () => {
			res.off('drain', go);
			res.off('close', go);
			resolve();
		};
		res.on('drain', go);
		res.on('close', go);
	});
}

/**
 * @param {http.ServerResponse} res
 * @param {ApiError} error
 * @param {Record<string, string>} [headers]
 */
function sendError(res, error, headers) {
	send(
		res,
		protocol.httpStatusFor(error.code),
		protocol.XML_CONTENT_TYPE,
		protocol.errorAnswer(error.code, error.message),
		headers,
	);
}

/**
 * Builds the sandbox (state, request log, faults, HTTP server) without listening.
 * @param {SandboxOptions} [options]
 */
function createSandboxServer(options = {}) {
	const apiKey = options.apiKey ?? 'sandbox-key';
	const timeZone = options.timeZone ?? 'Europe/Prague';
	if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
	const clock = options.now ?? (() => new Date());
	const log = options.log ?? (() => undefined);
	const dated =
		options.dates === 'recent'
			? datedRecently(options.seed ?? loadDefaultSeed(), clock(), timeZone)
			: { seed: options.seed, days: 0 };
	const store = createStore(dated.seed);
	const faults = createFaultQueue();
	const gate = createGate();
	const concurrency = createConcurrencyGauge();
	/** @type {RecordedRequest[]} */
	const requests = [];
	/** @type {WeakMap<RecordedRequest, AnswerSent>} set once an answer is over */
	const answers = new WeakMap();

	/** @type {import('./methods').MethodContext} */
	const ctx = { state: store.state, now: () => formatNow(clock(), timeZone) };
	const v2 = createV2Endpoint({
		state: store.state,
		now: ctx.now,
		apiKey,
		instance: options.v2Instance ?? '1234',
	});

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async function handle(req, res) {
		concurrency.track(res);
		const body = await readBody(req, MAX_BODY_BYTES);
		const requestUrl = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const pathname = requestUrl.pathname;
		if (pathname.startsWith(V2_PATH)) return await handleV2(req, res, requestUrl, body);
		const isApi = pathname === API_PATH;

		const data =
			isApi && req.method === 'POST' && body
				? protocol.readDataField(body, req.headers['content-type'])
				: undefined;
		/** @type {import('./protocol').ParsedRequest | undefined} */
		let parsed;
		/** @type {ApiError | undefined} */
		let xmlError;
		if (data !== undefined) {
			try {
				parsed = protocol.parseRequestXml(data);
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				xmlError = error;
			}
		}
		// This request's own record: with requests held at the gate, the last one recorded may be
		// another's, and a test may have cleared the list meanwhile.
		/** @type {RecordedRequest | undefined} */
		let recorded;
		if (isApi) {
			recorded = {
				method: parsed?.method ?? '',
				params: { ...(parsed?.params ?? {}) },
				rawXml: data ?? '',
				key: parsed?.key ?? '',
			};
			requests.push(recorded);
		}

		// Faults go to requests in the order they arrive, before the gate may hold them.
		const fault = faults.take();
		if (recorded) await gate.pass(res, recorded);
		if (fault) {
			const status = await serveFault(req, res, fault, lifecycle.sleep, (answer) => {
				if (recorded) answers.set(recorded, answer);
			});
			if (status !== undefined) return;
		}

		if (!isApi) return send(res, 404, 'text/html; charset=UTF-8', NOT_FOUND_PAGE);
		if (req.method !== 'POST') {
			return sendError(res, new ApiError(405, 'Method Not Allowed: use POST'), { Allow: 'POST' });
		}
		if (!body) return send(res, 413, 'text/plain', 'Request Entity Too Large');
		if (data === undefined) return send(res, 200, 'text/plain', protocol.NO_DATA);
		if (xmlError || !parsed)
			return sendError(res, xmlError ?? new ApiError(400, protocol.INVALID_XML));
		if (parsed.key === '' || parsed.key !== apiKey)
			return sendError(res, new ApiError(401, 'Invalid API key'));
		try {
			if (parsed.paramError) throw parsed.paramError;
			const payload = dispatch(parsed.method, parsed.params, ctx);
			const answer = await sendAnswer(res, protocol.okAnswerPieces(payload));
			if (recorded) answers.set(recorded, answer);
			const cut =
				answer.sent < answer.bytes
					? `, client closed after ${answer.sent} of ${answer.bytes} bytes`
					: '';
			log(`${parsed.method} → 200 OK${cut}`);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			log(
				`${parsed.method || '(no method)'} → ${protocol.httpStatusFor(error.code)} error ${error.code}`,
			);
			sendError(res, error);
		}
	}

	/**
	 * An API v2 call: recorded, then faults and the gate as for XML calls, then answered as JSON.
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {URL} requestUrl
	 * @param {Buffer | undefined} body
	 */
	async function handleV2(req, res, requestUrl, body) {
		if (!body) return send(res, 413, 'text/plain', 'Request Entity Too Large');
		const recorded = v2.record(req, requestUrl, body.toString('utf8'));
		const fault = faults.take();
		await gate.pass(res, recorded);
		if (fault) {
			const status = await serveFault(req, res, fault, lifecycle.sleep, () => undefined);
			if (status !== undefined) return;
		}
		const answer = v2.answer(recorded);
		log(`v2 ${recorded.httpMethod} ${recorded.path} → ${answer.status}`);
		send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			// A bug in the sandbox itself: answer 500 and say so on stderr (the message only, never the body).
			process.stderr.write(
				`affilbox sandbox: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
			);
			if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
			else res.destroy();
		});
	});
	// listen() resolves to the API URL, e.g. http://127.0.0.1:8081/api/
	const lifecycle = serverLifecycle(server, API_PATH);

	const controls = sandboxControls(store, requests, faults, gate, concurrency, lifecycle);
	return {
		server,
		apiKey,
		timeZone,
		...controls,
		reset() {
			controls.reset();
			v2.reset();
		},
		...v2.controls,
		/** How many days the seed's dates were moved (`dates: 'recent'`), 0 when they were not. */
		datesMovedBy: dated.days,
		...partnerControls(store.state, ctx.now),
		/**
		 * How much of the answer to `request` was sent, once that answer is over.
		 * @param {RecordedRequest} request
		 */
		answerSent: (request) => answers.get(request),
	};
}

/** @param {string[]} argv */
function parseArgs(argv) {
	const args = parseCliArgs(
		argv,
		{ port: 8081, key: 'sandbox-key' },
		{
			'--time-zone': { name: 'timeZone', default: 'Europe/Prague' },
			'--seed': { name: 'seed' },
			'--bulk-conversions': { name: 'bulkConversions' },
			'--dates': { name: 'dates', default: 'seed' },
		},
	);
	if (args.dates !== 'seed' && args.dates !== 'recent')
		throw new Error('--dates must be seed or recent');
	return args;
}

/**
 * A state file of the seed's shape, or a programme of N bulk conversions.
 * @param {ReturnType<typeof parseArgs>} args
 */
function seedFrom(args) {
	if (args.bulkConversions !== undefined) {
		const count = Number(args.bulkConversions);
		if (!Number.isInteger(count) || count < 0)
			throw new Error('--bulk-conversions must be a whole number');
		return bulkSeed(count, args.timeZone ?? 'Europe/Prague');
	}
	return args.seed === undefined ? undefined : JSON.parse(fs.readFileSync(args.seed, 'utf8'));
}

if (require.main === module) {
	runCli({
		tag: 'affilbox sandbox',
		usage:
			'usage: node test/support/sandbox/affilbox/server.js [--port 8081] [--host 127.0.0.1] [--key sandbox-key] [--time-zone Europe/Prague] [--seed state.json | --bulk-conversions N] [--dates seed|recent] [--verbose]',
		parseArgs,
		create: (args) =>
			createSandboxServer({
				apiKey: args.key,
				timeZone: args.timeZone,
				seed: seedFrom(args),
				dates: /** @type {'seed' | 'recent'} */ (args.dates),
				log: args.verbose ? (line) => process.stdout.write(`${line}\n`) : undefined,
			}),
		announce: (url, args, sandbox) =>
			`AffilBox sandbox listening on ${url} (demo API key: ${args.key}${args.dates === 'recent' ? `; seed dates moved by ${sandbox.datesMovedBy} days, the newest is yesterday` : ''})`,
	});
}

module.exports = { createSandboxServer, parseArgs, API_PATH };
