// @ts-check
'use strict';

/**
 * The wire side of AffilBox's JSON "API version 2" in the sandbox, as the one public client
 * (jakuborava/affilbox-client) reports it (docs/affilbox-api-v2.md): paths below the API URL, HTTP
 * Basic authentication (instance number : API key), parameters as a query (GET) or a form (POST),
 * lists in PHP's bracket form, `x[0]=…` as that client sends it and `x[]=…` too, answers
 * `{ status, meta, …payload }`, errors `{ status: "error", message }` with HTTP 401, 422 or 200.
 * Fixtures of the answers: test/fixtures/affilbox/v2/.
 */
const fs = require('node:fs');
const path = require('node:path');

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'affilbox', 'v2');

/**
 * A fixture answer, parsed (a fresh copy each time).
 * @param {string} name file name without `.json`
 * @returns {Record<string, unknown>}
 */
function fixture(name) {
	return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}

/** An error the sandbox answers with: HTTP status and the body. */
class V2Error extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {Record<string, unknown>} [body] default `{ status: "error", message }`
	 */
	constructor(status, message, body) {
		super(message);
		this.status = status;
		this.body = body ?? { status: 'error', message };
	}
}

/**
 * 422 in the reported shape; the sandbox's own words after "Invalid data" name the field (what
 * AffilBox says there is unknown).
 * @param {string} field
 * @param {string} problem
 */
function invalid(field, problem) {
	return new V2Error(422, `Invalid data: ${field} ${problem}`);
}

/** @typedef {Record<string, string | string[]>} V2Params */

/**
 * Query or form text into parameters: `a=1` → `{ a: '1' }`; `x[0]=1&x[1]=2` and `x[]=1&x[]=2`
 * → `{ x: ['1', '2'] }` (indexed entries in index order), as a PHP server reads them.
 * @param {string} text
 * @returns {V2Params}
 */
function parseParams(text) {
	/** @type {V2Params} */
	const params = {};
	/** @type {Map<string, Array<{ index: number, value: string }>>} */
	const lists = new Map();
	let order = 0;
	for (const [key, value] of new URLSearchParams(text)) {
		const list = /^(.+)\[(\d*)\]$/.exec(key);
		if (!list) {
			params[key] = value;
			continue;
		}
		const entries = lists.get(list[1]) ?? [];
		// `x[]` appends; `x[3]` sorts by its index.
		entries.push({ index: list[2] === '' ? 1e9 + order++ : Number(list[2]), value });
		lists.set(list[1], entries);
	}
	for (const [name, entries] of lists) {
		params[name] = entries.sort((a, b) => a.index - b.index).map((entry) => entry.value);
	}
	return params;
}

/**
 * The user and password of an HTTP Basic Authorization header, or undefined.
 * @param {string | undefined} header
 */
function basicCredentials(header) {
	const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return undefined;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

module.exports = { FIXTURES, fixture, V2Error, invalid, parseParams, basicCredentials };
