// @ts-check
'use strict';

/**
 * Each action node run headlessly in a real n8n (`n8n execute`, no `n8n start` needed): a workflow
 * Manual Trigger → node(s), imported with n8n's CLI, and what its nodes put out checked. The suites
 * run them where a package is installed: both packages together, or one alone.
 */

/** @param {string} id @param {object[]} nodes @param {Record<string, unknown>} connections */
function manualWorkflow(id, nodes, connections) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes: [
			{
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections: {
			Start: {
				main: [[{ node: /** @type {{name: string}} */ (nodes[0]).name, type: 'main', index: 0 }]],
			},
			...connections,
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * The run ended without an error. n8n 1.85.4 prints the run before it records its final status
 * (`running`); there `finished` says it ended.
 * @param {any} execution @param {{ major: number }} release the n8n that ran it
 */
function expectSucceeded(execution, release) {
	expect(execution.data.resultData.error).toBeUndefined();
	if (release.major >= 2 || execution.status !== 'running') {
		expect(execution.status).toBe('success');
	} else {
		expect(execution.finished).toBe(true);
	}
}

/** @param {any} execution @param {string} node */
function outputOf(execution, node) {
	const task = execution.data.resultData.runData[node]?.[0];
	if (!task)
		throw new Error(
			`node "${node}" did not run; last node: ${execution.data.resultData.lastNodeExecuted}`,
		);
	if (task.error) throw new Error(`node "${node}" failed: ${task.error.message}`);
	return task.data.main[0].map((/** @type {{ json: any }} */ item) => item.json);
}

/**
 * @typedef {{ release: { major: number }, importWorkflow: (workflow: object) => Promise<void>,
 *   execute: (id: string) => Promise<any> }} N8nCli
 */

/**
 * The AffilBox node (version 1, as saved workflows have it): the campaigns, a conversion filter by
 * date (read with luxon, which the bundle takes from n8n) and state, and an approval of what it
 * found; then a Custom Method (a node added now, the latest version) reads the approval back. By
 * default against the sandbox's seed, where OBJ-2026-0001 is the one waiting conversion of 2026.
 * @param {N8nCli} n8n
 * @param {{ affilBoxApi: { id: string, name: string } }} credentials
 * @param {{ createdAfter: string, waiting: string }} [expected] the filter's date, and the one
 *   waiting conversion created after it
 */
async function checkAffilBoxNode(
	n8n,
	credentials,
	expected = { createdAfter: '2026-01-01T00:00:00Z', waiting: 'OBJ-2026-0001' },
) {
	await n8n.importWorkflow(
		manualWorkflow(
			'e2eAffilBox',
			[
				{
					id: 'ab1',
					name: 'Campaigns',
					type: 'n8n-nodes-affilbox.affilBox',
					typeVersion: 1,
					position: [200, 0],
					credentials,
					parameters: { resource: 'campaign', operation: 'getMany', returnAll: true },
				},
				{
					id: 'ab2',
					name: 'Recent Conversions',
					type: 'n8n-nodes-affilbox.affilBox',
					typeVersion: 1,
					position: [400, 0],
					credentials,
					executeOnce: true,
					parameters: {
						resource: 'conversion',
						operation: 'getMany',
						returnAll: true,
						filters: { createdAfter: expected.createdAfter, state: 'waiting' },
					},
				},
				{
					id: 'ab3',
					name: 'Approve',
					type: 'n8n-nodes-affilbox.affilBox',
					typeVersion: 1,
					position: [600, 0],
					credentials,
					parameters: {
						resource: 'conversion',
						operation: 'confirm',
						conversionId: '={{ $json.transactionId }}',
						decision: 'approve',
					},
				},
				{
					// Added today (latest version): any method, the key placed by the credential.
					id: 'ab4',
					name: 'Read Back',
					type: 'n8n-nodes-affilbox.affilBox',
					typeVersion: 3,
					position: [800, 0],
					credentials,
					parameters: {
						resource: 'customCall',
						operation: 'customMethod',
						method: 'GetConversions',
						parameters: {
							parameter: [{ name: 'conversion_id', value: '={{ $json.transactionId }}' }],
						},
					},
				},
			],
			{
				Campaigns: { main: [[{ node: 'Recent Conversions', type: 'main', index: 0 }]] },
				'Recent Conversions': { main: [[{ node: 'Approve', type: 'main', index: 0 }]] },
				Approve: { main: [[{ node: 'Read Back', type: 'main', index: 0 }]] },
			},
		),
	);
	const execution = await n8n.execute('e2eAffilBox');
	expectSucceeded(execution, n8n.release);
	expect(outputOf(execution, 'Campaigns').map((/** @type {any} */ c) => c.name)).toContain(
		'Knihy & <Hry> pro děti',
	);
	expect(
		outputOf(execution, 'Recent Conversions').map((/** @type {any} */ c) => c.transactionId),
	).toEqual([expected.waiting]);
	expect(outputOf(execution, 'Approve')).toEqual([
		expect.objectContaining({ transactionId: expected.waiting, state: 'authorized' }),
	]);
	expect(outputOf(execution, 'Read Back')).toEqual([
		expect.objectContaining({ transactionId: expected.waiting, state: 'authorized' }),
	]);
}

/**
 * The Affelios node: a customer, then a transaction of that customer, then a Custom API Call that
 * reads the customer back (with the transaction Affelios stored for it).
 * @param {N8nCli} n8n
 * @param {{ affeliosApi: { id: string, name: string } }} credentials
 */
async function checkAffeliosNode(n8n, credentials) {
	await n8n.importWorkflow(
		manualWorkflow(
			'e2eAffelios',
			[
				{
					id: 'af1',
					name: 'Customer',
					type: 'n8n-nodes-affelios.affelios',
					typeVersion: 1,
					position: [200, 0],
					credentials,
					parameters: {
						resource: 'customer',
						operation: 'create',
						externalId: 'E2E-CUSTOMER-1',
						externalBrandId: 'shop-eu',
						registrationDate: '2026-11-01 10:00:00',
						additionalFields: {},
					},
				},
				{
					id: 'af2',
					name: 'Transaction',
					type: 'n8n-nodes-affelios.affelios',
					typeVersion: 1,
					position: [400, 0],
					credentials,
					parameters: {
						resource: 'transaction',
						operation: 'create',
						externalId: 'E2E-TX-1',
						additionalFields: {
							externalCustomerId: '={{ $json.externalId }}',
							grossRevenue: 99.9,
						},
					},
				},
				{
					id: 'af3',
					name: 'Read Back',
					type: 'n8n-nodes-affelios.affelios',
					typeVersion: 1,
					position: [600, 0],
					credentials,
					parameters: {
						resource: 'customCall',
						operation: 'customApiCall',
						method: 'GET',
						path: "=/api/v1/customer/{{ $('Customer').item.json.id }}",
						queryParameters: { parameter: [{ name: 'check', value: 'e2e' }] },
					},
				},
			],
			{
				Customer: { main: [[{ node: 'Transaction', type: 'main', index: 0 }]] },
				Transaction: { main: [[{ node: 'Read Back', type: 'main', index: 0 }]] },
			},
		),
	);
	const execution = await n8n.execute('e2eAffelios');
	expectSucceeded(execution, n8n.release);
	expect(outputOf(execution, 'Customer')).toEqual([
		expect.objectContaining({ externalId: 'E2E-CUSTOMER-1', externalBrandId: 'shop-eu' }),
	]);
	expect(outputOf(execution, 'Transaction')).toEqual([
		{ accepted: true, status: 202, externalId: 'E2E-TX-1' },
	]);
	expect(outputOf(execution, 'Read Back')).toEqual([
		expect.objectContaining({
			id: outputOf(execution, 'Customer')[0].id,
			externalId: 'E2E-CUSTOMER-1',
			transactions: [expect.objectContaining({ externalId: 'E2E-TX-1', grossRevenue: 99.9 })],
		}),
	]);
}

/**
 * The community node types n8n registered (every type not of n8n's own packages), sorted, their
 * AI-tool variants (`…Tool`) left out: what the installed packages brought.
 * @param {string[]} loaded every node type n8n loaded
 */
function communityNodeTypes(loaded) {
	return loaded
		.filter((name) => !/^(n8n-nodes-base|@n8n\/[\w-]+)\./.test(name) && !name.endsWith('Tool'))
		.sort();
}

module.exports = { checkAffilBoxNode, checkAffeliosNode, communityNodeTypes };
