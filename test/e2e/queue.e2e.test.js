// @ts-check
'use strict';

/**
 * Both packages in n8n's queue mode (`npm run test:e2e:queue`): Redis and PostgreSQL from Debian's
 * packages, started here on free loopback ports with throw-away data; n8n 2.41.1 as one main
 * (`n8n start`) and two workers (`n8n worker`), each with both packages installed as community
 * packages in its own user folder. The sandboxes run inside this process, so the test reads their
 * own record of every call and change. Who ran an execution is read from the workers' logs, what it
 * did from n8n's execution records in PostgreSQL. Nothing here waits for a time: every wait is for
 * a condition, with a generous bound.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { XMLBuilder } = require('fast-xml-parser');

const { startAffeliosSandbox } = require('../sandbox/affelios');
const { startAffilBoxSandbox } = require('../sandbox/affilbox');
const { executionRecords, itemsOf } = require('./n8n/executionRecords');
const { EXPECTED_PAYOUTS, readExamples, readPayoutCsv } = require('./n8n/examples');
const { ensureN8n } = require('./n8n/install');
const { createQueueCluster } = require('./n8n/queueCluster');
const { readmeCurlBodies } = require('./n8n/readmeCurls');
const { AFFELIOS_KEY, AFFILBOX_KEY, LICENCE_ZONE } = require('./n8n/sandboxStack');
const { duration } = require('./n8n/time');
const { startPostgres } = require('./services/postgres');
const { startRedis } = require('./services/redis');

const TRIGGER_WORKFLOW = 'queueTrigger';
const TRIGGER_NODE = 'Conversion Changes';
/** The trigger watches one partner's conversions, so nothing else the test does reaches it. */
const TRIGGER_PARTNER = 'kveta';
const TRIGGER_CAMPAIGN = 11;
const BATCH_WORKFLOW = 'queueConfirmBatch';
const BATCH_ITEMS = 200;
const BATCH_CALLS = 8;
/** Each worker takes at most this many executions at once (`n8n worker --concurrency`). */
const WORKER_CONCURRENCY = 2;
const WAIT_MS = 300_000;

/** @type {Awaited<ReturnType<typeof startPostgres>>} */ let postgres;
/** @type {Awaited<ReturnType<typeof startRedis>>} */ let redis;
/** @type {Awaited<ReturnType<typeof startAffilBoxSandbox>>} */ let affilbox;
/** @type {Awaited<ReturnType<typeof startAffeliosSandbox>>} */ let affelios;
/** @type {Awaited<ReturnType<typeof createQueueCluster>>} */ let cluster;
/** @type {ReturnType<typeof executionRecords>} */ let records;
/** @type {string} */ let work;
/** @type {string} */ let payoutDir;
const timings = /** @type {Record<string, string>} */ ({});
const suiteStarted = Date.now();

/**
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} action
 */
async function timed(name, action) {
	const started = Date.now();
	const result = await action();
	timings[name] = duration(Date.now() - started);
	return result;
}

/**
 * Waits until `check()` gives a truthy value (and returns it), every second, failing after `ms`
 * with what it waited for.
 * @template T
 * @param {() => Promise<T> | T} check
 * @param {string} what
 * @param {number} [ms]
 * @returns {Promise<Exclude<T, false | null | undefined | '' | 0>>}
 */
