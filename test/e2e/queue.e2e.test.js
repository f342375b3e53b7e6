// @ts-check
'use strict';

/**
 * Both packages in n8n's queue mode (`npm run test:e2e:queue`): Redis and PostgreSQL from Debian's
 * packages, started here on free loopback ports with throw-away data; n8n 2.41.1 as one main
 * (`n8n start`) and two workers (`n8n worker`), each with both packages installed as community
 * packages in its own user folder. The sandboxes run inside this process, so the test reads their
 * own record of every call and change, and holds calls at their door to act at a known point (a
 * barrier, never a sleep). Who ran an execution is read from the workers' logs, what it did from
 * n8n's execution records in PostgreSQL. Every wait is for a condition, with a generous bound.
 */
const fs = require('node:fs');
const util = require('node:util');
const os = require('node:os');
const path = require('node:path');

const { DateTime } = require('luxon');

const { startAffeliosSandbox } = require('../support/sandbox/affelios');
const { startAffilBoxSandbox } = require('../support/sandbox/affilbox');
const { executionRecords, itemsOf } = require('./n8n/executionRecords');
const { EXPECTED_PAYOUTS, readExamples, readPayoutCsv } = require('./n8n/examples');
const { ensureN8n } = require('./n8n/install');
const { sampleRss } = require('./n8n/memory');
const { createQueueCluster } = require('./n8n/queueCluster');
const { readmeCurlBodies } = require('./n8n/readmeCurls');
const { releaseTraits } = require('./n8n/releaseTraits');
const { ownerSession } = require('./n8n/rest');
const { AFFELIOS_KEY, AFFILBOX_KEY, LICENCE_ZONE } = require('./n8n/sandboxStack');
const { duration } = require('./n8n/time');
const {
	createLedger,
	firedKey,
	matrixSteps,
	matrixWorkflows,
	TRIGGER_NAMES,
} = require('./n8n/triggerMatrix');
const { callSandbox, startReceiver, waitFor: waitUntil } = require('./n8n/watch');
const { startPostgres } = require('./services/postgres');
const { startRedis } = require('./services/redis');

const BATCH_WORKFLOW = 'queueConfirmBatch';
const BATCH_ITEMS = 200;
const BATCH_CALLS = 8;
/** Each worker takes at most this many executions at once (`n8n worker --concurrency`). */
const WORKER_CONCURRENCY = 2;
/** Executions in flight when both workers are full. */
const IN_FLIGHT = 2 * WORKER_CONCURRENCY;
const CRASH_WORKFLOW = 'queueCrashBatch';
const CRASH_TRIGGER_WORKFLOW = 'queueCrashTrigger';
/** The partner of the crash batch's conversions and bonuses, and of the crash trigger's. */
const CRASH_PARTNER = 'zofie';
const CRASH_TRIGGER_PARTNER = 'petr.novak';
/** The item of each batch at which its execution is held (so every one is part way). */
const HELD_ITEM = 11;
const LOAD_CALLERS = 20;
const LOAD_REQUESTS = 200;
const WAIT_MS = 300_000;
/** How long one round of n8n's once-a-minute checks may take on a busy machine. */
const ROUND_MS = 300_000;
const MATRIX_CREDENTIAL = { id: 'affilboxSandbox', name: 'AffilBox sandbox' };

/** @type {Awaited<ReturnType<typeof startPostgres>>} */ let postgres;
/** @type {Awaited<ReturnType<typeof startRedis>>} */ let redis;
/** @type {Awaited<ReturnType<typeof startAffilBoxSandbox>>} */ let affilbox;
/** @type {Awaited<ReturnType<typeof startAffeliosSandbox>>} */ let affelios;
/** @type {Awaited<ReturnType<typeof createQueueCluster>>} */ let cluster;
/** @type {ReturnType<typeof executionRecords>} */ let records;
/** A run to look into: its folder stays (see explainMismatch). */ let keepWork = false;
/** When each timed step began, for placing what n8n recorded against the test's steps. */
const stepsBegun = /** @type {string[]} */ ([]);
/** @type {Awaited<ReturnType<typeof ownerSession>>} */ let rest;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */ let receiver;
/** @type {ReturnType<typeof releaseTraits>} */ let release;
/** @type {string} */ let work;
/** @type {string} */ let payoutDir;
const timings = /** @type {Record<string, string>} */ ({});
/** What was observed of each fault, printed at the end for the README's queue-mode section. */
const observed = /** @type {Record<string, unknown>} */ ({});
const suiteStarted = Date.now();
/** Start From → Since a Date of the trigger workflows: before anything they watch was made. */
const startDate = DateTime.now()
	.setZone(LICENCE_ZONE)
	.minus({ hours: 1 })
	.toFormat("yyyy-MM-dd'T'HH:mm:ss");

