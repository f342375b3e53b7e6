// @ts-check
'use strict';

/**
 * n8n-nodes-affilbox installed alone in a fresh n8n (nothing of Affelios): n8n registers its three
 * nodes, runs the AffilBox node headlessly, and its trigger checks run, in a large programme in a
 * small, busy n8n: a published workflow whose AffilBox Trigger sees 100,000 authorized conversions
 * (one answer of about 45 MB) is activated by a real n8n whose heap is capped at 512 MB while two
 * busy loops keep both cores busy; its later polls still work (a conversion authorized after
 * activation, and only that one, starts the workflow).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createInstance } = require('./n8n/instance');
const { checkAffilBoxNode, communityNodeTypes } = require('./n8n/nodeRuns');
const { ensureN8n } = require('./n8n/install');
const { callSandbox, startReceiver, waitFor, workflowTellingTheTest } = require('./n8n/watch');
const { freePort, packPackages, startSandbox } = require('./processes');

const KEY = 'sandbox-key';
const CONVERSIONS = 100_000;
const HEAP_MB = 512;
const WORKFLOW_ID = 'largeProgramme';
const WORKFLOW_NAME = 'e2e large programme';
const CREDENTIALS = { affilBoxApi: { id: 'affilboxLarge', name: 'AffilBox large' } };

/** @type {ReturnType<typeof createInstance>} */ let n8n;
/** @type {Awaited<ReturnType<typeof startSandbox>>} */ let affilbox;
/** @type {import('node:child_process').ChildProcess[]} */ const busyLoops = [];
/** @type {{ pid: number, exitCode: () => number | null, stop: () => Promise<void>, logFile: string } | undefined} */ let server;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */ let receiver;
/** @type {string} */ let work;

/** @param {string} receiverUrl */
function workflow(receiverUrl) {
	return workflowTellingTheTest(
		WORKFLOW_ID,
		WORKFLOW_NAME,
		{
			id: 'trigger',
			name: 'Authorized',
			type: 'n8n-nodes-affilbox.affilBoxTrigger',
			typeVersion: 1,
			parameters: { events: ['authorized'], lookbackDays: 90 },
			credentials: CREDENTIALS,
		},
		receiverUrl,
		['transactionId'],
	);
}

/**
 * One line of n8n's log as `{ message, metadata: { timestamp } }`: JSON where n8n writes JSON, else
 * its text form `<time> | <level> | <message>` (n8n 1.85.4 has no JSON log format).
 * @param {string} line
 */
function logEntry(line) {
	try {
		return JSON.parse(line);
	} catch {
		const text = /^(\S+) \| \w+\s*\| (.*)$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
		return text ? { message: text[2], metadata: { timestamp: text[1] } } : {};
	}
}

