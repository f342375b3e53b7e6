#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * HTTP side of the AffilBox sandbox (plain node:http) and its command line:
 *
 *   node test/sandbox/affilbox/server.js --port 8081 [--host 127.0.0.1] [--key sandbox-key]
 *        [--time-zone Europe/Prague] [--seed state.json] [--verbose]
 *
 * prints one line with the API URL (and the fake demo key) and runs until SIGINT/SIGTERM. `--verbose` adds one
 * line per call with the method name and HTTP status only: request bodies are never printed.
 */
const fs = require('node:fs');
const http = require('node:http');
const { formatNow, isValidTimeZone } = require('./dates');
const { ApiError } = require('./errors');
const { createFaultQueue } = require('./faults');
const { dispatch } = require('./methods');
const protocol = require('./protocol');
const { createStore } = require('./store');

const API_PATH = '/api/';
const MAX_BODY_BYTES = 1024 * 1024;
const NOT_FOUND_PAGE =
	'<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';

/**
 * @typedef {object} SandboxOptions
 * @property {string} [apiKey] the key requests must carry (default 'sandbox-key')
 * @property {string} [timeZone] licence time zone for dates the sandbox creates (default 'Europe/Prague')
 * @property {() => Date} [now] clock (default: the real one)
 * @property {Partial<import('./store').State>} [seed] initial state (default: test/fixtures/affilbox/seed.json)
 * @property {(line: string) => void} [log] gets one line per call (method and status, never the body)
 *
 * @typedef {object} RecordedRequest
 * @property {string} method the <method> text ('' when the call had none or its XML was unreadable)
 * @property {Record<string, string>} params parameters as decoded from the XML (key and method excluded)
 * @property {string} rawXml the `data` form field exactly as received ('' when there was none)
 * @property {string} key the <key> text as decoded
 */

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer | undefined>} undefined when the body is over MAX_BODY_BYTES
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

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
	const store = createStore(options.seed);
	const faults = createFaultQueue();
	/** @type {RecordedRequest[]} */
	const requests = [];
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();

	/** @type {import('./methods').MethodContext} */
	const ctx = { state: store.state, now: () => formatNow(clock(), timeZone) };

	/** @param {number} ms */
	const sleep = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve(undefined);
			}, ms);
			timers.add(timer);
		});

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async function handle(req, res) {
		const body = await readBody(req);
		const pathname = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
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
		if (isApi) {
			requests.push({
				method: parsed?.method ?? '',
				params: { ...(parsed?.params ?? {}) },
				rawXml: data ?? '',
				key: parsed?.key ?? '',
			});
		}

		const fault = faults.take();
		if (fault && !fault.passThrough) {
			if (fault.delayMs > 0) await sleep(fault.delayMs);
			if (fault.dropConnection) {
				req.socket.destroy();
				return;
			}
			send(res, fault.status, fault.contentType, fault.body, fault.headers);
			return;
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
			log(`${parsed.method} → 200 OK`);
			send(res, 200, protocol.XML_CONTENT_TYPE, protocol.okAnswer(payload));
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			log(
				`${parsed.method || '(no method)'} → ${protocol.httpStatusFor(error.code)} error ${error.code}`,
			);
			sendError(res, error);
		}
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

	return {
		server,
		apiKey,
		timeZone,
		store: store.state,
		requests,
		/** @param {import('./faults').FaultOptions} [fault] */
		injectFault(fault) {
			faults.add(fault);
		},
		reset() {
			store.reset();
			requests.length = 0;
			faults.clear();
		},
		/**
		 * @param {number} port 0 for any free port
		 * @param {string} host
		 * @returns {Promise<string>} the API URL
		 */
		listen(port, host) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					const address = /** @type {import('node:net').AddressInfo} */ (server.address());
					const shownHost = address.address.includes(':')
						? `[${address.address}]`
						: address.address;
					resolve(`http://${shownHost}:${address.port}${API_PATH}`);
				});
			});
		},
		/** @returns {Promise<void>} */
		close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise((resolve, reject) => {
				if (!server.listening) return resolve();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}

/**
 * @param {string[]} argv
 * @returns {{ port: number, host: string, key: string, timeZone: string, seed: string | undefined, verbose: boolean }}
 */
function parseArgs(argv) {
	/** @type {ReturnType<typeof parseArgs>} */
	const args = {
		port: 8081,
		host: '127.0.0.1',
		key: 'sandbox-key',
		timeZone: 'Europe/Prague',
		seed: undefined,
		verbose: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535)
					throw new Error('--port must be 0..65535');
				args.port = port;
				break;
			}
			case '--host':
				args.host = value();
				break;
			case '--key':
				args.key = value();
				break;
			case '--time-zone':
				args.timeZone = value();
				break;
			case '--seed':
				args.seed = value();
				break;
			case '--verbose':
				args.verbose = true;
				break;
			default:
				throw new Error(`unknown argument: ${argv[i]}`);
		}
	}
	return args;
}

async function main() {
	/** @type {ReturnType<typeof parseArgs>} */
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(
			`${error instanceof Error ? error.message : String(error)}\n` +
				'usage: node test/sandbox/affilbox/server.js [--port 8081] [--host 127.0.0.1] [--key sandbox-key] [--time-zone Europe/Prague] [--seed state.json] [--verbose]\n',
		);
		process.exit(2);
	}
	const sandbox = createSandboxServer({
		apiKey: args.key,
		timeZone: args.timeZone,
		// A state file of the seed's shape, e.g. the benchmark's 100,000 conversions.
		seed: args.seed === undefined ? undefined : JSON.parse(fs.readFileSync(args.seed, 'utf8')),
		log: args.verbose ? (line) => process.stdout.write(`${line}\n`) : undefined,
	});
	const url = await sandbox.listen(args.port, args.host);
	process.stdout.write(`AffilBox sandbox listening on ${url} (demo API key: ${args.key})\n`);
	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(
			`affilbox sandbox: ${error instanceof Error ? error.message : String(error)}\n`,
		);
		process.exit(1);
	});
}

module.exports = { createSandboxServer, parseArgs, API_PATH };
