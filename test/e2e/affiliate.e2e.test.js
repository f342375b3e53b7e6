// @ts-check
'use strict';

/**
 * The package inside a real n8n 2.x: installed as a community package, credentials and workflows
 * imported with n8n's CLI, each node run headlessly, then the example workflows published and
 * running under `n8n start` (webhooks called over HTTP, the trigger polling at activation).
 */
const fs = require('node:fs');
const { DateTime } = require('luxon');
const os = require('node:os');
const path = require('node:path');

const { EXPECTED_PAYOUTS, readExamples, readPayoutCsv } = require('./n8n/examples');
const { ensureN8n } = require('./n8n/install');
const { readmeCurlBodies } = require('./n8n/readmeCurls');
const { partnerWorkflow } = require('./n8n/partnerWorkflow');
const {
	prepareInstance,
	startSandboxes,
	AFFILBOX_KEY,
	LICENCE_ZONE,
} = require('./n8n/sandboxStack');
const { callSandbox, startReceiver, waitFor, workflowTellingTheTest } = require('./n8n/watch');
const { freePort } = require('./processes');

/** @type {Awaited<ReturnType<typeof prepareInstance>>} */ let n8n;
/** @type {{ url: string, stop: () => Promise<void>, output: () => string }} */ let affilbox;
/** @type {{ url: string, stop: () => Promise<void> }} */ let affelios;
/** @type {string} */ let work;
/** @type {string} */ let payoutDir;
const timings = /** @type {Record<string, number>} */ ({});

/**
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} action
 * @returns {Promise<T>}
 */
