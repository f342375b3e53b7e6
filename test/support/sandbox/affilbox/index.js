// @ts-check
'use strict';

/**
 * Entry point for tests:
 *
 *   const { startAffilBoxSandbox } = require('./test/support/sandbox/affilbox');
 *   const sb = await startAffilBoxSandbox({ port: 0 });
 *   // sb.url, sb.apiKey, sb.timeZone, sb.store, sb.requests, sb.injectFault(), sb.hold(), sb.concurrency,
 *   // sb.reset(), await sb.close(), sb.registerPartner({ allow: false }), sb.allowPartner(id)
 *   // startAffilBoxSandbox({ dates: 'recent' }): the seed dated so that its newest date is yesterday
 *   // API v2 (v2/): sb.v2Url (the credential's API URL), sb.v2Instance, sb.v2Requests, sb.v2IssuedSecrets,
 *   // sb.setV2InvoiceList('bare'), sb.setV2Instance('plain'), sb.setV2UnknownIds('reject'),
 *   // sb.setV2BillingRequest('refused'); reset() restores them; sb.issueInvoice({ created, paid }),
 *   // sb.payInvoice(id) (v2/invoiceRows.js)
 *
 * The wire dialect is described at the top of protocol.js; the seed is test/fixtures/affilbox/seed.json.
 */
const { listenForTests } = require('../shared/controls');
const { createSandboxServer } = require('./server');

/**
 * @typedef {import('./server').SandboxOptions & { port?: number, host?: string }} StartOptions
 * @typedef {import('./server').RecordedRequest} RecordedRequest
 * @typedef {import('./store').State} SandboxState
 *
 * `url` is the API URL with its trailing slash, e.g. http://127.0.0.1:PORT/api/; `requests` are the
 * calls received on /api/. `hold` and `concurrency` (shared/controls.js) let tests count the
 * calls a client sends at once; `answerSent(request)` tells, once its answer is over, how many
 * bytes it had and how many were sent.
 * @typedef {import('../shared/controls').SandboxHandle<SandboxState, RecordedRequest>
 *   & { timeZone: string, datesMovedBy: number,
 *       registerPartner: ReturnType<typeof import('./partnerRows').partnerControls>['registerPartner'],
 *       allowPartner: ReturnType<typeof import('./partnerRows').partnerControls>['allowPartner'],
 *       answerSent: (request: RecordedRequest) => import('./server').AnswerSent | undefined,
 *       v2Url: string } & ReturnType<typeof import('./v2/endpoint').createV2Endpoint>['controls']} AffilBoxSandbox
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<AffilBoxSandbox>}
 */
async function startAffilBoxSandbox(options = {}) {
	const { port, host, ...rest } = options;
	const sandbox = createSandboxServer(rest);
	const handle = await listenForTests(sandbox, { port, host });
	return {
		...handle,
		v2Url: `${new URL(handle.url).origin}/v2`,
		v2Instance: sandbox.v2Instance,
		v2Requests: sandbox.v2Requests,
		v2IssuedSecrets: sandbox.v2IssuedSecrets,
		setV2InvoiceList: sandbox.setV2InvoiceList,
		setV2Instance: sandbox.setV2Instance,
		setV2UnknownIds: sandbox.setV2UnknownIds,
		setV2BillingRequest: sandbox.setV2BillingRequest,
		issueInvoice: sandbox.issueInvoice,
		payInvoice: sandbox.payInvoice,
		timeZone: sandbox.timeZone,
		datesMovedBy: sandbox.datesMovedBy,
		registerPartner: sandbox.registerPartner,
		allowPartner: sandbox.allowPartner,
		answerSent: (request) => sandbox.answerSent(request),
	};
}

module.exports = { startAffilBoxSandbox, createSandboxServer };