async function waitFor(check, what, ms = WAIT_MS) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return /** @type {Exclude<T, false | null | undefined | '' | 0>} */ (value);
		if (Date.now() > deadline) throw new Error(`gave up after ${duration(ms)} waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** Calls the AffilBox sandbox as a client would (the XML document in form field `data`). */
async function affilboxCall(/** @type {string} */ method, /** @type {object} */ params) {
	const data = new XMLBuilder({}).build({ request: { key: AFFILBOX_KEY, method, ...params } });
	const response = await fetch(affilbox.url, {
		method: 'POST',
		body: new URLSearchParams({ data }),
	});
	const text = await response.text();
	if (!text.includes('<status>OK</status>')) throw new Error(`${method} failed: ${text}`);
}

/** The trigger under test: both events, one partner, n8n's shortest poll interval. */
function triggerWorkflow() {
	return {
		id: TRIGGER_WORKFLOW,
		name: 'queue: conversion changes',
		active: false,
		nodes: [
			{
				id: 'qt1',
				name: TRIGGER_NODE,
				type: 'n8n-nodes-affilbox.affilBoxTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } },
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: ['authorized', 'invoiced'],
					filters: { partnerId: TRIGGER_PARTNER },
					lookbackDays: 90,
					emitExistingOnFirstRun: false,
				},
			},
			{
				id: 'qt2',
				name: 'Fired',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [300, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Fired', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A webhook taking a batch of conversion IDs and approving each, one request at a time. */
function batchWorkflow() {
	return {
		id: BATCH_WORKFLOW,
		name: 'queue: confirm a batch',
		active: false,
		nodes: [
			{
				id: 'qb1',
				name: 'Batch',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: 'b3d5c1e2-7a4f-4f0e-9c61-queue-batch',
				parameters: {
					httpMethod: 'POST',
					path: 'confirm-batch',
					responseMode: 'lastNode',
					options: { responseData: 'allEntries' },
				},
			},
			{
				id: 'qb2',
				name: 'One Item per Conversion',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.conversions', options: {} },
			},
			{
				id: 'qb3',
				name: 'Approve',
				type: 'n8n-nodes-affilbox.affilBox',
				typeVersion: 1,
				position: [400, 0],
				credentials: { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } },
				parameters: {
					resource: 'conversion',
					operation: 'confirm',
					conversionId: '={{ $json.id }}',
					decision: 'approve',
					additionalFields: {},
					// One request at a time: at most one call in flight per execution (see the gate below).
					options: { requestsInParallel: 1 },
				},
			},
		],
		connections: {
			Batch: { main: [[{ node: 'One Item per Conversion', type: 'main', index: 0 }]] },
			'One Item per Conversion': { main: [[{ node: 'Approve', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** @param {string} webhookPath @param {unknown} body */
async function callWebhook(webhookPath, body) {
	const response = await fetch(`${cluster.base}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: /** @type {any} */ (await response.json()) };
}

/**
 * Calls a published workflow's webhook once n8n has registered it: the main serves before its
 * publication outbox has activated every workflow, and an unregistered path runs nothing.
 * @param {string} webhookPath @param {unknown} body
 */
async function callRegisteredWebhook(webhookPath, body) {
	return await waitFor(async () => {
		const answer = await callWebhook(webhookPath, body);
		const unregistered = answer.status === 404 && /not registered/.test(answer.body?.message ?? '');
		return !unregistered && answer;
	}, `n8n to register the webhook ${webhookPath}`);
}

/** @param {string} workflowId asserts every execution of the workflow ran on exactly one worker; returns how many each ran */
async function ranOnWorkers(workflowId) {
	const executions = await records.ofWorkflow(workflowId);
	const ran = cluster.whoRan();
	const perWorker = /** @type {Record<string, number>} */ ({});
	for (const execution of executions) {
		const workers = ran.get(execution.id) ?? [];
		if (workers.length !== 1)
			throw new Error(
				`execution ${execution.id} of ${workflowId} was started by ${workers.length} workers (${workers.join(', ')})`,
			);
		perWorker[`worker ${workers[0]}`] = (perWorker[`worker ${workers[0]}`] ?? 0) + 1;
	}
	return { executions, perWorker };
}

beforeAll(async () => {
	const runtime = await timed('n8n install (0 when cached)', () => ensureN8n());
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-queue-'));
	payoutDir = path.join(work, 'payouts');
	[postgres, redis] = await timed('postgres + redis up', () =>
		Promise.all([startPostgres({ database: 'n8n' }), startRedis({ folder: work })]),
	);
	affilbox = await startAffilBoxSandbox({ apiKey: AFFILBOX_KEY, timeZone: LICENCE_ZONE });
	affelios = await startAffeliosSandbox({ apiKey: AFFELIOS_KEY });
	records = executionRecords(postgres, runtime);
	cluster = await timed('pack, install in 3 user folders, import credentials', () =>
		createQueueCluster({
			runtime,
			folder: work,
			payoutDir,
			services: { redis, postgres },
			sandboxes: { affilbox, affelios },
			workers: 2,
			workerConcurrency: WORKER_CONCURRENCY,
		}),
	);
	const workflows = [...readExamples({ payoutDir }), triggerWorkflow(), batchWorkflow()];
	// The workers need no workflow to start: they come up while the main's CLI imports and
	// publishes (`import:workflow --activeState=fromJson` cannot: no owner exists to activate them).
	const workers = timed('2 workers up', () =>
		Promise.all([0, 1].map((index) => cluster.startWorker(index, { durableCursors: false }))),
	);
	workers.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
	await timed('import + publish workflows', async () => {
		await cluster.main.importWorkflow(workflows);
		// One CLI run per workflow, side by side: each is mostly n8n booting.
		await Promise.all(workflows.map((workflow) => cluster.main.publish(workflow.id)));
	});
	await timed('main up', () => cluster.startMain({ durableCursors: false }));
	await workers;
}, 900_000);

