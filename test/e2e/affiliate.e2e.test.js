// @ts-check
'use strict';

/**
 * The package inside a real n8n 2.x: installed as a community package, credentials and workflows
 * imported with n8n's CLI, each node run headlessly, then the example workflows published and
 * running under `n8n start` (webhooks called over HTTP, the trigger polling at activation).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createInstance } = require('./n8n/instance');
const { ensureN8n } = require('./n8n/install');
const { freePort, packPackage, startSandbox, ROOT } = require('./processes');

const AFFILBOX_KEY = 'sandbox-key';
const AFFELIOS_KEY = 'affelios-sandbox-key';

/** @type {ReturnType<typeof createInstance>} */ let n8n;
/** @type {{ url: string, stop: () => void }} */ let affilbox;
/** @type {{ url: string, stop: () => void }} */ let affelios;
/** @type {string} */ let work;
/** @type {string} */ let payoutDir;
const timings = /** @type {Record<string, number>} */ ({});

/**
 * @template T
 * @param {string} name
 * @param {() => T} action
 * @returns {T}
 */
function timed(name, action) {
	const started = Date.now();
	const result = action();
	timings[name] = Date.now() - started;
	return result;
}

/** @param {string} file example file under examples/, adapted to this run's folders */
function example(file) {
	const text = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
	return JSON.parse(text.replaceAll('/tmp/n8n-nodes-affiliate/payouts', payoutDir));
}

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

beforeAll(async () => {
	const runtime = timed('n8n install (0 when cached)', () => ensureN8n());
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-e2e-'));
	payoutDir = path.join(work, 'payouts');
	fs.mkdirSync(payoutDir);
	const tarball = packPackage(work);
	affilbox = await startSandbox('affilbox', { args: ['--key', AFFILBOX_KEY] });
	affelios = await startSandbox('affelios', { args: ['--key', AFFELIOS_KEY] });
	n8n = createInstance({
		runtime,
		userFolder: path.join(work, 'n8n'),
		port: await freePort(),
		brokerPort: await freePort(),
		extraEnv: { N8N_RESTRICT_FILE_ACCESS_TO: payoutDir },
	});
	n8n.installPackage(tarball);
	timed('import credentials', () =>
		n8n.importCredentials([
			{
				id: 'affilboxSandbox',
				name: 'AffilBox sandbox',
				type: 'affilBoxApi',
				data: { apiUrl: affilbox.url, apiKey: AFFILBOX_KEY, timeZone: 'Europe/Prague' },
			},
			{
				id: 'affeliosSandbox',
				name: 'Affelios sandbox',
				type: 'affeliosApi',
				data: { apiKey: AFFELIOS_KEY, baseUrl: affelios.url, authorizationHeader: 'none' },
			},
		]),
	);
}, 900_000);

afterAll(() => {
	affilbox?.stop();
	affelios?.stop();
	process.stdout.write(`e2e timings (ms): ${JSON.stringify(timings)}\n`);
	// Kept when E2E_KEEP is set, to read n8n's log after a failure.
	if (!process.env.E2E_KEEP && work) fs.rmSync(work, { recursive: true, force: true });
});

