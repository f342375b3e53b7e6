// @ts-check
'use strict';

/**
 * Both packages inside a real n8n 2.x, as `npm start` sets them up: installed as community packages,
 * credentials and workflows imported with n8n's CLI, then the example workflows published and
 * running under `n8n start` (webhooks called over HTTP, the trigger polling at activation), with a
 * version-3 AffilBox Trigger and an AffilBox Partner Trigger beside them. Each action node's own
 * headless run is in the suites that install its package alone (largeProgramme, affeliosAlone).
 */
const fs = require('node:fs');
const { DateTime } = require('luxon');
const os = require('node:os');
const path = require('node:path');

const { EXPECTED_PAYOUTS, readExamples, readPayoutCsv } = require('./n8n/examples');
const { ensureN8n } = require('./n8n/install');
const { communityNodeTypes } = require('./n8n/nodeRuns');
const { readmeCurlBodies } = require('./n8n/readmeCurls');
const { partnerWorkflow } = require('./n8n/partnerWorkflow');
const {
	prepareInstance,
	startSandboxes,
	AFFILBOX_KEY,
	CREDENTIAL_IDS,
	LICENCE_ZONE,
} = require('./n8n/sandboxStack');
const { callSandbox, startReceiver, waitFor, workflowTellingTheTest } = require('./n8n/watch');
const { createOwner } = require('./n8n/owner');
const { CHECKS } = require('./editor/checks');
const { openEditor } = require('./editor/session');
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
			type: 'n8n-nodes-affilbox.affilBoxTrigger',
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
	n8n = await timed('pack, install both packages, import credentials', async () =>
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

describe('n8n-nodes-affilbox and n8n-nodes-affelios in n8n', () => {
	it('n8n registers the four nodes of both installed packages', async () => {
		expect(communityNodeTypes(await n8n.loadedNodeTypes())).toEqual([
			'n8n-nodes-affelios.affelios',
			'n8n-nodes-affilbox.affilBox',
			'n8n-nodes-affilbox.affilBoxPartnerTrigger',
			'n8n-nodes-affilbox.affilBoxTrigger',
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

		it('Example 1: the README call approves the conversion and answers what was done (numbers as numbers), with the note in the licence zone', async () => {
			const answer = await callWebhook('payment-succeeded', curlBodies.get('payment-succeeded'));
			expect(answer.status).toBe(200);
			expect(answer.type).toContain('application/json');
			expect(answer.body).toEqual({
				ok: true,
				message: 'Conversion OBJ-2025-0002 approved in AffilBox',
				transactionId: 'OBJ-2025-0002',
				state: 'authorized',
				confirmedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
				campaign: 'Letní výprodej – obuv',
				partner: 'zofie',
				partnerEmail: 'zofie.stastna@example.org',
				commission: 89.9,
				currency: 'CZK',
			});
			// The approval time comes with the licence zone's offset (Simplify); the note the workflow
			// wrote, as AffilBox stored it, must read the same wall-clock time (a machine or n8n in
			// another zone is off by whole hours).
			const confirmed = DateTime.fromISO(answer.body.confirmedAt, { setZone: true });
			expect(confirmed.offset).toBe(confirmed.setZone(LICENCE_ZONE).offset);
			const stored = await callAffilBox('GetConversion', { conversion_id: 'OBJ-2025-0002' });
			const note = /<comment>([^<]*)<\/comment>/.exec(stored)?.[1] ?? '';
			expect(note).toMatch(/^Paid \(card\) on \d{4}-\d\d-\d\d \d\d:\d\d$/);
			const noted = DateTime.fromFormat(note.slice(-16), 'yyyy-MM-dd HH:mm', { zone: LICENCE_ZONE });
			expect(Math.abs(confirmed.diff(noted, 'minutes').minutes)).toBeLessThan(2);
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
					error: expect.stringContaining('Conversion is required'),
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

		/**
		 * The editor of this n8n in Chromium, as a marketer meets it: node panel, pickers, every
		 * operation, a run, the credential dialogs and Fetch Test Event (editor/checks.js). Last, so
		 * that its calls to the sandbox do not count as the triggers' checks above.
		 */
		describe('the editor in a real browser (Chromium)', () => {
			/** @type {Awaited<ReturnType<typeof openEditor>>} */ let editor;
			let opened = 0;

			beforeAll(async () => {
				opened = Date.now();
				await createOwner(base);
				editor = await openEditor(base);
			}, 600_000);

			afterAll(async () => {
				await editor?.close();
				timings['browser checks (login included)'] = Date.now() - opened;
			});

			it.each(CHECKS.map((check) => [check.name, check]))(
				'%s',
				async (_, check) => {
					await check.run(editor, {
						affilbox: { url: affilbox.url, key: AFFILBOX_KEY },
						affelios: { url: affelios.url },
						credentials: CREDENTIAL_IDS,
						failures: work,
					});
				},
				600_000,
			);
		});
	});
});
