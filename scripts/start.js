// @ts-check
'use strict';

/**
 * `npm start`: both sandboxes and a real n8n with both packages (n8n-nodes-affilbox and
 * n8n-nodes-affelios) installed, sandbox credentials and the example workflows ready, so the nodes
 * can be tried in the editor without any API key.
 * The first start installs n8n into a cache (minutes); later starts take about a minute.
 *
 * It either comes up or says why: taken ports are named before anything starts; n8n counts as up
 * only when it really serves; every failure prints its cause and the end of n8n's own log; and on
 * any end (failure, Ctrl-C, SIGTERM, a crash, even this process being killed) n8n and both
 * sandboxes are stopped (each runs supervised in a process group of its own).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { readExamples, examplesFingerprint, PAYOUT_DIR } = require('../test/e2e/n8n/examples');
const { ensureN8n } = require('../test/e2e/n8n/install');
const { createOwner, OWNER } = require('../test/e2e/n8n/owner');
const {
	prepareInstance,
	startSandboxes,
	CREDENTIAL_NAMES,
	LICENCE_ZONE,
} = require('../test/e2e/n8n/sandboxStack');
const { duration } = require('../test/e2e/n8n/time');
const { assertPortsFree, stopAllSupervised, supervisedCount } = require('../test/e2e/processes');

/** @param {string} line */
const say = (line) => process.stdout.write(`${line}\n`);

/**
 * @param {string} name
 * @param {number} fallback
 */
function portSetting(name, fallback) {
	const text = process.env[name];
	if (text === undefined || text === '') return fallback;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`${name} must be a port number (1-65535), not "${text}"`);
	return port;
}

/** N8N_START_TIMEOUT (seconds): how long n8n may take to come up; default 10 minutes. */
function startTimeoutMs() {
	const text = process.env.N8N_START_TIMEOUT;
	if (text === undefined || text === '') return undefined;
	const seconds = Number(text);
	if (!Number.isFinite(seconds) || seconds <= 0)
		throw new Error(`N8N_START_TIMEOUT must be a number of seconds, not "${text}"`);
	return seconds * 1000;
}

/** Where the demo n8n keeps its database; later starts reuse it. */
function demoHome() {
	return (
		process.env.N8N_NODES_AFFILIATE_START_HOME ??
		path.join(
			process.env.N8N_NODES_AFFILIATE_CACHE ??
				path.join(os.homedir(), '.cache', 'n8n-nodes-affiliate'),
			'start',
		)
	);
}

let stopping = false;
/**
 * Stops everything this start began and exits. Safe to call more than once.
 * @param {number} code
 */
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	if (supervisedCount() > 0) {
		say('Stopping n8n and both sandboxes…');
		await stopAllSupervised();
		say('Stopped: nothing of this start is left running.');
	}
	process.exit(code);
}

/** @param {unknown} error */
function fail(error) {
	process.stderr.write(
		`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	void shutdown(1);
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(signal, () => void shutdown(0));
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

/**
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} step
 * @returns {Promise<T>}
 */
async function timedStep(what, step) {
	const started = Date.now();
	const result = await step();
	say(`      ${what} (${duration(Date.now() - started)})`);
	return result;
}

async function main() {
	const started = Date.now();
	const timeoutMs = startTimeoutMs();
	const port = portSetting('N8N_PORT', 5678);
	const brokerPort = portSetting('N8N_RUNNERS_BROKER_PORT', port + 1);
	const affilboxPort = portSetting('AFFILBOX_SANDBOX_PORT', 8081);
	const affeliosPort = portSetting('AFFELIOS_SANDBOX_PORT', 8082);
	const n8nPorts = [
		{ port, what: 'n8n', setting: 'N8N_PORT' },
		{ port: brokerPort, what: "n8n's task broker", setting: 'N8N_RUNNERS_BROKER_PORT' },
	];
	say('[1/6] checking ports');
	await assertPortsFree([
		...n8nPorts,
		{ port: affilboxPort, what: 'AffilBox sandbox', setting: 'AFFILBOX_SANDBOX_PORT' },
		{ port: affeliosPort, what: 'Affelios sandbox', setting: 'AFFELIOS_SANDBOX_PORT' },
	]);

	say('[2/6] n8n runtime');
	const runtime = await ensureN8n({ log: (line) => say(`      ${line}`) });

	say(`[3/6] sandboxes: AffilBox on ${affilboxPort}, Affelios on ${affeliosPort}`);
	const sandboxes = await startSandboxes({ affilboxPort, affeliosPort });

	say('[4/6] both packages, sandbox credentials and example workflows into n8n');
	const n8n = await timedStep('packages installed, credentials imported', () =>
		prepareInstance({
			runtime,
			folder: demoHome(),
			port,
			brokerPort,
			payoutDir: PAYOUT_DIR,
			sandboxes,
		}),
	);
	const examples = readExamples();
	const marker = path.join(n8n.userFolder, '.examples-imported');
	const fingerprint = examplesFingerprint();
	const importedBefore = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';
	if (importedBefore === fingerprint) {
		say('      examples: kept as they are in n8n (imported by an earlier start)');
	} else {
		// Later starts keep whatever was changed in the editor, unless the example files changed.
		if (importedBefore)
			say('      the example files changed since the last start: importing them again');
		await timedStep(`${examples.length} example workflows imported`, () =>
			n8n.importWorkflow(examples),
		);
		for (const example of examples) {
			await timedStep(`published "${example.name}"`, () => n8n.publish(example.id));
		}
		fs.writeFileSync(marker, fingerprint);
	}

	say(`[5/6] starting n8n (time zone ${LICENCE_ZONE}); its own output: ${n8n.startLog}`);
	await assertPortsFree(n8nPorts); // again: the install may have taken minutes
	const server = await n8n.start({ log: say, timeoutMs });
	const base = `http://localhost:${port}`;
	server.exited.then((code) => {
		if (stopping) return;
		process.stderr.write(`\nn8n exited unexpectedly (exit code ${code}).\n${n8n.startLogTail()}\n`);
		void shutdown(1);
	});

	say('[6/6] owner account');
	try {
		// A local owner account, so the editor opens straight to the login (n8n asks for one on first use).
		await createOwner(`http://127.0.0.1:${port}`);
	} catch (error) {
		const cause = error instanceof Error ? error.message : String(error);
		throw new Error(`${cause}\n${n8n.startLogTail()}`);
	}
	const credentialNames = Object.values(CREDENTIAL_NAMES)
		.map((name) => `"${name}"`)
		.join(', ');
	say(`
n8n is ready at ${base}  (${duration(Date.now() - started)})
  log in:    ${OWNER.email} / ${OWNER.password}   (local only)
  workflows: the ${examples.length} examples, active; credentials ${credentialNames}
  try:       curl -X POST ${base}/webhook/payment-succeeded -H 'Content-Type: application/json' -d '{"orderId":"OBJ-2025-0002","provider":"card"}'
             curl -X POST ${base}/webhook/approve-waiting-conversions -H 'Content-Type: application/json' -d '{"olderThanDays":30}'
             payout CSV of example 2: ${PAYOUT_DIR}/affiliate-payouts.csv
             example 4's payment orders (placeholder) and notes: the executions of Example 4 in the editor
  n8n's log: ${n8n.startLog}
Ctrl-C stops n8n and both sandboxes.`);
}

main().catch(fail);