/**
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} action
 */
async function timed(name, action) {
	const started = Date.now();
	stepsBegun.push(`${new Date(started).toISOString()} ${name}`);
	const result = await action();
	timings[name] = duration(Date.now() - started);
	return result;
}

/**
 * Waits until `check()` gives a truthy value (and returns it), failing after `ms` with what it
 * waited for.
 * @template T
 * @param {() => Promise<T> | T} check
 * @param {string} what
 * @param {number} [ms]
 */
async function waitFor(check, what, ms = WAIT_MS) {
	return await waitUntil(check, ms, what);
}

/** Calls the AffilBox sandbox as a client would. @param {string} method @param {object} params */
const affilboxCall = (method, params) => callSandbox(affilbox.url, AFFILBOX_KEY, method, params);

const credentials = { affilBoxApi: MATRIX_CREDENTIAL };

/** @param {string} id @param {string} name @param {object[]} nodes @param {object} connections */
const workflowOf = (id, name, nodes, connections) => ({
	id,
	name,
	active: false,
	nodes,
	connections,
	settings: { executionOrder: 'v1' },
	pinData: {},
});

/** @param {...string} names a chain of nodes, each feeding the next */
function chain(...names) {
	return Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
}

/** @param {string} id @param {string} path @param {string} webhookId */
function batchWebhook(id, path, webhookId) {
	return [
		{
			id: `${id}1`,
			name: 'Batch',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId,
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				options: { responseData: 'allEntries' },
			},
		},
		{
			id: `${id}2`,
			name: 'One Item per Conversion',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.conversions', options: {} },
		},
	];
}

/** @param {string} id @param {string} name @param {number} x @param {Record<string, unknown>} parameters */
function affilboxNode(id, name, x, parameters) {
	return {
		id,
		name,
		type: 'n8n-nodes-affilbox.affilBox',
		typeVersion: 1,
		position: [x, 0],
		credentials,
		// One request at a time: at most one call in flight per execution (see the gates below).
		parameters: { options: { requestsInParallel: 1 }, ...parameters },
	};
}

/** A batch its caller may send again: what is done already is looked up and left as it is. */
const SENT_AGAIN_SAFE = { requestsInParallel: 1, skipIfAlreadyDone: true };

const approve = (/** @type {string} */ id) => ({
	resource: 'conversion',
	operation: 'confirm',
	conversionId: `={{ $json.${id} }}`,
	decision: 'approve',
	additionalFields: {},
});

/** A webhook taking a batch of conversion IDs and approving each. */
function batchWorkflow() {
	return workflowOf(
		BATCH_WORKFLOW,
		'queue: confirm a batch',
		[
			...batchWebhook('qb', 'confirm-batch', 'b3d5c1e2-7a4f-4f0e-9c61-queue-batch'),
			affilboxNode('qb3', 'Approve', 400, approve('id')),
		],
		chain('Batch', 'One Item per Conversion', 'Approve'),
	);
}

/**
 * A webhook taking new orders: each becomes a conversion, is approved, and earns a bonus; Add and
 * Approve skip what is done already (Options → Skip If Already Done), so that the caller may send
 * a batch again.
 */