async function timed(name, action) {
	const started = Date.now();
	const result = await action();
	timings[name] = Date.now() - started;
	return result;
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

/**
 * The run ended without an error. n8n 1.85.4 prints the run before it records its final status
 * (`running`); there `finished` says it ended.
 * @param {any} execution
 */
function expectSucceeded(execution) {
	expect(execution.data.resultData.error).toBeUndefined();
	if (n8n.release.major >= 2 || execution.status !== 'running') {
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
 * A version-3 AffilBox Trigger watching all four events for partner kveta (no other test touches
 * her conversions), starting from `startDate`, posting each item to the test's receiver.
 * @param {string} receiverUrl @param {string} startDate
 */
function conversionTriggerWorkflow(receiverUrl, startDate) {
	return workflowTellingTheTest(
		'e2eConversionTrigger',
		'e2e conversion trigger, all events',
		{
			id: 'conversion-trigger',
			name: 'Conversions',
			type: 'n8n-nodes-affiliate.affilBoxTrigger',
			typeVersion: 3,
			parameters: {
				events: ['created', 'authorized', 'invoiced', 'rejected'],
				filters: { partnerId: { __rl: true, mode: 'id', value: 'kveta' } },
				startFrom: 'date',
				startDate,
			},
			credentials: { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } },
		},
		receiverUrl,
		['transactionId', 'event'],
	);
}

beforeAll(async () => {
	const runtime = await timed('n8n install (0 when cached)', () => ensureN8n());
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-e2e-'));
	payoutDir = path.join(work, 'payouts');
	({ affilbox, affelios } = await startSandboxes({ verbose: true }));
	n8n = await timed('pack, install the package, import credentials', async () =>
		prepareInstance({
			runtime,
			folder: work,
			port: await freePort(),
			brokerPort: await freePort(),
			payoutDir,
			sandboxes: { affilbox, affelios },
		}),
	);
}, 900_000);

afterAll(async () => {
	await affilbox?.stop();
	await affelios?.stop();
	process.stdout.write(`e2e timings (ms): ${JSON.stringify(timings)}\n`);
	// Kept when E2E_KEEP is set, to read n8n's log after a failure.
	if (!process.env.E2E_KEEP && work) fs.rmSync(work, { recursive: true, force: true });
});

describe('n8n-nodes-affiliate in n8n', () => {
	it('n8n registers all four nodes of the installed package', async () => {
		const names = await n8n.loadedNodeTypes();
		expect(names).toEqual(
			expect.arrayContaining([
				'n8n-nodes-affiliate.affilBox',
				'n8n-nodes-affiliate.affilBoxTrigger',
				'n8n-nodes-affiliate.affilBoxPartnerTrigger',
				'n8n-nodes-affiliate.affelios',
			]),
		);
	});

	it('runs the AffilBox node: campaigns, a dated conversion filter (luxon) and an approval', async () => {
		const credentials = { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } };
		await n8n.importWorkflow(
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
		const execution = await timed('execute AffilBox workflow', () => n8n.execute('e2eAffilBox'));
		expectSucceeded(execution);
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

	it('runs the Affelios node: a customer and its transaction', async () => {
		const credentials = { affeliosApi: { id: 'affeliosSandbox', name: 'Affelios sandbox' } };
		await n8n.importWorkflow(
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
		const execution = await timed('execute Affelios workflow', () => n8n.execute('e2eAffelios'));
		expectSucceeded(execution);
		expect(outputOf(execution, 'Customer')).toEqual([
			expect.objectContaining({ externalId: 'E2E-CUSTOMER-1', externalBrandId: 'shop-eu' }),
		]);
		expect(outputOf(execution, 'Transaction')).toEqual([
			{ accepted: true, status: 202, externalId: 'E2E-TX-1' },
		]);
	});

	describe('the example workflows, published and running under n8n start', () => {
		/** @type {{ stop: () => Promise<void> }} */ let server;
		/** @type {string} */ let base;
		/** @type {Awaited<ReturnType<typeof startReceiver>>} */ let partners;
		/** Registers a partner in the sandbox as a sign-up would (GetOrCreatePartner). @param {string} affilid */
		const registerPartner = (affilid) =>
			callAffilBox('GetOrCreatePartner', {
				email: `${affilid}@example.com`,
				affilid,
			});
		const curlBodies = readmeCurlBodies();

		/** Calls an example's webhook as the README shows. @param {string} webhookPath @param {unknown} body */
		async function callWebhook(webhookPath, body) {
			const response = await fetch(`${base}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			const type = response.headers.get('content-type') ?? '';
			return { status: response.status, type, body: /** @type {any} */ (await response.json()) };
		}

		/** @type {Awaited<ReturnType<typeof startReceiver>>} */ let probe;
		/** @param {string} method @param {object} params */
		const callAffilBox = (method, params) =>
			callSandbox(affilbox.url, AFFILBOX_KEY, method, params);

		beforeAll(async () => {
			const examples = readExamples({ payoutDir });
			// Created before activation, after the trigger's start date: its first check fires it.
			const startDate = DateTime.now()
				.setZone(LICENCE_ZONE)
				.minus({ hours: 1 })
				.toFormat("yyyy-MM-dd'T'HH:mm:ss");
			await callAffilBox('AddConversion', {
				partner_id: 'kveta',
				campaign_id: 11,
				conversion_id: 'E2E-TRIG-1',
				value: 10,
			});
			probe = await startReceiver();
			// The partner trigger starts from now; a partner registers before n8n even starts.
			partners = await startReceiver();
			const since = String(DateTime.now().setZone(LICENCE_ZONE).toISO());
			const workflows = [
				...examples,
				conversionTriggerWorkflow(probe.url, startDate),
				partnerWorkflow(partners.url, since),
			];
			await n8n.importWorkflow(workflows);
			for (const workflow of workflows) await n8n.publish(workflow.id);
			await registerPartner('e2e-before-start');
			const started = Date.now();
			server = await n8n.start();
			timings['n8n start'] = Date.now() - started;
			base = `http://127.0.0.1:${n8n.port}`;
		}, 900_000);

		afterAll(async () => {
			await server?.stop();
			probe?.close();
			partners?.close();
		});

		it('Example 2: the trigger polled at activation and the payout CSV sums commission per partner', async () => {
			const csv = path.join(payoutDir, 'affiliate-payouts.csv');
			const deadline = Date.now() + 60_000;
			// The file can exist before n8n has written its rows: read without rows once on a busy machine.
			const lines = () =>
				fs.existsSync(csv) ? fs.readFileSync(csv, 'utf8').trim().split('\n') : [];
			while (lines().length <= EXPECTED_PAYOUTS.length && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 500));
			const records = readPayoutCsv(payoutDir);
			expect(records).toEqual(expect.arrayContaining(EXPECTED_PAYOUTS));
			expect(records).toHaveLength(EXPECTED_PAYOUTS.length);
		});

		it('Example 1: the README call approves the conversion and answers what was done, with the time in the licence zone', async () => {
			const answer = await callWebhook('payment-succeeded', curlBodies.get('payment-succeeded'));
			expect(answer.status).toBe(200);
			expect(answer.type).toContain('application/json');
			expect(answer.body).toEqual(
				expect.objectContaining({
					ok: true,
					message: 'Conversion OBJ-2025-0002 approved in AffilBox',
					transactionId: 'OBJ-2025-0002',
					state: 'authorized',
					comment: expect.stringMatching(/^Paid \(card\) on \d{4}-\d\d-\d\d \d\d:\d\d$/),
				}),
			);
			// AffilBox records the approval in the licence's wall-clock time; the note n8n wrote must
			// read the same (a machine or n8n in another zone is off by whole hours).
			const noted = DateTime.fromFormat(answer.body.comment.slice(-16), 'yyyy-MM-dd HH:mm', {
				zone: LICENCE_ZONE,
			});
			const recorded = DateTime.fromFormat(answer.body.confirmDate, 'yyyy-MM-dd HH:mm:ss', {
				zone: LICENCE_ZONE,
			});
			expect(Math.abs(recorded.diff(noted, 'minutes').minutes)).toBeLessThan(2);
		});

		it('Example 1: an unknown order and a call without orderId get a JSON answer saying why', async () => {
			const unknown = await callWebhook('payment-succeeded', {
				orderId: 'OBJ-NOT-IN-AFFILBOX',
				provider: 'card',
			});
			expect(unknown.status).toBe(422);
			expect(unknown.body).toEqual({
				ok: false,
				message: 'Conversion OBJ-NOT-IN-AFFILBOX was not approved',
				error: expect.stringContaining('Conversion not found: OBJ-NOT-IN-AFFILBOX'),
				description: expect.any(String),
			});
			const empty = await callWebhook('payment-succeeded', {});
			expect(empty.status).toBe(422);
			expect(empty.body).toEqual(
				expect.objectContaining({
					ok: false,
					message: 'Conversion (no orderId given) was not approved',
					error: expect.stringContaining('Conversion ID'),
				}),
			);
		});

		it('Example 3: the README call creates the Affelios customer, then its transactions in one bulk call, and says so', async () => {
			const body = curlBodies.get('crm-new-customer');
			const answer = await callWebhook('crm-new-customer', body);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual(
				expect.objectContaining({
					ok: true,
					message: `Customer ${body.customer.id} created in Affelios; ${body.orders.length} transaction(s) accepted`,
					customer: expect.objectContaining({
						externalId: body.customer.id,
						externalBrandId: body.customer.brand,
					}),
					accepted: true,
					status: 202,
					acceptedCount: body.orders.length,
					externalIds: body.orders.map((/** @type {{ id: string }} */ order) => order.id),
				}),
			);
		});

		it('Example 3: a customer that exists already, and an order Affelios cannot take, get a JSON answer saying what failed', async () => {
			const body = curlBodies.get('crm-new-customer');
			const again = await callWebhook('crm-new-customer', body);
			expect(again.status).toBe(422);
			expect(again.body).toEqual({
				ok: false,
				message: `Customer ${body.customer.id} was not created in Affelios; no transactions were sent`,
				error: expect.stringContaining('already exists'),
				description: expect.any(String),
			});
			const badOrder = await callWebhook('crm-new-customer', {
				customer: { ...body.customer, id: 'CRM-E2E-BAD-ORDER' },
				orders: [{ id: 'ORD-BAD', amount: 'a lot', commission: 1, date: '2026-11-20 10:00' }],
			});
			expect(badOrder.status).toBe(422);
			expect(badOrder.body).toEqual({
				ok: false,
				message:
					'Customer CRM-E2E-BAD-ORDER was created in Affelios, but its transactions were not accepted',
				error: expect.stringContaining('Gross Revenue'),
				description: expect.any(String),
			});
		});

		it('a version-3 AffilBox Trigger with all four events fires each (conversion, event) once as the sandbox changes', async () => {
			const pairs = () =>
				probe.received.map((item) => `${String(item.transactionId)}:${String(item.event)}`).sort();
			/** n8n polls every minute. @param {number} count @param {string} what */
			const waitForPairs = (count, what) => waitFor(() => pairs().length >= count, 150_000, what);
			// Start From (since a date): the activation check fires the conversion created before it.
			await waitForPairs(1, 'the activation check');
			expect(pairs()).toEqual(['E2E-TRIG-1:created']);

			await callAffilBox('AddConversion', {
				partner_id: 'kveta',
				campaign_id: 11,
				conversion_id: 'E2E-TRIG-2',
				value: 20,
			});
			await callAffilBox('ConfirmConversion', { conversion_id: 'E2E-TRIG-2', value: 'false' });
			await callAffilBox('ConfirmConversion', { conversion_id: 'E2E-TRIG-1', value: 'true' });
			const round1 = [
				'E2E-TRIG-1:authorized',
				'E2E-TRIG-1:created',
				'E2E-TRIG-2:created',
				'E2E-TRIG-2:rejected',
			];
			await waitForPairs(4, 'created, rejected and authorized');
			expect(pairs()).toEqual(round1);

			// Rejected → authorized fires Authorized; authorized → invoiced fires Invoiced; what
			// fired before (both still in the Created list) does not fire again.
			await callAffilBox('ConfirmConversion', { conversion_id: 'E2E-TRIG-2', value: 'true' });
			await callAffilBox('UpdateConversion', { conversion_id: 'E2E-TRIG-1', state: 'invoiced' });
			await waitForPairs(6, 'authorized and invoiced');
			expect(pairs()).toEqual([...round1, 'E2E-TRIG-1:invoiced', 'E2E-TRIG-2:authorized'].sort());
		}, 400_000);

		it('AffilBox Partner Trigger: each partner registered since the start date fires once, over several polls', async () => {
			const polls = () => (affilbox.output().match(/GetPartners → 200/g) ?? []).length;
			await waitFor(
				() => partners.values('affilId').includes('e2e-before-start'),
				150_000,
				'the activation check to fire the partner registered before it',
			);
			await registerPartner('e2e-after-start');
			await waitFor(
				() => partners.values('affilId').includes('e2e-after-start'),
				150_000,
				'a later check to fire the partner registered after activation',
			);
			// Two more checks (n8n polls every minute), which must fire nothing.
			const seen = polls();
			await waitFor(() => polls() >= seen + 2, 200_000, 'two more checks');
			expect(partners.values('affilId')).toEqual(['e2e-before-start', 'e2e-after-start']);
		}, 600_000);
	});
});
