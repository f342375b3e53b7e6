// @ts-check
'use strict';

/**
 * The AffilBox API v2 side of the package in a real n8n, beside the examples: a webhook workflow
 * that runs every API v2 operation of the AffilBox node once (Dashboard, Instance, Invoice Get Many
 * and Get, Partner → Create, Conversion → Change Many) and answers with what each put out, and an
 * AffilBox Invoice Trigger workflow that tells the test what it fires.
 */
const { workflowTellingTheTest } = require('./watch');

const API_V2_WEBHOOK = 'e2e-api-v2-operations';
/** The nodes of the operations workflow, in the order they run. */
const API_V2_NODES = {
	dashboard: 'Dashboard',
	instance: 'Instance',
	invoices: 'Unpaid Invoices',
	invoice: 'First Unpaid Invoice',
	partner: 'New Partner',
	changes: 'Approve Conversions',
};

/**
 * Webhook → each API v2 operation in turn → Respond to Webhook with every node's output. The
 * caller's body gives the new partner's `email` and the `conversionIds` to approve.
 * @param {{ id: string, name: string }} credential an AffilBox V2 API credential
 */
function apiV2OperationsWorkflow(credential) {
	const N = API_V2_NODES;
	const affilBox = (
		/** @type {string} */ name,
		/** @type {number} */ index,
		/** @type {Record<string, unknown>} */ parameters,
		/** @type {Record<string, unknown>} */ settings = {},
	) => ({
		id: `e2e-v2-${index}`,
		name,
		type: 'n8n-nodes-affilbox.affilBox',
		typeVersion: 3,
		position: [260 * index, 0],
		parameters: { ...parameters, options: {} },
		credentials: { affilBoxApiV2Api: credential },
		...settings,
	});
	const body = "$('Webhook').first().json.body";
	const all = (/** @type {string} */ node) => `$('${node}').all().map(item => item.json)`;
	const chain = [
		affilBox(N.dashboard, 1, { resource: 'dashboard', operation: 'get' }),
		affilBox(N.instance, 2, { resource: 'instance', operation: 'get' }),
		affilBox(N.invoices, 3, {
			resource: 'invoice',
			operation: 'getMany',
			returnAll: true,
			filters: { paid: 'unpaid' },
		}),
		affilBox(
			N.invoice,
			4,
			{
				resource: 'invoice',
				operation: 'get',
				invoiceId: `={{ $('${N.invoices}').first().json.id }}`,
			},
			{ executeOnce: true },
		),
		affilBox(
			N.partner,
			5,
			{ resource: 'partner', operation: 'create', email: `={{ ${body}.email }}` },
			{ executeOnce: true },
		),
		affilBox(N.changes, 6, {
			resource: 'conversion',
			operation: 'changeMany',
			conversionIds: `={{ ${body}.conversionIds }}`,
			state: 'authorized',
		}),
	];
	const nodes = [
		{
			id: 'e2e-v2-0',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
			parameters: {
				httpMethod: 'POST',
				path: API_V2_WEBHOOK,
				responseMode: 'responseNode',
				options: {},
			},
		},
		...chain,
		{
			id: 'e2e-v2-7',
			name: 'Answer',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.5,
			position: [260 * 7, 0],
			parameters: {
				respondWith: 'json',
				responseBody: `={{ { ${Object.entries(N)
					.map(([key, node]) => `${key}: ${all(node)}`)
					.join(', ')} } }}`,
				options: {},
			},
		},
	];
	/** @type {Record<string, unknown>} */
	const connections = {};
	for (const [index, node] of nodes.slice(0, -1).entries()) {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: 'e2eApiV2Operations',
		name: 'e2e AffilBox API v2 operations',
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * The AffilBox Invoice Trigger (New Invoice with Only Unpaid, and Invoice Paid; From Now On;
 * checking every minute) posting each invoice's `id` and `event` to the test's receiver.
 * @param {{ id: string, name: string }} credential an AffilBox V2 API credential
 * @param {string} receiverUrl
 */
function invoiceTriggerWorkflow(credential, receiverUrl) {
	const id = 'e2eInvoiceTrigger';
	return workflowTellingTheTest(
		id,
		'e2e AffilBox Invoice Trigger',
		{
			id: `${id}-trigger`,
			name: 'Invoices',
			type: 'n8n-nodes-affilbox.affilBoxInvoiceTrigger',
			typeVersion: 1,
			credentials: { affilBoxApiV2Api: credential },
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				events: ['new', 'paid'],
				onlyUnpaid: true,
				// The sandbox's seed invoices are dated 2025-12 to 2026-02.
				lookbackDays: 3650,
				startFrom: 'now',
				options: {},
			},
		},
		receiverUrl,
		['id', 'event'],
		{ workflow: id },
	);
}

module.exports = { apiV2OperationsWorkflow, invoiceTriggerWorkflow, API_V2_WEBHOOK, API_V2_NODES };