function crashBatchWorkflow() {
	return workflowOf(
		CRASH_WORKFLOW,
		'queue: add, approve, credit a batch',
		[
			...batchWebhook('qc', 'add-approve-credit', 'c4e6d2f3-8b5a-4a1f-8d72-queue-crash'),
			affilboxNode('qc3', 'Add Conversion', 400, {
				resource: 'conversion',
				operation: 'add',
				partnerId: CRASH_PARTNER,
				campaignId: '12',
				conversionId: '={{ $json.id }}',
				value: 10,
				additionalFields: {},
				options: SENT_AGAIN_SAFE,
			}),
			affilboxNode('qc4', 'Approve', 600, {
				...approve('transactionId'),
				options: SENT_AGAIN_SAFE,
			}),
			affilboxNode('qc5', 'Credit Bonus', 800, {
				resource: 'bonus',
				operation: 'add',
				partnerId: CRASH_PARTNER,
				text: '=Bonus for {{ $json.transactionId }}',
				value: 1,
			}),
		],
		chain('Batch', 'One Item per Conversion', 'Add Conversion', 'Approve', 'Credit Bonus'),
	);
}

/** A trigger whose executions look each approved conversion up, then tell the test. */
function crashTriggerWorkflow() {
	return workflowOf(
		CRASH_TRIGGER_WORKFLOW,
		'queue: approved conversions, looked up',
		[
			{
				id: 'qt1',
				name: 'Approved',
				type: 'n8n-nodes-affilbox.affilBoxTrigger',
				typeVersion: 4,
				position: [0, 0],
				credentials,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: ['authorized'],
					filters: { partnerId: { __rl: true, mode: 'id', value: CRASH_TRIGGER_PARTNER } },
				},
			},
			affilboxNode('qt2', 'Look Up', 300, {
				resource: 'conversion',
				operation: 'get',
				conversionId: '={{ $json.transactionId }}',
			}),
			{
				id: 'qt3',
				name: 'Tell the test',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [600, 0],
				parameters: {
					method: 'POST',
					url: receiver.url,
					sendBody: true,
					bodyParameters: {
						parameters: [
							{ name: 'transactionId', value: '={{ $json.transactionId }}' },
							{ name: 'workflow', value: CRASH_TRIGGER_WORKFLOW },
						],
					},
					options: {},
				},
			},
		],
		chain('Approved', 'Look Up', 'Tell the test'),
	);
}