afterAll(async () => {
	await cluster?.stopAll();
	await Promise.all([redis?.stop(), postgres?.stop(), affilbox?.close(), affelios?.close()]);
	timings['whole suite'] = duration(Date.now() - suiteStarted);
	process.stdout.write(`queue-mode timings: ${JSON.stringify(timings)}\n`);
	if (!process.env.E2E_KEEP && work) fs.rmSync(work, { recursive: true, force: true });
}, 300_000);

describe('n8n in queue mode: a main, two workers, Redis and PostgreSQL', () => {
	it('runs the three examples on the workers: both webhooks answer, the payout CSV is right', async () => {
		const curlBodies = readmeCurlBodies();
		const approved = await callRegisteredWebhook(
			'payment-succeeded',
			curlBodies.get('payment-succeeded'),
		);
		expect(approved).toEqual({
			status: 200,
			body: expect.objectContaining({
				ok: true,
				transactionId: 'OBJ-2025-0002',
				state: 'authorized',
			}),
		});
		const crm = curlBodies.get('crm-new-customer');
		const created = await callRegisteredWebhook('crm-new-customer', crm);
		expect(created).toEqual({
			status: 200,
			body: expect.objectContaining({ ok: true, accepted: true, acceptedCount: crm.orders.length }),
		});
		// Example 2's trigger emits the invoiced conversions at activation; a worker writes the CSV.
		const csv = path.join(payoutDir, 'affiliate-payouts.csv');
		await waitFor(() => fs.existsSync(csv), 'example 2 to write the payout CSV');
		const sums = readPayoutCsv(payoutDir);
		expect(sums).toEqual(expect.arrayContaining(EXPECTED_PAYOUTS));
		expect(sums).toHaveLength(EXPECTED_PAYOUTS.length);

		// n8n's records: each example ran, successfully, on exactly one worker.
		for (const example of readExamples()) {
			const { executions, perWorker } = await waitFor(async () => {
				const found = await ranOnWorkers(example.id);
				return found.executions.length > 0 && found.executions.every((e) => e.finished) && found;
			}, `a finished execution of ${example.id}`);
			expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
			timings[`${example.id} ran on`] = JSON.stringify(perWorker);
		}
	});

	it(`${BATCH_ITEMS} Confirm Conversion items in ${BATCH_CALLS} executions over both workers change exactly ${BATCH_ITEMS} conversions`, async () => {
		const ids = Array.from(
			{ length: BATCH_ITEMS },
			(_, i) => `QUEUE-${String(i + 1).padStart(4, '0')}`,
		);
		for (const id of ids)
			await affilboxCall('AddConversion', {
				partner_id: 'zofie',
				campaign_id: 12,
				conversion_id: id,
				value: 10,
			});
		const before = affilbox.requests.length;
		// Three executions must have a call in flight at once before any is answered: with each worker
		// taking at most two executions, that needs both workers.
		const gate = affilbox.hold({
			count: WORKER_CONCURRENCY + 1,
			only: (request) => request.method === 'ConfirmConversion',
			boundMs: 240_000,
		});
		const perCall = BATCH_ITEMS / BATCH_CALLS;
		const answers = await timed(`${BATCH_ITEMS} items in ${BATCH_CALLS} webhook calls`, () =>
			Promise.all(
				Array.from({ length: BATCH_CALLS }, (_, call) =>
					callRegisteredWebhook('confirm-batch', {
						conversions: ids.slice(call * perCall, (call + 1) * perCall).map((id) => ({ id })),
					}),
				),
			),
		);
		expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
		expect(gate.held).toBe(WORKER_CONCURRENCY + 1);

		// The sandbox's own record: one ConfirmConversion per conversion, none twice, none lost.
		const confirmed = affilbox.requests
			.slice(before)
			.filter((request) => request.method === 'ConfirmConversion')
			.map((request) => request.params.conversion_id);
		expect(confirmed).toHaveLength(BATCH_ITEMS);
		expect(new Set(confirmed)).toEqual(new Set(ids));
		const states = affilbox.store.conversions
			.filter((c) => ids.includes(c.transactionId))
			.map((c) => c.state);
		expect(states).toEqual(ids.map(() => 'authorized'));

		const { executions, perWorker } = await ranOnWorkers(BATCH_WORKFLOW);
		expect(executions).toHaveLength(BATCH_CALLS);
		expect(Object.keys(perWorker).sort()).toEqual(['worker 1', 'worker 2']);
		timings[`${BATCH_WORKFLOW} executions per worker`] = JSON.stringify(perWorker);
	});

	describe('the AffilBox Trigger, active on the main, fires each change exactly once', () => {
		/** @type {string[]} every (conversion, event) the sandbox changes should fire, in order */
		const expected = [];
		let step = 0;

		/** A new conversion of the watched partner gets authorized; the one before it gets invoiced. */
		async function changeSandbox() {
			step += 1;
			const id = `TRIGGER-${step}`;
			await affilboxCall('AddConversion', {
				partner_id: TRIGGER_PARTNER,
				campaign_id: TRIGGER_CAMPAIGN,
				conversion_id: id,
				value: 100 + step,
			});
			await affilboxCall('ConfirmConversion', { conversion_id: id, value: 'true' });
			expected.push(`${id} authorized`);
			if (step > 1) {
				await affilboxCall('UpdateConversion', {
					conversion_id: `TRIGGER-${step - 1}`,
					state: 'invoiced',
				});
				expected.push(`TRIGGER-${step - 1} invoiced`);
			}
		}

		/** Every (conversion, event) the trigger's executions carry, as n8n recorded them. */
		async function fired() {
			const executions = await records.ofWorkflow(TRIGGER_WORKFLOW);
			return executions.flatMap((execution) =>
				itemsOf(execution.data, TRIGGER_NODE).map((item) => `${item.transactionId} ${item.event}`),
			);
		}

		async function waitUntilFired() {
			await waitFor(
				async () => {
					const seen = new Set(await fired());
					return expected.every((pair) => seen.has(pair));
				},
				`the trigger to fire ${expected.join(', ')}`,
			);
			expect((await fired()).sort()).toEqual([...expected].sort());
		}

		/** How many checks the trigger has made so far (one GetConversions per event and check; a main
		 * stopped halfway through a check may leave half of one). */
		function triggerChecks() {
			const calls = affilbox.requests.filter(
				(request) =>
					request.method === 'GetConversions' && request.params.partner_id === TRIGGER_PARTNER,
			).length;
			return Math.floor(calls / 2);
		}

		it('durable poll cursors off: across a restart of a worker and of the main', async () => {
			await waitFor(() => triggerChecks() >= 1, 'the activation check');
			await changeSandbox();
			await timed('off: first change fired', waitUntilFired);

			// A change while worker 1 restarts: the other worker, or the restarted one, runs it.
			await changeSandbox();
			await timed('off: worker 1 restarted', async () => {
				await cluster.stopWorker(0);
				await cluster.startWorker(0, { durableCursors: false });
			});
			await timed('off: change during worker restart fired', waitUntilFired);

			// A change while the main is down: the check at activation after the restart fires it.
			await cluster.stopMain();
			await changeSandbox();
			await timed('off: main restarted', () => cluster.startMain({ durableCursors: false }));
			await timed('off: change during main restart fired', waitUntilFired);
		});

		it('durable poll cursors on: across a restart of the main and of a worker', async () => {
			// Switching the cursors on is itself a restart of the main (worker 2 restarts alongside).
			// n8n then keeps the trigger's state in its own poller store, so the first scheduled check
			// takes a new baseline (docs/queue-mode.md); the sandbox is left alone until that check is made.
			await cluster.stopMain();
			const checksBefore = triggerChecks();
			await timed('on: main and worker 2 restarted', () =>
				Promise.all([
					cluster.startMain({ durableCursors: true }),
					cluster.stopWorker(1).then(() => cluster.startWorker(1, { durableCursors: true })),
				]),
			);
			await timed('on: two checks made', () =>
				waitFor(() => triggerChecks() >= checksBefore + 2, 'two checks with durable cursors on'),
			);
			await changeSandbox();
			await timed('on: change fired', waitUntilFired);

			// A change while the main is down.
			await cluster.stopMain();
			await changeSandbox();
			await timed('on: main restarted', () => cluster.startMain({ durableCursors: true }));
			await timed('on: change during main restart fired', waitUntilFired);
			// A duplicate would come with a later check: one more check, and still each pair once.
			const checksAfter = triggerChecks();
			await waitFor(() => triggerChecks() > checksAfter, 'one more check');
			expect((await fired()).sort()).toEqual([...expected].sort());

			// Every execution of the trigger ran, successfully, on exactly one worker.
			const { executions, perWorker } = await ranOnWorkers(TRIGGER_WORKFLOW);
			expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
			timings['trigger executions per worker'] = JSON.stringify(perWorker);
			timings['trigger checks'] = String(triggerChecks());
		});
	});
});