/** Entries of n8n's log whose message matches. */
function logEntries(/** @type {RegExp} */ pattern) {
	if (!server || !fs.existsSync(server.logFile)) return [];
	return fs
		.readFileSync(server.logFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(logEntry)
		.filter((entry) => typeof entry.message === 'string' && pattern.test(entry.message));
}

/** n8n's exit code once it has exited: a wait for it to do something ends there. */
const n8nExit = () => server?.exitCode() ?? null;

beforeAll(async () => {
	const runtime = await ensureN8n();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-large-'));
	const tarballs = packPackages(work, ['n8n-nodes-affilbox']);
	affilbox = await startSandbox('affilbox', {
		args: ['--key', KEY, '--bulk-conversions', String(CONVERSIONS), '--verbose'],
	});
	n8n = createInstance({
		runtime,
		userFolder: path.join(work, 'n8n'),
		port: await freePort(),
		brokerPort: await freePort(),
		extraEnv: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
	});
	n8n.installPackages(tarballs);
	await n8n.importCredentials([
		{
			id: 'affilboxLarge',
			name: 'AffilBox large',
			type: 'affilBoxApi',
			data: { apiUrl: affilbox.url, apiKey: KEY, timeZone: 'Europe/Prague' },
		},
	]);
	receiver = await startReceiver();
	await n8n.importWorkflow(workflow(receiver.url));
	await n8n.publish(WORKFLOW_ID);
}, 900_000);

afterAll(async () => {
	for (const loop of busyLoops) loop.kill();
	await server?.stop();
	await affilbox?.stop();
	receiver?.close();
	if (!process.env.E2E_KEEP && work) fs.rmSync(work, { recursive: true, force: true });
});

describe('n8n-nodes-affilbox installed alone', () => {
	it('n8n registers its four nodes and nothing of Affelios, and runs the AffilBox node (n8n execute)', async () => {
		expect(communityNodeTypes(await n8n.loadedNodeTypes())).toEqual([
			'n8n-nodes-affilbox.affilBox',
			'n8n-nodes-affilbox.affilBoxInvoiceTrigger',
			'n8n-nodes-affilbox.affilBoxPartnerTrigger',
			'n8n-nodes-affilbox.affilBoxTrigger',
		]);
		// The programme holds only authorized conversions: one waiting, created now, to find and approve
		// (before the trigger is activated, so it is part of the trigger's baseline).
		const createdAfter = new Date(Date.now() - 3_600_000).toISOString();
		await callSandbox(affilbox.url, KEY, 'AddConversion', {
			partner_id: 'jdvorak',
			campaign_id: 11,
			conversion_id: 'E2E-ALONE-1',
			value: 10,
		});
		await checkAffilBoxNode(n8n, CREDENTIALS, { createdAfter, waiting: 'E2E-ALONE-1' });
	}, 300_000);
});

describe(`an AffilBox Trigger over ${CONVERSIONS.toLocaleString('en')} conversions, n8n heap capped at ${HEAP_MB} MB, both cores busy`, () => {
	it('is activated, and its later polls emit only what is new', async () => {
		// Two busy loops: a 2-core machine with no core to spare.
		for (let core = 0; core < 2; core++) {
			busyLoops.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
		}
		const started = Date.now();
		// JSON at debug level: n8n says when it has activated the workflow (the activation poll
		// included); logEntries reads it.
		server = await n8n.start({
			timeoutMs: 600_000,
			logEnv: { N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'debug' },
		});
		const ready = Date.now();
		// The activation poll has read the whole answer once the sandbox logs it as sent.
		await waitFor(
			() => /GetConversions → 200 OK\n/.test(affilbox.output()),
			240_000,
			'the activation poll to read the answer',
			n8nExit,
		);
		const answered = Date.now();
		// n8n logs (at debug level) the steps of the workflow's activation, the activation poll included
		// (in words that differ between n8n 1.x and 2.x: test/e2e/n8n/releaseTraits.js).
		const said = n8n.release.activationLog;
		const finished = await waitFor(
			() => logEntries(said.activated)[0],
			60_000,
			'n8n to finish the activation',
			n8nExit,
		);
		const at = (/** @type {any} */ entry) => Date.parse(entry?.metadata?.timestamp ?? '');
		const pollStarted = logEntries(said.pollStarted)[0];
		const pollDone = logEntries(said.pollDone)[0];
		const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
		process.stdout.write(
			`large programme: ${CONVERSIONS.toLocaleString('en')} conversions, n8n heap ${HEAP_MB} MB, 2 busy loops: ` +
				`n8n's REST API answered ${seconds(ready - started)} after \`n8n start\`; ` +
				`activation poll ${seconds(at(pollDone) - at(pollStarted))} (answer read ${seconds(answered - started)} after start); ` +
				`workflow activated ${seconds(at(finished) - started)} after start (n8n ${n8n.release.version})\n`,
		);
		// The activation poll only records what exists: nothing was emitted.
		expect(receiver.received).toEqual([]);

		// A conversion authorized after activation: the next poll (n8n polls every minute) emits it alone.
		const id = `E2E-LARGE-${Date.now()}`;
		await callSandbox(affilbox.url, KEY, 'AddConversion', {
			partner_id: 'jdvorak',
			campaign_id: 11,
			conversion_id: id,
			value: 10,
		});
		await callSandbox(affilbox.url, KEY, 'ConfirmConversion', {
			conversion_id: id,
			campaign_id: 11,
			value: 'true',
		});
		await waitFor(
			() => receiver.received.length > 0,
			150_000,
			'a later poll to emit the new conversion',
			n8nExit,
		);
		expect(receiver.values('transactionId')).toEqual([id]);
		expect(server.exitCode()).toBeNull();
	}, 600_000);
});