/** @param {string} webhookPath @param {unknown} body @param {AbortSignal} [signal] */
async function callWebhook(webhookPath, body, signal) {
	const response = await fetch(`${cluster.base}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
		signal,
	});
	const text = await response.text();
	/** @type {any} */
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: kept as text
	}
	return { status: response.status, body: parsed };
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

/**
 * A webhook call whose answer may never come (its execution dies): what came back, or the error.
 * @param {string} webhookPath @param {unknown} body
 */
async function callNoMatterWhat(webhookPath, body) {
	try {
		return await callWebhook(webhookPath, body, AbortSignal.timeout(WAIT_MS));
	} catch (error) {
		return { status: 0, body: `no answer: ${/** @type {Error} */ (error).cause ?? error}` };
	}
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

/** @param {string} prefix @param {number} count @returns {string[]} */
const idsOf = (prefix, count) =>
	Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);

/** @param {string} method @param {(id: string) => boolean} ofId how many calls of `method` the sandbox got per conversion */
function callsPerConversion(method, ofId) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const request of affilbox.requests) {
		const id = request.params.conversion_id;
		if (request.method === method && id && ofId(id)) counts[id] = (counts[id] ?? 0) + 1;
	}
	return counts;
}

/** @param {string[]} ids @param {string} method every id called exactly once */
function expectOnceEach(ids, method) {
	const counts = callsPerConversion(method, (id) => ids.includes(id));
	expect(Object.keys(counts).sort()).toEqual([...ids].sort());
	expect(Object.entries(counts).filter(([, count]) => count !== 1)).toEqual([]);
}

/** Adds waiting conversions of a partner, as a shop's tracking would. @param {string[]} ids @param {string} partner */
async function addConversions(ids, partner) {
	for (const id of ids)
		await affilboxCall('AddConversion', {
			partner_id: partner,
			campaign_id: 12,
			conversion_id: id,
			value: 10,
		});
}

/** @param {string[]} ids @param {number} calls the batches of a webhook body, `calls` of them */
function batchesOf(ids, calls) {
	const size = ids.length / calls;
	return Array.from({ length: calls }, (_, call) => ({
		conversions: ids.slice(call * size, (call + 1) * size).map((id) => ({ id })),
	}));
}

/** Waits until none of the workflow's executions is still new or running, and returns them. @param {string} workflowId @param {number} count */
async function settledExecutions(workflowId, count) {
	return await waitFor(async () => {
		const executions = await records.ofWorkflow(workflowId);
		const settled =
			executions.length >= count &&
			executions.every((e) => !['new', 'running', 'waiting'].includes(e.status));
		return settled && executions;
	}, `${count} executions of ${workflowId} to end (n8n marks one whose worker died as crashed)`);
}

/**
 * Retries, as a user would from the execution list, each of these executions that did not succeed;
 * returns the retried executions with how their retry ended.
 * @param {Array<{ id: string, status: string }>} executions
 */
async function retryUnsuccessful(executions) {
	const retried = [];
	for (const execution of executions.filter((e) => e.status !== 'success')) {
		let outcome;
		try {
			const answer = await rest.retryExecution(execution.id);
			outcome = { status: answer?.status ?? 'answered', mode: answer?.mode };
		} catch (error) {
			outcome = { status: 'refused', error: /** @type {Error} */ (error).message.slice(0, 300) };
		}
		retried.push({ of: execution.id, was: execution.status, ...outcome });
	}
	return retried;
}

beforeAll(async () => {
	const runtime = await timed('n8n install (0 when cached)', () => ensureN8n());
	release = releaseTraits(runtime);
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-queue-'));
	payoutDir = path.join(work, 'payouts');
	[postgres, redis] = await timed('postgres + redis up', () =>
		Promise.all([startPostgres({ database: 'n8n' }), startRedis({ folder: work })]),
	);
	affilbox = await startAffilBoxSandbox({ apiKey: AFFILBOX_KEY, timeZone: LICENCE_ZONE });
	affelios = await startAffeliosSandbox({ apiKey: AFFELIOS_KEY });
	receiver = await startReceiver();
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
			// The main looks for executions whose worker died every minute (default: every 3 hours).
			mainEnv: { N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1' },
		}),
	);
	const published = [
		...readExamples({ payoutDir }),
		batchWorkflow(),
		crashBatchWorkflow(),
		crashTriggerWorkflow(),
	];
	const options = {
		prefix: 'queue',
		receiverUrl: receiver.url,
		credential: MATRIX_CREDENTIAL,
		startDate,
	};
	matrix.first = matrixWorkflows({ ...options, slot: 0 });
	matrix.later = matrixWorkflows({ ...options, slot: 1 });
	// The workers need no workflow to start: they come up while the main's CLI imports and
	// publishes (`import:workflow --activeState=fromJson` cannot: no owner exists to activate them).
	const workers = timed('2 workers up', () =>
		Promise.all([0, 1].map((index) => cluster.startWorker(index, { durableCursors: false }))),
	);
	workers.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
	await timed('import + publish workflows', async () => {
		await cluster.main.importWorkflow([
			...published,
			...matrix.first.map((m) => m.workflow),
			...matrix.later.map((m) => m.workflow),
		]);
		// One CLI run per workflow, side by side: each is mostly n8n booting. The trigger workflows
		// of the matrix are published from the editor once the main runs.
		await Promise.all(published.map((workflow) => cluster.main.publish(workflow.id)));
	});
	await timed('main up', () => startMain(false));
	await workers;
}, 900_000);

/** @param {boolean} durableCursors */
async function startMain(durableCursors) {
	await cluster.startMain({ durableCursors });
	rest = await ownerSession(cluster.base, release);
}

afterAll(async () => {
	await cluster?.stopAll();
	await Promise.all([redis?.stop(), postgres?.stop(), affilbox?.close(), affelios?.close()]);
	receiver?.close();
	timings['whole suite'] = duration(Date.now() - suiteStarted);
	process.stdout.write(`queue-mode timings: ${JSON.stringify(timings)}\n`);
	process.stdout.write(`queue-mode faults, as observed: ${JSON.stringify(observed, null, 1)}\n`);
	if (!process.env.E2E_KEEP && !keepWork && work) fs.rmSync(work, { recursive: true, force: true });
}, 300_000);

/**
 * What a run that fired something twice (or missed it) leaves for finding the cause: per workflow
 * that differs, its executions (id, mode, start, what the trigger put out) and the main's starts and
 * log lines naming it, so the check that sent something again can be placed; the suite's folder
 * (every n8n's log) is kept.
 * @param {Record<string, string[]>} fired @param {Record<string, string[]>} expected
 */
async function explainMismatch(fired, expected) {
	keepWork = true;
	const mainLog = fs.existsSync(cluster.main.startLog)
		? fs.readFileSync(cluster.main.startLog, 'utf8').split('\n')
		: [];
	for (const id of Object.keys(expected)) {
		if (util.isDeepStrictEqual(fired[id], expected[id])) continue;
		const workflow = [...matrix.first, ...matrix.later].find((one) => one.id === id);
		const trigger = workflow ? TRIGGER_NAMES[workflow.kind] : '';
		const executions = (await records.ofWorkflow(id)).map((execution) => {
			const started = execution.data?.resultData?.runData?.[trigger]?.[0]?.startTime;
			const at = started ? new Date(started).toISOString() : '?';
			const items = itemsOf(execution.data, trigger).map(firedKey);
			return `${execution.id} ${execution.mode} ${execution.status} ${at} ${items.join(' ')}`;
		});
		// The main logs at info: its starts and what it says of this workflow (warnings, errors).
		const checks = mainLog.filter((line) => line.startsWith('--- n8n start') || line.includes(id));
		process.stdout.write(
			`${id} fired ${JSON.stringify(fired[id])}, must have ${JSON.stringify(expected[id])}\n` +
				`  its executions:\n    ${executions.join('\n    ')}\n` +
				`  the main's log, its starts and lines naming the workflow:\n    ${checks.join('\n    ')}\n`,
		);
	}
	process.stdout.write(`the suite's steps began:\n    ${stepsBegun.join('\n    ')}\n`);
	process.stdout.write(`every n8n's log kept in ${work}\n`);
}

