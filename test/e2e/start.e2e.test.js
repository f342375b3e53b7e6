// @ts-check
'use strict';

/**
 * `npm start` as a user meets it: the script npm start runs (scripts/start.js), run for real.
 * It comes up while both cores are kept busy and Ctrl-C then leaves nothing; a taken port, an n8n
 * that does not come up in time, a Ctrl-C during start-up and a killed `npm start` all end with
 * nothing left running, and failures say why. "Nothing left" is checked process by process: every
 * process a start begins carries a marker in its environment, and every process group seen while it
 * ran must be empty afterwards.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { commandLine, groupMembers, groupOf, processesWithEnv } = require('./groups');
const { readExamples } = require('./n8n/examples');
const { ensureN8n, installedN8n } = require('./n8n/install');
const { releaseTraits } = require('./n8n/releaseTraits');
const { ownerSession } = require('./n8n/rest');
const { CREDENTIAL_IDS } = require('./n8n/sandboxStack');
const { waitFor } = require('./n8n/watch');
const { freePort, spawnSupervised } = require('./processes');

const START = path.join(__dirname, '..', '..', 'scripts', 'start.js');
const OWN_GROUP = groupOf(process.pid);
/** How long a killed start's supervisors may take to stop n8n (its grace is 20 s, then SIGKILL). */
const CLEANUP_DEADLINE_MS = 90_000;

/** @type {string} */ let home;
/** @type {Set<import('node:child_process').ChildProcess>} */
const launched = new Set();

/**
 * Runs `node scripts/start.js` with free ports and a demo folder of its own, watching which
 * processes (by marker) and process groups it brings up.
 * @param {Record<string, string>} [env]
 */
async function launch(env = {}) {
	const run = crypto.randomUUID();
	const marker = `N8N_NODES_AFFILIATE_E2E_RUN=${run}`;
	const n8nPort = await freePort();
	const child = spawn(process.execPath, [START], {
		env: {
			...process.env,
			N8N_PORT: String(n8nPort),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			AFFILBOX_SANDBOX_PORT: String(await freePort()),
			AFFELIOS_SANDBOX_PORT: String(await freePort()),
			N8N_NODES_AFFILIATE_START_HOME: home,
			...env,
			N8N_NODES_AFFILIATE_E2E_RUN: run,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	launched.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk) => (stdout += chunk));
	child.stderr?.on('data', (chunk) => (stderr += chunk));
	/** Every process seen with the marker (but start.js itself), and its command line. @type {Map<number, string>} */
	const seen = new Map();
	/** @type {Set<number>} */
	const groups = new Set();
	const look = () => {
		for (const pid of processesWithEnv(marker)) {
			if (pid !== child.pid && !seen.has(pid)) seen.set(pid, commandLine(pid));
			const group = groupOf(pid);
			if (group !== undefined && group !== OWN_GROUP) groups.add(group);
		}
	};
	const watcher = setInterval(look, 250);
	/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			clearInterval(watcher);
			launched.delete(child);
			resolve({ code, signal });
		}),
	);
	let running = true;
	void exited.then(() => (running = false));

	return {
		child,
		n8nPort,
		exited,
		stdout: () => stdout,
		stderr: () => stderr,
		/** @param {(command: string) => boolean} test */
		sawProcess: (test) => [...seen.values()].some(test),
		/** Processes of this start still alive: by marker, and in any group it used. */
		leftovers() {
			const pids = new Set(processesWithEnv(marker));
			for (const group of groups) for (const pid of groupMembers(group)) pids.add(pid);
			return [...pids].map((pid) => `${pid} ${commandLine(pid).slice(0, 120)}`);
		},
		/**
		 * @param {() => boolean} condition
		 * @param {string} what
		 */
		async until(condition, what) {
			while (!condition()) {
				look();
				if (!running) throw new Error(`npm start ended before ${what}:\n${stdout}\n${stderr}`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		},
	};
}

/** @param {Awaited<ReturnType<typeof launch>>} start */
async function noneLeftAfterCleanup(start) {
	const deadline = Date.now() + CLEANUP_DEADLINE_MS;
	while (start.leftovers().length > 0 && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 500));
	return start.leftovers();
}

const isN8nServer = (/** @type {string} */ command) => /n8n\/bin\/n8n start$/.test(command);

/**
 * The lines npm start printed of n8n's log under its heading: what this start wrote (the demo folder,
 * and so the log, is shared by every start in this file).
 * @param {string} stderr
 */
function thisStartsLog(stderr) {
	const heading =
		/--- last 40 lines of n8n's log since its start at \S+ \(\S+n8n-start\.log\) ---\n/.exec(
			stderr,
		);
	if (!heading) throw new Error(`no heading of n8n's log in:\n${stderr}`);
	return stderr.slice(heading.index + heading[0].length);
}

async function launchUntilN8nRuns() {
	const start = await launch();
	await start.until(() => start.sawProcess(isN8nServer), 'n8n was started');
	return start;
}

beforeAll(async () => {
	await ensureN8n();
	home = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-start-e2e-'));
}, 3_600_000);

afterAll(() => {
	for (const child of launched) child.kill('SIGKILL');
	if (!process.env.E2E_KEEP && home) fs.rmSync(home, { recursive: true, force: true });
});

