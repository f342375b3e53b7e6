// @ts-check
'use strict';

/**
 * Both packages inside a real n8n 2.x, as `npm start` sets them up: installed as community packages,
 * credentials and workflows imported with n8n's CLI, then the example workflows published and
 * running under `n8n start` (webhooks called over HTTP, the triggers polling at activation), with a
 * version-3 AffilBox Trigger and an AffilBox Partner Trigger beside them, and the AffilBox API v2
 * operations and the AffilBox Invoice Trigger in workflows of their own. Each XML action node's own
 * headless run is in the suites that install its package alone (largeProgramme, affeliosAlone).
 */
const fs = require('node:fs');
const { DateTime } = require('luxon');
const os = require('node:os');
const path = require('node:path');

const seed = require('../fixtures/affilbox/seed.json');
const { startAffilBoxSandbox } = require('../support/sandbox/affilbox');
const {
	API_V2_NODES,
	API_V2_WEBHOOK,
	apiV2OperationsWorkflow,
	invoiceTriggerWorkflow,
} = require('./n8n/apiV2Workflows');
const { EXPECTED_PAYOUTS, readExamples, readPayoutCsv } = require('./n8n/examples');
const { flattedOf, itemsOf } = require('./n8n/executionRecords');
const { durableCursorEnv } = require('./n8n/instance');
const { ensureN8n, installedN8n } = require('./n8n/install');
const { communityNodeTypes } = require('./n8n/nodeRuns');
const { releaseTraits } = require('./n8n/releaseTraits');
const { readmeCurlBodies } = require('./n8n/readmeCurls');
const { ownerSession } = require('./n8n/rest');
const {
	affilBoxSandboxV2Credential,
	prepareInstance,
	startSandboxes,
	AFFILBOX_KEY,
	AFFILBOX_V2_INSTANCE,
	CREDENTIAL_IDS,
	LICENCE_ZONE,
} = require('./n8n/sandboxStack');
const { createOwner } = require('./n8n/owner');
const {
	publishSlowActivation,
	slowActivationWorkflow,
	SLOW_MESSAGE,
} = require('./n8n/slowActivation');
const { createLedger, matrixSteps, matrixWorkflows } = require('./n8n/triggerMatrix');
const { callSandbox, callSandboxV2, startReceiver, waitFor } = require('./n8n/watch');
const { CHECKS } = require('./editor/checks');
const { openEditor } = require('./editor/session');
const { freePort } = require('./processes');

/** @type {Awaited<ReturnType<typeof ensureN8n>>} */ let runtime;
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

