// @ts-check
'use strict';

/**
 * The API v2 side of the AffilBox sandbox server: what it records of each call, how it answers,
 * and the controls tests use (answer forms, the requests received, the secrets it issued). The
 * request is recorded without its Authorization header: only the user, and whether it passed.
 */
const { basicCredentials, fixture, parseParams, V2Error } = require('./protocol');
const { invoiceControls } = require('./invoiceRows');
const { dispatchV2 } = require('./routes');

/** Path prefix of API v2 on the sandbox: its API URL is `http://127.0.0.1:PORT/v2`. */
const V2_PATH = '/v2/';

/**
 * @typedef {object} V2RecordedRequest
 * @property {string} httpMethod
 * @property {string} path below the API URL, e.g. `conversions/change`
 * @property {import('./protocol').V2Params} params decoded query (GET) or form (POST)
 * @property {string} rawBody the body as received
 * @property {string} rawQuery the query text as received ('' for none)
 * @property {string} contentType
 * @property {string | undefined} user the Basic user (instance number), undefined without one
 * @property {boolean} authorized
 *
 * @typedef {import('./routes').V2Modes} V2Modes
 */

/** @returns {V2Modes} */
const defaultModes = () => ({
	invoiceList: 'wrapped',
	instance: 'lists',
	unknownIds: 'skip',
	billingRequest: 'ok',
});

/**
 * @param {{ state: import('../store').State, now: () => string, apiKey: string, instance: string }} options
 */
function createV2Endpoint({ state, now, apiKey, instance }) {
	/** @type {V2RecordedRequest[]} */
	const requests = [];
	/** @type {string[]} */
	const issuedSecrets = [];
	const modes = defaultModes();

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {URL} url
	 * @param {string} body
	 * @returns {V2RecordedRequest}
	 */
	function record(req, url, body) {
		const credentials = basicCredentials(req.headers.authorization);
		const rawQuery = url.search.replace(/^\?/, '');
		const contentType = String(req.headers['content-type'] ?? '');
		const form = /application\/x-www-form-urlencoded/i.test(contentType) ? body : '';
		/** @type {V2RecordedRequest} */
		const recorded = {
			httpMethod: req.method ?? '',
			path: url.pathname.slice(V2_PATH.length),
			params: parseParams(req.method === 'GET' ? rawQuery : form),
			rawBody: body,
			rawQuery,
			contentType,
			user: credentials?.user,
			authorized: credentials?.user === instance && credentials.password === apiKey,
		};
		requests.push(recorded);
		return recorded;
	}

	/**
	 * Answers a recorded call: 401 unless authorized, else the route's answer or its error.
	 * @param {V2RecordedRequest} recorded
	 * @returns {{ status: number, body: unknown }}
	 */
	function answer(recorded) {
		if (!recorded.authorized) return { status: 401, body: fixture('error-401') };
		try {
			const ctx = { state, now, instance, modes, issuedSecrets };
			return {
				status: 200,
				body: dispatchV2(recorded.httpMethod, recorded.path, recorded.params, ctx),
			};
		} catch (error) {
			if (!(error instanceof V2Error)) throw error;
			return { status: error.status, body: error.body };
		}
	}

	return {
		record,
		answer,
		controls: {
			...invoiceControls(state, now),
			v2Instance: instance,
			v2Requests: requests,
			/** API keys and passwords partner/add handed out: a leak test looks for them. */
			v2IssuedSecrets: issuedSecrets,
			/** @param {V2Modes['invoiceList']} form */
			setV2InvoiceList(form) {
				modes.invoiceList = form;
			},
			/** @param {V2Modes['instance']} form */
			setV2Instance(form) {
				modes.instance = form;
			},
			/** @param {V2Modes['unknownIds']} mode */
			setV2UnknownIds(mode) {
				modes.unknownIds = mode;
			},
			/** @param {V2Modes['billingRequest']} mode */
			setV2BillingRequest(mode) {
				modes.billingRequest = mode;
			},
		},
		reset() {
			requests.length = 0;
			issuedSecrets.length = 0;
			Object.assign(modes, defaultModes());
		},
	};
}

module.exports = { createV2Endpoint, V2_PATH };