describe('n8n-nodes-affiliate in n8n', () => {
	it('n8n registers all three nodes of the installed package', () => {
		const file = path.join(work, 'nodes.json');
		n8n.cli(['export:nodes', `--output=${file}`]);
		const names = JSON.parse(fs.readFileSync(file, 'utf8')).map(
			(/** @type {{name: string}} */ node) => node.name,
		);
		expect(names).toEqual(
			expect.arrayContaining([
				'n8n-nodes-affiliate.affilBox',
				'n8n-nodes-affiliate.affilBoxTrigger',
				'n8n-nodes-affiliate.affelios',
			]),
		);
	});

	it('runs the AffilBox node: campaigns, a dated conversion filter (luxon) and an approval', () => {
		const credentials = { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } };
		n8n.importWorkflow(
			manualWorkflow(
				'e2eAffilBox',
				[
					{
						id: 'ab1',
						name: 'Campaigns',
						type: 'n8n-nodes-affiliate.affilBox',
						typeVersion: 1,
						position: [200, 0],
						credentials,
						parameters: { resource: 'campaign', operation: 'getMany', returnAll: true },
					},
					{
						id: 'ab2',
						name: 'Recent Conversions',
						type: 'n8n-nodes-affiliate.affilBox',
						typeVersion: 1,
						position: [400, 0],
						credentials,
						executeOnce: true,
						parameters: {
							resource: 'conversion',
							operation: 'getMany',
							returnAll: true,
							filters: { createdAfter: '2026-01-01T00:00:00Z', state: 'waiting' },
						},
					},
					{
						id: 'ab3',
						name: 'Approve',
						type: 'n8n-nodes-affiliate.affilBox',
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
				],
				{
					Campaigns: { main: [[{ node: 'Recent Conversions', type: 'main', index: 0 }]] },
					'Recent Conversions': { main: [[{ node: 'Approve', type: 'main', index: 0 }]] },
				},
			),
		);
		const execution = timed('execute AffilBox workflow', () => n8n.execute('e2eAffilBox'));
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Campaigns').map((/** @type {any} */ c) => c.name)).toContain(
			'Knihy & <Hry> pro děti',
		);
		expect(
			outputOf(execution, 'Recent Conversions').map((/** @type {any} */ c) => c.transactionId),
		).toEqual(['OBJ-2026-0001']);
		expect(outputOf(execution, 'Approve')).toEqual([
			expect.objectContaining({ transactionId: 'OBJ-2026-0001', state: 'authorized' }),
		]);
	});

	it('runs the Affelios node: a customer and its transaction', () => {
		const credentials = { affeliosApi: { id: 'affeliosSandbox', name: 'Affelios sandbox' } };
		n8n.importWorkflow(
			manualWorkflow(
				'e2eAffelios',
				[
					{
						id: 'af1',
						name: 'Customer',
						type: 'n8n-nodes-affiliate.affelios',
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
						type: 'n8n-nodes-affiliate.affelios',
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
				],
				{ Customer: { main: [[{ node: 'Transaction', type: 'main', index: 0 }]] } },
			),
		);
		const execution = timed('execute Affelios workflow', () => n8n.execute('e2eAffelios'));
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Customer')).toEqual([
			expect.objectContaining({ externalId: 'E2E-CUSTOMER-1', externalBrandId: 'shop-eu' }),
		]);
		expect(outputOf(execution, 'Transaction')).toEqual([
			{ accepted: true, status: 202, externalId: 'E2E-TX-1' },
		]);
	});

	describe('the example workflows, published and running under n8n start', () => {
		/** @type {import('node:child_process').ChildProcess} */ let server;
		/** @type {string} */ let base;

		beforeAll(async () => {
			for (const file of fs
				.readdirSync(path.join(ROOT, 'examples'))
				.filter((name) => name.endsWith('.json'))) {
				const workflow = example(file);
				n8n.importWorkflow(workflow);
				n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
			}
			const started = Date.now();
			server = await n8n.start();
			timings['n8n start'] = Date.now() - started;
			base = `http://127.0.0.1:${n8n.env.N8N_PORT}`;
		}, 300_000);

		afterAll(() => server?.kill());

		it('Example 2: the trigger polled at activation and the payout CSV sums commission per partner', async () => {
			const csv = path.join(payoutDir, 'affiliate-payouts.csv');
			const deadline = Date.now() + 60_000;
			while (!fs.existsSync(csv) && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 500));
			const [header, ...rows] = fs
				.readFileSync(csv, 'utf8')
				.trim()
				.split('\n')
				.map((line) => line.split(','));
			const records = rows.map((row) =>
				Object.fromEntries(header.map((name, index) => [name, row[index]])),
			);
			// The sandbox's invoiced conversions: 1004 (petr.novak, 630 CZK) and 1009 (jdvorak, 300.00 CZK).
			expect(records).toEqual(
				expect.arrayContaining([
					{
						partner: 'petr.novak',
						email: 'petr.novak@example.net',
						currency: 'CZK',
						sum_commission: '630',
					},
					{
						partner: 'jdvorak',
						email: 'jiri.dvorak@example.com',
						currency: 'CZK',
						sum_commission: '300',
					},
				]),
			);
			expect(records).toHaveLength(2);
		});

		it('Example 1: a payment webhook approves the conversion in AffilBox', async () => {
			const response = await fetch(`${base}/webhook/payment-succeeded`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ orderId: 'OBJ-2025-0002', provider: 'card' }),
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual(
				expect.objectContaining({
					transactionId: 'OBJ-2025-0002',
					state: 'authorized',
					comment: expect.stringMatching(/^Paid \(card\) on /),
				}),
			);
		});

		it('Example 3: a CRM webhook creates the Affelios customer, then its transactions in one bulk call', async () => {
			const response = await fetch(`${base}/webhook/crm-new-customer`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({
					customer: {
						id: 'CRM-1001',
						brand: 'shop-eu',
						registeredAt: '2026-11-20T09:15:00Z',
						clickKey: 'CLK-42',
						country: 'CZ',
					},
					orders: [
						{ id: 'ORD-1', amount: 120, commission: 12, date: '2026-11-20 10:00:00' },
						{ id: 'ORD-2', amount: 80.5, commission: 8.05, date: '2026-11-21 08:30:00' },
					],
				}),
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual(
				expect.objectContaining({
					accepted: true,
					status: 202,
					acceptedCount: 2,
					externalIds: ['ORD-1', 'ORD-2'],
				}),
			);
		});
	});
});