beforeAll(async () => {
	runtime = await timed('n8n install (0 when cached)', () => ensureN8n());
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
	it('n8n registers the five nodes of both installed packages', async () => {
		expect(communityNodeTypes(await n8n.loadedNodeTypes())).toEqual([
			'n8n-nodes-affelios.affelios',
			'n8n-nodes-affilbox.affilBox',
			'n8n-nodes-affilbox.affilBoxInvoiceTrigger',
			'n8n-nodes-affilbox.affilBoxPartnerTrigger',
			'n8n-nodes-affilbox.affilBoxTrigger',
		]);
	});

	describe('the example workflows, published and running under n8n start', () => {
		/** @type {{ stop: () => Promise<void> }} */ let server;
		/** @type {string} */ let base;
		const curlBodies = readmeCurlBodies();
		/** @param {string} method @param {object} params */
		const callAffilBox = (method, params) =>
			callSandbox(affilbox.url, AFFILBOX_KEY, method, params);

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

		/** The AffilBox sandbox of the trigger workflows, inside this process: the test reads every call. */
		/** @type {Awaited<ReturnType<typeof startAffilBoxSandbox>>} */ let matrixSandbox;
		/** @type {Awaited<ReturnType<typeof startReceiver>>} */ let receiver;
		/** @type {ReturnType<typeof createLedger>} */ let ledger;
		/** Published at the start, with durable poll cursors off. */
		/** @type {ReturnType<typeof matrixWorkflows>} */ let first;
		/** Published once durable poll cursors are on. */
		/** @type {ReturnType<typeof matrixWorkflows>} */ let later;
		/** The owner's REST session: publishing as the editor does. */
		/** @type {Awaited<ReturnType<typeof ownerSession>>} */ let rest;
		/** Start From → Since a Date of the trigger workflows: before anything they watch was made. */
		const startDate = DateTime.now()
			.setZone(LICENCE_ZONE)
			.minus({ hours: 1 })
			.toFormat("yyyy-MM-dd'T'HH:mm:ss");
		const MATRIX_CREDENTIAL = { id: 'affilboxMatrix', name: 'AffilBox sandbox (triggers)' };
		/** The same sandbox's API v2: the API v2 operations and the Invoice Trigger work against it. */
		const MATRIX_V2_CREDENTIAL = {
			id: 'affilboxMatrixV2',
			name: 'AffilBox sandbox (triggers, API v2)',
		};
		const invoiceWorkflow = () => invoiceTriggerWorkflow(MATRIX_V2_CREDENTIAL, receiver.url);
		/** How long one round of n8n's once-a-minute checks may take on a busy machine. */
		const ROUND_MS = 240_000;
		/** n8n gives up on an activation after 84 s (default lease); its publication ends well within this. */
		const SLOW_ACTIVATION_MS = 300_000;

		/** @param {{ durableCursors: boolean }} settings */
		async function startN8n(settings) {
			const started = Date.now();
			server = await n8n.start({ env: durableCursorEnv(settings.durableCursors) });
			timings[`n8n start (durable cursors ${settings.durableCursors ? 'on' : 'off'})`] =
				Date.now() - started;
			rest = await ownerSession(base, n8n.release);
		}

		/** @param {string} name @param {() => Promise<void>} step */
		async function matrixStep(name, step) {
			await timed(`triggers: ${name}`, step);
		}

		beforeAll(async () => {
			base = `http://127.0.0.1:${n8n.port}`;
			const examples = readExamples({ payoutDir });
			matrixSandbox = await startAffilBoxSandbox({ apiKey: AFFILBOX_KEY, timeZone: LICENCE_ZONE });
			await n8n.importCredentials([
				{
					...MATRIX_CREDENTIAL,
					type: 'affilBoxApi',
					data: { apiUrl: matrixSandbox.url, apiKey: AFFILBOX_KEY, timeZone: LICENCE_ZONE },
				},
				{ ...affilBoxSandboxV2Credential(matrixSandbox.url), ...MATRIX_V2_CREDENTIAL },
			]);
			receiver = await startReceiver();
			const options = {
				prefix: 'e2e',
				receiverUrl: receiver.url,
				credential: MATRIX_CREDENTIAL,
				startDate,
			};
			first = matrixWorkflows({ ...options, slot: 0 });
			later = matrixWorkflows({ ...options, slot: 1 });
			// The trigger workflows are published from the editor once n8n runs (below).
			await n8n.importWorkflow([
				...examples,
				...first.map((m) => m.workflow),
				...later.map((m) => m.workflow),
				slowActivationWorkflow(receiver.url, MATRIX_CREDENTIAL),
				apiV2OperationsWorkflow(MATRIX_V2_CREDENTIAL),
				invoiceWorkflow(),
			]);
			for (const workflow of examples) await n8n.publish(workflow.id);
			ledger = createLedger(matrixSandbox, receiver);
			await startN8n({ durableCursors: false });
			// Published from the editor: the Invoice Trigger lives through the matrix's restarts.
			await rest.publish(invoiceWorkflow().id);
			await rest.publish(apiV2OperationsWorkflow(MATRIX_V2_CREDENTIAL).id);
		}, 900_000);

		afterAll(async () => {
			await server?.stop();
			await matrixSandbox?.close();
			receiver?.close();
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

		it("Example 4: the Invoice Trigger took the unpaid invoices at activation; per invoice a bank payment order (placeholder) with the invoice's vs as the variable symbol, and a note", async () => {
			const example = readExamples().find((e) => e.id === 'exUnpaidInvoicePayment4');
			if (!example) throw new Error('no example 4 in examples/');
			const orderNode = example.nodes.find((node) => node.name.startsWith('Bank Payment Order'));
			expect(orderNode?.name).toMatch(/placeholder/i);
			const ran = await waitFor(
				async () =>
					(await rest.executionsOf(example.id)).find(
						(e) => e.status !== 'running' && e.status !== 'new',
					),
				ROUND_MS,
				'the execution of example 4 at activation',
			);
			expect(ran.status).toBe('success');
			const data = flattedOf(runtime).parse((await rest.execution(ran.id)).data);
			const orders = itemsOf(data, orderNode.name);
			const notes = itemsOf(data, 'Note for Accounting');
			const unpaid = seed.invoices.filter((invoice) => invoice.paid !== true);
			expect(unpaid.length).toBeGreaterThan(0);
			expect(orders).toHaveLength(unpaid.length);
			for (const invoice of unpaid) {
				const sum = [invoice.items].flat().reduce((total, item) => total + Number(item.amount), 0);
				expect(orders).toContainEqual({
					amount: expect.closeTo(sum, 2),
					currency: 'CZK',
					variableSymbol: invoice.vs,
					payee: invoice.supplier.name,
					payeeCompanyNumber: invoice.supplier.ic,
					payeeAccount: expect.stringContaining('REPLACE'),
					dueDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT00:00:00(\.000)?[+-]\d\d:\d\d$/),
					message: `Affiliate commission, invoice ${invoice.vs}`,
					invoiceId: invoice.id,
				});
				expect(notes).toContainEqual({
					note: expect.stringMatching(
						new RegExp(
							`^Payment order prepared: .+ CZK to .+, variable symbol ${invoice.vs}, due \\d{4}-\\d\\d-\\d\\d \\(AffilBox invoice ${invoice.id}\\)\\.$`,
						),
					),
					variableSymbol: invoice.vs,
					invoiceFile: expect.stringContaining(invoice.vs),
				});
			}
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
			const noted = DateTime.fromFormat(note.slice(-16), 'yyyy-MM-dd HH:mm', {
				zone: LICENCE_ZONE,
			});
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

		it('Example 5: the README call approves every conversion waiting longer than 30 days in one Change Many call, answers per conversion; a second call finds nothing to approve, nor does one with more days than a date can hold', async () => {
			const auth = { instance: AFFILBOX_V2_INSTANCE, key: AFFILBOX_KEY };
			const waiting = async () =>
				/** @type {Array<{ id: string, createDate: string }>} */ (
					(await callSandboxV2(affilbox.url, auth, 'conversions/list', { state: 'waiting' }))
						.conversion
				);
			const before = await waiting();
			const limit = DateTime.now().setZone(LICENCE_ZONE).minus({ days: 30 });
			const createdAt = (/** @type {string} */ date) =>
				DateTime.fromFormat(date.replace(/ (\d):/, ' 0$1:'), 'yyyy-MM-dd HH:mm:ss', {
					zone: LICENCE_ZONE,
				});
			const old = before.filter((c) => createdAt(c.createDate) < limit).map((c) => c.id);
			expect(old.length).toBeGreaterThan(1);

			const body = curlBodies.get('approve-waiting-conversions');
			expect(body).toEqual({ olderThanDays: 30 });
			const answer = await callWebhook('approve-waiting-conversions', body);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({
				ok: true,
				message: `${old.length} conversion(s) approved in AffilBox`,
				approved: old.length,
				conversions: expect.any(Array),
			});
			expect(
				[...answer.body.conversions].sort((a, b) => a.conversionId.localeCompare(b.conversionId)),
			).toEqual(
				[...old].sort().map((id) => ({
					conversionId: id,
					transactionId: expect.any(String),
					partner: expect.any(String),
					outcome: 'done',
					state: 'authorized',
				})),
			);
			// The sandbox's own state: those approved, the younger ones still waiting.
			const after = (await waiting()).map((c) => c.id);
			expect(after).toEqual(before.map((c) => c.id).filter((id) => !old.includes(id)));
			const changed = await callSandboxV2(affilbox.url, auth, 'conversions/list', {
				conversionsId: old,
			});
			expect(changed.conversion.map((/** @type {{ state: string }} */ c) => c.state)).toEqual(
				old.map(() => 'authorized'),
			);

			const again = await callWebhook('approve-waiting-conversions', body);
			expect(again).toEqual({
				status: 200,
				type: expect.stringContaining('application/json'),
				body: {
					ok: true,
					message: 'No conversion has been waiting longer than 30 days',
					approved: 0,
					conversions: [],
				},
			});

			// A number of days beyond luxon's range would make the date limit null (no filter at all):
			// counted as 3650, so a conversion created now stays waiting.
			await callAffilBox('AddConversion', {
				partner_id: 'jdvorak',
				campaign_id: 11,
				conversion_id: 'E2E-EX5-YOUNG',
				value: 10,
			});
			const young = await waiting();
			expect(young.map((c) => c.id)).toEqual(expect.arrayContaining(after));
			expect(young.length).toBe(after.length + 1);
			const huge = await callWebhook('approve-waiting-conversions', { olderThanDays: 1e9 });
			expect(huge.body).toEqual({
				ok: true,
				message: 'No conversion has been waiting longer than 3650 days',
				approved: 0,
				conversions: [],
			});
			expect(await waiting()).toEqual(young);
		});

		describe('both triggers, every Start From: each change fires exactly once', () => {
			// The global setup installed the n8n under test before this file loads.
			const release = releaseTraits(installedN8n());
			/** @type {ReturnType<typeof publishSlowActivation> | undefined} */ let slowActivation;

			const steps = () =>
				matrixSteps({
					sandbox: matrixSandbox,
					ledger,
					startDate,
					ms: ROUND_MS,
					publish: (id) => rest.publish(id),
					unpublish: (id) => rest.unpublish(id),
				});
			/** @param {boolean} durableCursors */
			const restartWithAChange = (durableCursors) =>
				steps().restartWithAChange(
					() => server.stop(),
					() => startN8n({ durableCursors }),
				);

			it('durable poll cursors off: what Start From says at the first checks; a change; republished, and restarted, each with a change meanwhile', async () => {
				if (release.hasPublicationDeadline) {
					// Runs meanwhile; its own test below reads the outcome.
					slowActivation = publishSlowActivation({
						sandbox: matrixSandbox,
						rest,
						ms: SLOW_ACTIVATION_MS,
					});
					slowActivation.catch(() => {});
				}
				await matrixStep('off: first checks', async () => {
					await ledger.prepare();
					await steps().publishAndAwaitFirstChecks(first);
				});
				await matrixStep('off: a change, then republished with a change', async () => {
					await steps().aChange();
					await steps().republishWithAChange(first);
				});
				await matrixStep('off: restarted, a change while n8n was down', () =>
					restartWithAChange(false),
				);
			}, 1_200_000);

			it('durable poll cursors on: switched on at a restart; published anew (n8n drops what their first check wrote), a change before their first scheduled check; republished; restarted: each change once, nothing twice', async () => {
				await matrixStep('on: switched on at a restart, a change while n8n was down', () =>
					restartWithAChange(true),
				);
				await matrixStep('on: published anew, a change before their first scheduled check', () =>
					steps().publishWithAChangeBeforeTheirFirstScheduledCheck(later),
				);
				await matrixStep('on: republished with a change', () =>
					steps().republishWithAChange([...first, ...later]),
				);
				await matrixStep('on: restarted, a change while n8n was down', () =>
					restartWithAChange(true),
				);
				const { fired, expected } = await timed('triggers: on: one more check of each', () =>
					steps().lastCheck(),
				);
				expect(fired).toEqual(expected);
			}, 1_800_000);

			const slowTitle = release.hasPublicationDeadline
				? 'a check at activation that cannot finish in time fails with the trigger’s own message, before n8n’s deadline'
				: `skipped: n8n ${release.version} has no activation deadline (it waits for the check as long as it takes)`;
			(release.hasPublicationDeadline ? it : it.skip)(slowTitle, async () => {
				if (!slowActivation)
					throw new Error('the slow activation was not started (it runs with the first test)');
				const { status, calls, elapsedMs } = await slowActivation;
				timings['slow activation: publication failed after'] = elapsedMs;
				expect(status.status).toBe('failed');
				expect(status.triggers).toEqual([
					expect.objectContaining({
						status: 'failed',
						errorMessage: expect.stringContaining(SLOW_MESSAGE),
					}),
				]);
				expect(status.triggers[0].errorMessage).not.toMatch(/exceeded its deadline/);
				// n8n retried the check 4 times; each retry failed at once, asking nothing.
				expect(calls).toBe(1);
			});
		});

		/**
		 * After the matrix: Partner → Create registers a partner in the matrix's sandbox, which its
		 * Partner Triggers would fire for.
		 */
		describe('AffilBox API v2 in n8n: every operation, and the Invoice Trigger', () => {
			it("one workflow runs Dashboard, Instance, Invoice Get Many (unpaid) and Get, Partner → Create and Conversion → Change Many against the sandbox: real answers, the partner's password and API key withheld, the conversions approved in one call", async () => {
				const conversion = (/** @type {string} */ id) =>
					matrixSandbox.store.conversions.find((c) => String(c.id) === id);
				expect([conversion('1005')?.state, conversion('1007')?.state]).toEqual([
					'waiting',
					'waiting',
				]);
				const unpaid = matrixSandbox.store.invoices
					.filter((invoice) => invoice.paid !== true)
					.map((invoice) => String(invoice.id));
				const changesBefore = matrixSandbox.v2Requests.filter(
					(r) => r.path === 'conversions/change',
				).length;

				const answer = await callWebhook(API_V2_WEBHOOK, {
					email: 'e2e.v2.partner@example.com',
					conversionIds: ['1005', '1007', '99999'],
				});
				expect(answer.status).toBe(200);
				const out = answer.body;
				expect(Object.keys(out).sort()).toEqual(Object.keys(API_V2_NODES).sort());
				expect(out.dashboard).toEqual([
					expect.objectContaining({
						uid: '57',
						clicks: 2310,
						conversions: 41,
						commission: 3120.75,
					}),
				]);
				expect(out.instance).toEqual([
					expect.objectContaining({
						domain: 'partneri.example.cz',
						currency: 'CZK',
						paymentMinimum: 1000,
						locked: false,
					}),
				]);
				expect(out.invoices.map((/** @type {{ id: string }} */ i) => i.id).sort()).toEqual(
					unpaid.sort(),
				);
				for (const invoice of out.invoices) {
					expect(invoice).toEqual(
						expect.objectContaining({
							paid: false,
							vs: expect.stringMatching(/^\d{10}$/),
							total: expect.any(Number),
							currency: 'CZK',
							created: expect.stringMatching(/[+-]\d\d:\d\d$/),
						}),
					);
				}
				expect(out.invoice).toEqual([out.invoices[0]]);
				expect(out.partner).toEqual([
					expect.objectContaining({
						login: expect.any(String),
						url: expect.any(String),
						passwordIssued: true,
						apiKeyIssued: true,
					}),
				]);
				expect(out.partner[0]).not.toHaveProperty('password');
				expect(out.partner[0]).not.toHaveProperty('apiKey');
				const log = fs.readFileSync(n8n.startLog, 'utf8');
				expect(matrixSandbox.v2IssuedSecrets.length).toBeGreaterThan(0);
				for (const secret of matrixSandbox.v2IssuedSecrets) {
					expect(JSON.stringify(out)).not.toContain(secret);
					expect(log).not.toContain(secret);
				}
				expect(out.changes).toEqual([
					expect.objectContaining({
						conversionId: '1005',
						outcome: 'done',
						stateAfter: 'authorized',
					}),
					expect.objectContaining({
						conversionId: '1007',
						outcome: 'done',
						stateAfter: 'authorized',
					}),
					{
						conversionId: '99999',
						outcome: 'notFound',
						stateRequested: 'authorized',
						stateAfter: null,
						conversion: null,
					},
				]);
				// One call for the three, and the sandbox's state changed.
				const changes = matrixSandbox.v2Requests.filter((r) => r.path === 'conversions/change');
				expect(changes).toHaveLength(changesBefore + 1);
				expect(changes.at(-1)?.params.conversionId).toEqual(['1005', '1007', '99999']);
				expect([conversion('1005')?.state, conversion('1007')?.state]).toEqual([
					'authorized',
					'authorized',
				]);
			});

			it('the Invoice Trigger, published all along (restarts included) and silent, fires a newly issued unpaid invoice (New Invoice), one issued already paid and one paid meanwhile (Invoice Paid), each once', async () => {
				const id = invoiceWorkflow().id;
				const fired = () =>
					receiver.received
						.filter((body) => body.workflow === id)
						.map((body) => `${String(body.id)}:${String(body.event)}`);
				const checks = () =>
					matrixSandbox.v2Requests.filter((r) => r.path === 'invoices/list').length;
				// From Now On: nothing while the invoices stayed as they were.
				expect(fired()).toEqual([]);
				expect(checks()).toBeGreaterThan(0);
				const started = Date.now();
				const issued = matrixSandbox.issueInvoice({ supplier: 'E2E Partner s.r.o.' });
				const issuedPaid = matrixSandbox.issueInvoice({ paid: true });
				const paidLater = String(
					matrixSandbox.store.invoices.find((i) => i.paid !== true && i !== issued)?.id,
				);
				matrixSandbox.payInvoice(paidLater);
				const expected = [
					`${issued.id}:New Invoice`,
					`${issuedPaid.id}:Invoice Paid`,
					`${paidLater}:Invoice Paid`,
				].sort();
				await waitFor(
					() => expected.every((key) => fired().includes(key)),
					ROUND_MS,
					`the Invoice Trigger to fire ${expected.join(', ')} (fired: ${fired().join(', ')})`,
				);
				timings['invoice trigger: issued → fired'] = Date.now() - started;
				// One more whole check: a repeat would come with it.
				const seen = checks();
				await waitFor(() => checks() > seen, ROUND_MS, 'one more check of the Invoice Trigger');
				expect(fired().sort()).toEqual(expected);
				timings['invoice trigger: issued → fired, and one more check'] = Date.now() - started;
			});
		});

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
						release: n8n.release,
						failures: work,
					});
				},
				600_000,
			);
		});
	});
});