describe('npm start', () => {
	it('comes up (readiness OK, REST API answers JSON) while both cores are kept busy, with the sandbox credentials (API v2 included) and every example active, and Ctrl-C leaves no process', async () => {
		const busy = [0, 1].map(() =>
			spawnSupervised(process.execPath, ['-e', 'for (;;) {}'], { stdout: 'ignore' }),
		);
		try {
			const started = Date.now();
			const start = await launch();
			await start.until(() => /n8n is ready at /.test(start.stdout()), 'n8n was ready');
			const readyAfter = Date.now() - started;

			const base = `http://127.0.0.1:${start.n8nPort}`;
			expect((await fetch(`${base}/healthz/readiness`)).status).toBe(200);
			const settings = await fetch(`${base}/rest/settings`);
			expect(settings.headers.get('content-type')).toContain('application/json');
			const { data } = /** @type {any} */ (await settings.json());
			expect(data.userManagement.showSetupOnFirstLoad).toBe(false); // the owner was set up
			expect(start.sawProcess(isN8nServer)).toBe(true);

			// What the editor shows: the three sandbox credentials, every example active, and example 4's
			// Invoice Trigger (AffilBox API v2) ran at activation against the sandbox.
			const rest = await ownerSession(base, releaseTraits(installedN8n()));
			const credentials = await rest.credentials();
			expect(credentials.map((c) => c.id).sort()).toEqual(Object.values(CREDENTIAL_IDS).sort());
			expect(credentials.find((c) => c.id === CREDENTIAL_IDS.affilboxV2)?.type).toBe(
				'affilBoxApiV2Api',
			);
			const examples = readExamples().map((example) => example.id);
			const active = (await rest.workflows()).filter((w) => w.active).map((w) => w.id);
			expect(active.sort()).toEqual([...examples].sort());
			const invoiceExample = 'exUnpaidInvoicePayment4';
			expect(examples).toContain(invoiceExample);
			const ran = await waitFor(
				async () =>
					(await rest.executionsOf(invoiceExample)).find(
						(e) => e.status !== 'running' && e.status !== 'new',
					),
				240_000,
				"example 4's execution at activation",
			);
			expect(ran.status).toBe('success');
			process.stdout.write(
				`npm start with 2 busy loops: ready after ${Math.round(readyAfter / 1000)} s, load average ${os
					.loadavg()
					.map((l) => l.toFixed(1))
					.join(' ')}\n`,
			);

			start.child.kill('SIGINT');
			expect(await start.exited).toEqual({ code: 0, signal: null });
			expect(start.stdout()).toContain('Stopped: nothing of this start is left running.');
			expect(start.leftovers()).toEqual([]);
		} finally {
			await Promise.all(busy.map((loop) => loop.stop()));
		}
	}, 1_800_000);

	it('with the n8n port taken: says so, names who holds it, starts nothing', async () => {
		const blocker = net.createServer();
		const port = await freePort();
		await new Promise((resolve) => blocker.listen(port, '127.0.0.1', () => resolve(undefined)));
		try {
			const start = await launch({ N8N_PORT: String(port) });
			expect(await start.exited).toEqual({ code: 1, signal: null });
			expect(start.stderr()).toContain(
				`Port ${port} (n8n) is already in use by pid ${process.pid}`,
			);
			expect(start.stderr()).toContain('N8N_PORT=<port>');
			expect(start.stdout()).not.toContain('[2/6]');
			expect(start.sawProcess(() => true)).toBe(false);
			expect(start.leftovers()).toEqual([]);
		} finally {
			blocker.close();
		}
	});

	it("when n8n fails during start-up: prints the cause and n8n's own log, stops both sandboxes", async () => {
		// An address this machine does not have: the CLI steps pass, `n8n start` cannot listen and exits.
		const start = await launch({ N8N_LISTEN_ADDRESS: '203.0.113.1' });
		expect(await start.exited).toEqual({ code: 1, signal: null });
		expect(start.stderr()).toContain('n8n stopped during start-up (exit code 1)');
		expect(thisStartsLog(start.stderr())).toContain('EADDRNOTAVAIL');
		expect(start.sawProcess((command) => command.includes('sandbox/affilbox/server.js'))).toBe(
			true,
		);
		expect(start.leftovers()).toEqual([]);
	}, 600_000);

	it("when n8n does not come up in time: says so with the end of n8n's log, stops n8n and both sandboxes", async () => {
		const start = await launch({ N8N_START_TIMEOUT: '2' });
		expect(await start.exited).toEqual({ code: 1, signal: null });
		expect(start.stderr()).toContain('n8n did not become ready within 2 s');
		expect(start.stderr()).toContain('N8N_START_TIMEOUT=<seconds>');
		// n8n may have written nothing yet in 2 s; either way, nothing from the start before (the same folder).
		expect(thisStartsLog(start.stderr())).not.toContain('EADDRNOTAVAIL');
		expect(start.sawProcess(isN8nServer)).toBe(true);
		expect(start.leftovers()).toEqual([]);
	}, 600_000);

	it('Ctrl-C while n8n is starting stops everything', async () => {
		const start = await launchUntilN8nRuns();
		start.child.kill('SIGINT');
		expect(await start.exited).toEqual({ code: 0, signal: null });
		expect(start.leftovers()).toEqual([]);
	}, 600_000);

	it('killed outright (SIGKILL) while n8n runs, leaves nothing behind: the supervisors stop n8n and the sandboxes', async () => {
		const start = await launchUntilN8nRuns();
		start.child.kill('SIGKILL');
		expect(await start.exited).toEqual({ code: null, signal: 'SIGKILL' });
		expect(await noneLeftAfterCleanup(start)).toEqual([]);
	}, 600_000);
});
