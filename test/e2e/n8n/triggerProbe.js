// @ts-check
'use strict';

/**
 * What an end-to-end test needs to watch an AffilBox Trigger in a running n8n: a small HTTP server
 * the workflow posts each emitted item to, and the sandbox's own XML API to change conversions.
 */
const http = require('node:http');

const { XMLBuilder } = require('fast-xml-parser');

/**
 * Starts a receiver on 127.0.0.1 (any free port) that keeps each posted JSON body.
 * @returns {Promise<{ url: string, received: Record<string, unknown>[], close: () => void }>}
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
	return { url: `http://127.0.0.1:${port}/seen`, received, close: () => server.close() };
}

/**
 * An n8n HTTP Request node that posts the given fields of each item to the receiver.
 * @param {string} name @param {string} url @param {string[]} fields
 */
function postNode(name, url, fields) {
	return {
		id: `post-${name}`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [300, 0],
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			bodyParameters: {
				parameters: fields.map((field) => ({ name: field, value: `={{ $json.${field} }}` })),
			},
			options: {},
		},
	};
}

/**
 * Calls the AffilBox sandbox as AffilBox clients do: the XML document in form field `data`.
 * @param {string} url @param {string} key @param {string} method @param {object} params
 */
async function callAffilBox(url, key, method, params) {
	const data = new XMLBuilder({}).build({ request: { key, method, ...params } });
	const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ data }) });
	const text = await response.text();
	if (!text.includes('<status>OK</status>')) throw new Error(`${method} failed: ${text}`);
}

module.exports = { startReceiver, postNode, callAffilBox };
