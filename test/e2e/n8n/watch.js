// @ts-check
'use strict';

/**
 * What end-to-end tests use to act on the sandbox and watch a running n8n from outside: calls to the
 * AffilBox sandbox's APIs (XML and v2) as clients make them, a receiver that workflows post what fired to (and
 * such a workflow), and a wait that gives up with a reason.
 */
const http = require('node:http');

const { XMLBuilder } = require('fast-xml-parser');

/**
 * Calls the AffilBox sandbox's API as AffilBox clients do: the XML document in form field `data`.
 * @param {string} url @param {string} key @param {string} method @param {object} params
 */
async function callSandbox(url, key, method, params) {
	const data = new XMLBuilder({}).build({ request: { key, method, ...params } });
	const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ data }) });
	const text = await response.text();
	if (!text.includes('<status>OK</status>')) throw new Error(`${method} failed: ${text}`);
	return text;
}

/**
 * Calls the AffilBox sandbox's API v2 as its clients do: GET with the parameters in the query
 * (lists as `name[]`), HTTP Basic with the instance number and the key. Returns the JSON answer.
 * @param {string} xmlUrl the sandbox's XML API URL (API v2 is at `/v2` beside it)
 * @param {{ instance: string, key: string }} auth
 * @param {string} endpoint e.g. `conversions/list`
 * @param {Record<string, string | string[]>} [params]
 */
async function callSandboxV2(xmlUrl, auth, endpoint, params = {}) {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) {
		if (Array.isArray(value)) for (const one of value) query.append(`${name}[]`, one);
		else query.append(name, value);
	}
	const basic = Buffer.from(`${auth.instance}:${auth.key}`).toString('base64');
	const response = await fetch(`${new URL(xmlUrl).origin}/v2/${endpoint}?${query}`, {
		headers: { Authorization: `Basic ${basic}`, Accept: 'application/json' },
	});
	const body = /** @type {any} */ (await response.json());
	if (!response.ok || body.status !== 'ok')
		throw new Error(`${endpoint} failed: HTTP ${response.status} ${JSON.stringify(body)}`);
	return body;
}

/**
 * An HTTP endpoint on 127.0.0.1 that keeps each JSON body posted to it, in order: a workflow's HTTP
 * Request node tells the test what its trigger fired.
 */
async function startReceiver() {
	/** @type {Record<string, unknown>[]} */
	const received = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push(JSON.parse(body));
			res.end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}/seen`,
		received,
		/** `field` of each body received, as text. @param {string} field */
		values: (field) => received.map((body) => String(body[field])),
		close: () => server.close(),
	};
}

/**
 * A workflow (n8n's export format) in which `trigger` (a node named in `trigger.name`) starts an
 * HTTP Request node that posts the given `fields` of each item to the receiver at `receiverUrl`,
 * and `constants` as they are (e.g. which workflow it is).
 * @param {string} id @param {string} name
 * @param {{ name: string } & Record<string, unknown>} trigger
 * @param {string} receiverUrl @param {string[]} fields
 * @param {Record<string, string>} [constants]
 */
function workflowTellingTheTest(id, name, trigger, receiverUrl, fields, constants = {}) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{ position: [0, 0], ...trigger },
			{
				id: 'post',
				name: 'Tell the test',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, 0],
				parameters: {
					method: 'POST',
					url: receiverUrl,
					sendBody: true,
					bodyParameters: {
						parameters: [
							...fields.map((field) => ({ name: field, value: `={{ $json.${field} }}` })),
							...Object.entries(constants).map(([field, value]) => ({ name: field, value })),
						],
					},
					options: {},
				},
			},
		],
		connections: {
			[trigger.name]: { main: [[{ node: 'Tell the test', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Waits for `done()` (or what it resolves to) to be truthy, checking every half second; fails with
 * `what` after `ms`, or at once when `exitCode()` says n8n has exited.
 * @template T
 * @param {() => T | Promise<T>} done @param {number} ms @param {string} what
 * @param {() => number | null} [exitCode]
 * @returns {Promise<Exclude<T, false | null | undefined | '' | 0>>}
 */
async function waitFor(done, ms, what, exitCode = () => null) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await done();
		if (value) return /** @type {Exclude<T, false | null | undefined | '' | 0>} */ (value);
		const code = exitCode();
		if (code !== null) throw new Error(`n8n exited with ${code} while waiting for ${what}`);
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

module.exports = { callSandbox, callSandboxV2, startReceiver, waitFor, workflowTellingTheTest };