/** The matrix's two generations of trigger workflows (both triggers × every Start From). */
const matrix =
	/** @type {{ first: ReturnType<typeof matrixWorkflows>, later: ReturnType<typeof matrixWorkflows> }} */ ({});

describe('n8n in queue mode: a main, two workers, Redis and PostgreSQL', () => {
	it('runs the examples on the workers: the webhooks answer, the payout CSV is right, every example ran', async () => {
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
		const approvedMany = await callRegisteredWebhook(
			'approve-waiting-conversions',
			curlBodies.get('approve-waiting-conversions'),
		);
		expect(approvedMany).toEqual({
			status: 200,
			body: expect.objectContaining({ ok: true, approved: expect.any(Number) }),
		});
		expect(approvedMany.body.approved).toBeGreaterThan(0);
		// Examples 2 and 4: their triggers emit what is there at activation (invoiced conversions, unpaid invoices); a worker writes the CSV.
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
		const ids = idsOf('QUEUE', BATCH_ITEMS);
		await addConversions(ids, CRASH_PARTNER);
		// Three executions must have a call in flight at once before any is answered: with each worker
		// taking at most two executions, that needs both workers.
		const gate = affilbox.hold({
			count: WORKER_CONCURRENCY + 1,
			only: (request) =>
				request.method === 'ConfirmConversion' && /^QUEUE-/.test(request.params.conversion_id),
			boundMs: 240_000,
		});
		const answers = await timed(`${BATCH_ITEMS} items in ${BATCH_CALLS} webhook calls`, () =>
			Promise.all(
				batchesOf(ids, BATCH_CALLS).map((body) => callRegisteredWebhook('confirm-batch', body)),
			),
		);
		expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
		expect(gate.held).toBe(WORKER_CONCURRENCY + 1);
		// The sandbox's own record: one ConfirmConversion per conversion, none twice, none lost.
		expectOnceEach(ids, 'ConfirmConversion');
		const states = affilbox.store.conversions
			.filter((c) => ids.includes(c.transactionId))
			.map((c) => c.state);
		expect(states).toEqual(ids.map(() => 'authorized'));

		const { executions, perWorker } = await ranOnWorkers(BATCH_WORKFLOW);
		expect(executions).toHaveLength(BATCH_CALLS);
		expect(Object.keys(perWorker).sort()).toEqual(['worker 1', 'worker 2']);
		timings[`${BATCH_WORKFLOW} executions per worker`] = JSON.stringify(perWorker);
	});

	it(`${LOAD_CALLERS} callers at once, ${LOAD_REQUESTS} payments to example 1: every call answered, every conversion approved once`, async () => {
		const ids = idsOf('LOAD', LOAD_REQUESTS);
		await addConversions(ids, CRASH_PARTNER);
		const memory = sampleRss(cluster.processGroups());
		let next = 0;
		const answers = /** @type {Array<{ status: number, body: any }>} */ ([]);
		await timed(`load: ${LOAD_REQUESTS} calls from ${LOAD_CALLERS} callers`, () =>
			Promise.all(
				Array.from({ length: LOAD_CALLERS }, async () => {
					while (next < ids.length) {
						const orderId = ids[next++];
						answers.push(await callWebhook('payment-succeeded', { orderId, provider: 'card' }));
					}
				}),
			),
		);
		observed['load: RSS of each process group (MiB), before, at its peak, after'] = memory.stop();
		expect(answers).toHaveLength(LOAD_REQUESTS);
		expect(answers.filter((answer) => answer.status !== 200 || answer.body?.ok !== true)).toEqual(
			[],
		);
		expect(answers.map((answer) => answer.body.transactionId).sort()).toEqual([...ids].sort());
		expectOnceEach(ids, 'ConfirmConversion');
		const { perWorker } = await ranOnWorkers('exPaymentConfirm1');
		observed['load: executions of example 1 per worker (with the earlier call)'] = perWorker;
	});

	describe('faults, each with what n8n does', () => {
		it('a worker killed (SIGKILL) in the middle of a batch and of a trigger’s items: n8n fails both executions and keeps nothing of them; sent again, the batch is added, approved and credited once each, none lost; the trigger fires nothing twice', async () => {
			const ids = idsOf('CRASH', BATCH_ITEMS);
			const batches = batchesOf(ids, BATCH_CALLS);
			const heldIds = new Set(batches.map((b) => b.conversions[HELD_ITEM].id));
			const triggerId = 'CRASH-TRIGGER-1';
			await affilboxCall('AddConversion', {
				partner_id: CRASH_TRIGGER_PARTNER,
				campaign_id: 11,
				conversion_id: triggerId,
				value: 10,
			});
			// Let the trigger's check see it waiting first, so that its approval is what fires.
			const checks = () =>
				affilbox.requests.filter(
					(r) => r.method === 'GetConversions' && r.params.partner_id === CRASH_TRIGGER_PARTNER,
				).length;
			const before = checks();
			await waitFor(() => checks() > before, 'a check of the crash trigger', ROUND_MS);
			// The barrier: the trigger's look-up and the held item of every batch wait at the door
			// (a count that never comes: the test opens it).
			const gate = affilbox.hold({
				count: 999,
				boundMs: 900_000,
				only: (r) =>
					(r.method === 'GetConversion' && r.params.conversion_id === triggerId) ||
					(r.method === 'ConfirmConversion' && heldIds.has(r.params.conversion_id)),
			});
			await affilboxCall('ConfirmConversion', { conversion_id: triggerId, value: 'true' });
			await timed('crash: the trigger fired, its execution is held', () => gate.whenWaiting(1));
			const calls = batches.map((body) => callNoMatterWhat('add-approve-credit', body));
			// Both workers full: the trigger's execution and three batches, each held part way.
			await timed('crash: both workers full, every execution held', () =>
				gate.whenWaiting(IN_FLIGHT),
			);
			const [triggerExecution] = await records.ofWorkflow(CRASH_TRIGGER_WORKFLOW);
			const victim = (cluster.whoRan().get(triggerExecution.id) ?? [])[0];
			expect(victim).toBeDefined();
			await cluster.killWorker(victim - 1);
			gate.release();
			const answers = await timed(
				'crash: the other worker ran the rest; webhook callers answered',
				() => Promise.all(calls),
			);
			await cluster.startWorker(victim - 1, { durableCursors: false });
			const executions = await timed('crash: n8n settled the dead worker’s executions', () =>
				settledExecutions(CRASH_WORKFLOW, BATCH_CALLS),
			);
			const trigger = await settledExecutions(CRASH_TRIGGER_WORKFLOW, 1);
			const failed = [...executions, ...trigger].filter((e) => e.status !== 'success');
			observed['worker killed: webhook callers got'] = answers.map((a) => [a.status, a.body]);
			observed['worker killed: executions, as n8n recorded them'] = [...executions, ...trigger].map(
				(e) => e.status,
			);
			observed['worker killed: what n8n recorded of a failed one'] = failed.map((e) => ({
				error: e.data?.resultData?.error?.message,
				nodesRun: Object.keys(e.data?.resultData?.runData ?? {}),
				nodesToRun: e.data?.executionData?.nodeExecutionStack?.length ?? 0,
			}));
			// The dead worker's two executions: one batch and the trigger's.
			expect(failed).toHaveLength(2);
			const lost = answers.findIndex((a) => a.status !== 200);
			expect(answers.filter((a) => a.status !== 200)).toHaveLength(1);

			// The user retries the failed executions from n8n's execution list.
			const sentBefore = affilbox.requests.length;
			observed['worker killed: the user’s Retry of each'] = await timed('crash: retried', () =>
				retryUnsuccessful(failed),
			);
			observed['worker killed: AffilBox calls those retries made'] = affilbox.requests
				.slice(sentBefore)
				.map((r) => r.method);
			// The webhook's caller got HTTP 500 and sends its batch again (as a shop does).
			const again = await timed('crash: the failed batch sent again', () =>
				callWebhook('add-approve-credit', batches[lost]),
			);
			expect(again.status).toBe(200);

			// Each conversion added once and approved once, none lost; each bonus credited once.
			expectOnceEach(ids, 'AddConversion');
			expectOnceEach(ids, 'ConfirmConversion');
			expect(
				affilbox.store.conversions.filter((c) => ids.includes(c.transactionId)).map((c) => c.state),
			).toEqual(ids.map(() => 'authorized'));
			const bonuses = affilbox.store.bonuses
				.filter((b) => /^Bonus for CRASH-/.test(b.text))
				.map((b) => b.text.slice('Bonus for '.length));
			expect(bonuses.sort()).toEqual([...ids].sort());
			// The trigger's item: fired once (never again), and lost with the execution it went to.
			const fired = (await records.ofWorkflow(CRASH_TRIGGER_WORKFLOW)).flatMap((e) =>
				e.mode === 'retry' ? [] : itemsOf(e.data, 'Approved').map((item) => item.transactionId),
			);
			observed['worker killed: the trigger’s item reached the end of its workflow'] = receiver
				.values('transactionId')
				.filter((id) => id === triggerId).length;
			expect(
				receiver.values('transactionId').filter((id) => id === triggerId).length,
			).toBeLessThanOrEqual(1);
			expect(fired.filter((id) => id !== triggerId)).toEqual([]);
			const checksAfter = checks();
			await waitFor(() => checks() > checksAfter, 'one more check of the crash trigger', ROUND_MS);
			const firedAgain = (await records.ofWorkflow(CRASH_TRIGGER_WORKFLOW)).filter(
				(e) => e.mode === 'trigger',
			);
			expect(firedAgain).toHaveLength(1);
		}, 1_200_000);

		it.each([
			['Redis', () => redis.restart()],
			['PostgreSQL', () => postgres.restart()],
		])(
			'%s restarted in the middle of a batch: every conversion approved once after n8n (and a user’s Retry, where it needs one) is done',
			async (service, restart) => {
				const prefix = service === 'Redis' ? 'REDIS' : 'PG';
				const ids = idsOf(prefix, 100);
				await addConversions(ids, CRASH_PARTNER);
				const heldIds = new Set(batchesOf(ids, IN_FLIGHT).map((b) => b.conversions[HELD_ITEM].id));
				const gate = affilbox.hold({
					count: 999,
					boundMs: 900_000,
					only: (r) => r.method === 'ConfirmConversion' && heldIds.has(r.params.conversion_id),
				});
				const before = (await records.ofWorkflow(BATCH_WORKFLOW)).length;
				const calls = batchesOf(ids, IN_FLIGHT).map((body) =>
					callNoMatterWhat('confirm-batch', body),
				);
				await gate.whenWaiting(IN_FLIGHT);
				await timed(`${service} restarted`, restart);
				gate.release();
				const answers = await Promise.all(calls);
				const executions = (await settledExecutions(BATCH_WORKFLOW, before + IN_FLIGHT)).slice(
					before,
				);
				observed[`${service} restarted: webhook callers got`] = answers.map((a) => a.status);
				observed[`${service} restarted: executions, as n8n recorded them`] = executions.map(
					(e) => e.status,
				);
				observed[`${service} restarted: the user’s retries`] = await retryUnsuccessful(executions);
				expectOnceEach(ids, 'ConfirmConversion');
				expect(
					affilbox.store.conversions
						.filter((c) => ids.includes(c.transactionId))
						.map((c) => c.state),
				).toEqual(ids.map(() => 'authorized'));
			},
			900_000,
		);
	});

	describe('both triggers, every Start From, on the main: each change fires exactly once', () => {
		/** @type {ReturnType<typeof createLedger>} */ let ledger;

		const steps = () =>
			matrixSteps({
				sandbox: affilbox,
				ledger,
				startDate,
				ms: ROUND_MS,
				publish: (id) => rest.publish(id),
				unpublish: (id) => rest.unpublish(id),
			});
		/** @param {boolean} durableCursors */
		const restartMainWithAChange = (durableCursors) =>
			steps().restartWithAChange(
				() => cluster.stopMain(),
				() => startMain(durableCursors),
			);

		it('durable poll cursors off: what Start From says at the first checks; republished, and the main restarted, each with a change meanwhile', async () => {
			ledger = createLedger(affilbox, receiver);
			await timed('triggers off: first checks', async () => {
				await ledger.prepare();
				await steps().publishAndAwaitFirstChecks(matrix.first);
			});
			await timed('triggers off: republished with a change', () =>
				steps().republishWithAChange(matrix.first),
			);
			await timed('triggers off: main restarted with a change', () =>
				restartMainWithAChange(false),
			);
		}, 1_200_000);

		it('durable poll cursors on: switched on at a restart; published anew with a change before their first scheduled check; republished; the main restarted: each change once, nothing twice, every execution on one worker', async () => {
			// Worker 2 restarts with the new settings alongside.
			await timed('triggers on: switched on at a main restart with a change', () =>
				steps().restartWithAChange(
					() => cluster.stopMain(),
					() =>
						Promise.all([
							startMain(true),
							cluster.stopWorker(1).then(() => cluster.startWorker(1, { durableCursors: true })),
						]),
				),
			);
			await timed('triggers on: published anew, a change before their first scheduled check', () =>
				steps().publishWithAChangeBeforeTheirFirstScheduledCheck(matrix.later),
			);
			await timed('triggers on: republished with a change', () =>
				steps().republishWithAChange([...matrix.first, ...matrix.later]),
			);
			await timed('triggers on: main restarted with a change', () => restartMainWithAChange(true));
			const { fired, expected } = await timed('triggers on: one more check of each', () =>
				steps().lastCheck(),
			);
			// What it prints must not hide the difference below.
			if (!util.isDeepStrictEqual(fired, expected))
				await explainMismatch(fired, expected).catch((error) =>
					process.stdout.write(`could not explain the difference: ${error}\n`),
				);
			expect(fired).toEqual(expected);

			for (const { id } of [...matrix.first, ...matrix.later]) {
				const { executions } = await ranOnWorkers(id);
				expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
			}
		}, 1_800_000);
	});
});
