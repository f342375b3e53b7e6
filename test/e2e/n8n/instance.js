// @ts-check
'use strict';

/**
 * One n8n instance in a folder of its own: its database, its encryption key, the packages installed
 * as community packages, the CLI commands the tests and `npm start` need, and `n8n start` brought
 * up until it really serves (readiness OK and JSON from the REST API). Every n8n process runs
 * supervised (test/e2e/supervisor.js): it never outlives the process that started it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { spawnSupervised } = require('../processes');
const { waitUntilReady } = require('./readiness');
const { releaseTraits } = require('./releaseTraits');

/** Lines of n8n's own log shown with a failure. */
const TAIL_LINES = 40;

/**
 * n8n's durable poll cursors, on or off: the flag alone does nothing, the scheduler must be on too
 * (n8n 2.36+; older n8n ignores them).
 * @param {boolean} on
 */
function durableCursorEnv(on) {
	const value = String(on);
	return {
		N8N_POLLER_DURABLE_CURSORS_ENABLED: value,
		N8N_SCHEDULER_ENABLED: value,
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: value,
	};
}

/**
 * The last lines of a log from byte `from` on: logs are kept across restarts, and a failure should
 * show what this start wrote, not an earlier one's end.
 * @param {string} file @param {{ from?: number, lines?: number }} [options]
 */
function tailOf(file, { from = 0, lines = TAIL_LINES } = {}) {
	let text = '';
	try {
		text = fs.readFileSync(file).subarray(from).toString('utf8').trimEnd();
	} catch {
		// not created yet
	}
	return text ? text.split('\n').slice(-lines).join('\n') : '(n8n has written nothing to it yet)';
}

/**
 * @param {{ runtime: { node: string, n8n: string }, userFolder: string, port: number, brokerPort: number, timeZone?: string, extraEnv?: Record<string, string> }} options
 */
function createInstance(options) {
	const { runtime, userFolder, port, brokerPort } = options;
	const release = releaseTraits(runtime);
	fs.mkdirSync(userFolder, { recursive: true });
	const logFile = path.join(userFolder, 'n8n.log');
	const startLog = path.join(userFolder, 'n8n-start.log');
	const env = {
		...process.env,
		// Under jest NODE_ENV is `test`, which makes n8n act as in its own unit tests (a silent logger).
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-affiliate-local-only',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		// Well inside the supervisor's 20 s grace, so Ctrl-C ends n8n cleanly rather than by SIGKILL.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_OUTPUT: 'file',
		N8N_LOG_FILE_LOCATION: logFile,
		// The instance's default time zone: what `$now` and the Schedule use in every workflow.
		...(options.timeZone ? { GENERIC_TIMEZONE: options.timeZone } : {}),
		...(options.extraEnv ?? {}),
	};

	/**
	 * Installs packed packages the way n8n does (each into .n8n/nodes/node_modules/<name>, no dev or
	 * peer deps: the packages have no runtime dependencies). Only these: a package installed by an
	 * earlier run and not named here is removed.
	 * @param {Record<string, string>} tarballs package name → tarball (packPackages)
	 */
	function installPackages(tarballs) {
		const modules = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
		for (const name of fs.existsSync(modules) ? fs.readdirSync(modules) : []) {
			if (name.startsWith('n8n-nodes-') && !(name in tarballs))
				fs.rmSync(path.join(modules, name), { recursive: true, force: true });
		}
		for (const [name, tarball] of Object.entries(tarballs)) {
			const target = path.join(modules, name);
			fs.rmSync(target, { recursive: true, force: true });
			fs.mkdirSync(target, { recursive: true });
			const untar = spawnSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1'], {
				encoding: 'utf8',
			});
			if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr}`);
		}
	}

	/**
	 * Runs one n8n CLI command to its end.
	 * @param {string[]} args
	 * @returns {Promise<string>} its standard output
	 */
	async function cli(args) {
		const command = spawnSupervised(runtime.node, [runtime.n8n, ...args], {
			env,
			stdout: 'pipe',
			stderr: 'pipe',
		});
		let output = '';
		let stdout = '';
		command.child.stdout?.on('data', (chunk) => {
			stdout += chunk;
			output += chunk;
		});
		command.child.stderr?.on('data', (chunk) => (output += chunk));
		const code = await command.exited;
		if (code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${code}):\n${output.slice(-3000)}`);
		}
		return stdout;
	}

	/** @param {unknown[]} credentials n8n export format, plain `data` (encrypted on import) */
	async function importCredentials(credentials) {
		const file = path.join(userFolder, 'credentials.import.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		await cli(['import:credentials', `--input=${file}`]);
	}

	/** @param {object | object[]} workflows n8n export format; several in one CLI run */
	async function importWorkflow(workflows) {
		const file = path.join(userFolder, 'workflow.import.json');
		// Always a list: older n8n 1.x reads nothing else.
		fs.writeFileSync(file, JSON.stringify([workflows].flat()));
		await cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * Makes the workflow active (its current version, in 2.x) when n8n next starts.
	 * @param {string} id
	 */
	async function publish(id) {
		await cli(release.activateArgs(id));
	}

	/**
	 * The node types n8n has loaded (their full names, e.g. `n8n-nodes-affilbox.affilBox`): from
	 * `n8n export:nodes`, or where n8n lacks that command, from the list a started n8n serves its
	 * editor (`/types/nodes.json`; n8n is started for it and stopped again).
	 * @returns {Promise<string[]>}
	 */
	async function loadedNodeTypes() {
		if (release.hasExportNodes) {
			const file = path.join(userFolder, 'nodes.export.json');
			await cli(['export:nodes', `--output=${file}`]);
			return JSON.parse(fs.readFileSync(file, 'utf8')).map(
				(/** @type {{ name: string }} */ node) => node.name,
			);
		}
		const server = await start();
		try {
			const response = await fetch(`http://127.0.0.1:${port}/types/nodes.json`);
			if (!response.ok) throw new Error(`/types/nodes.json answered ${response.status}`);
			const nodes = /** @type {Array<{ name: string }>} */ (await response.json());
			return nodes.map((node) => node.name);
		} finally {
			await server.stop();
		}
	}

	/**
	 * Runs a workflow headlessly (`n8n execute`). Its run comes as JSON through n8n's logger (2.x,
	 * 1.123.81), or on standard output (1.85.4 prints it there).
	 * @param {string} id
	 * @returns {Promise<any>} the execution (data.resultData.runData …)
	 */
	async function execute(id) {
		fs.rmSync(logFile, { force: true });
		const stdout = await cli(['execute', `--id=${id}`, '--rawOutput']);
		const lines = fs.existsSync(logFile)
			? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean)
			: [];
		for (const line of [...lines].reverse()) {
			const entry = JSON.parse(line);
			if (
				typeof entry.message === 'string' &&
				entry.message.trimStart().startsWith('{') &&
				entry.message.includes('"resultData"')
			) {
				return JSON.parse(entry.message);
			}
		}
		// Printed: the JSON document runs from a line that opens it to the last line that closes it.
		const printed = /^\{[\s\S]*^\}/m.exec(stdout);
		if (printed && printed[0].includes('"resultData"')) return JSON.parse(printed[0]);
		throw new Error(
			`n8n execute --id=${id} logged no execution:\n${lines.slice(0, 20).join('\n')}\n${stdout.slice(0, 2000)}`,
		);
	}

	/** Where the latest `n8n start` began in `startLog`, and when. */
	let thisStart = { at: 'none yet', from: 0 };

	/** The last lines the latest `n8n start` wrote to its log, under a line saying which log and since when. */
	function startLogTail() {
		return `--- last ${TAIL_LINES} lines of n8n's log since its start at ${thisStart.at} (${startLog}) ---\n${tailOf(startLog, thisStart)}`;
	}

	/**
	 * Starts `n8n start` (its output in `startLog`, readable text) and resolves once it serves: readiness
	 * OK and JSON from the REST API. On any failure n8n is stopped and the error carries the cause and
	 * the last lines of n8n's log.
	 * @param {{ log?: (line: string) => void, timeoutMs?: number, logEnv?: Record<string, string>, env?: Record<string, string> }} [startOptions]
	 *   `logEnv`: other log settings for this run (e.g. JSON at debug level, for a test that reads the log);
	 *   `env`: other settings for this run only (e.g. a feature flag switched on for one start)
	 */
	async function start(startOptions = {}) {
		// One log across restarts, each start marked: a later failure can be read against every run.
		const out = fs.openSync(startLog, 'a');
		const at = new Date().toISOString();
		fs.writeSync(out, `\n--- n8n start ${at}\n`);
		thisStart = { at, from: fs.fstatSync(out).size };
		const server = spawnSupervised(runtime.node, [runtime.n8n, 'start'], {
			env: {
				...env,
				N8N_LOG_OUTPUT: 'console',
				N8N_LOG_FORMAT: 'text',
				N8N_LOG_LEVEL: 'info',
				...startOptions.logEnv,
				...startOptions.env,
			},
			stdout: out,
			stderr: out,
		});
		fs.closeSync(out);
		try {
			await waitUntilReady({
				base: `http://127.0.0.1:${port}`,
				exitCode: server.exitCode,
				logFile: startLog,
				log: startOptions.log,
				timeoutMs: startOptions.timeoutMs,
			});
		} catch (error) {
			await server.stop();
			const cause = error instanceof Error ? error.message : String(error);
			throw new Error(`${cause}\n${startLogTail()}`);
		}
		return {
			pid: server.pid,
			exited: server.exited,
			exitCode: server.exitCode,
			stop: server.stop,
			logFile: startLog,
		};
	}

	return {
		env,
		release,
		port,
		userFolder,
		logFile,
		startLog,
		startLogTail,
		installPackages,
		cli,
		importCredentials,
		importWorkflow,
		loadedNodeTypes,
		publish,
		execute,
		start,
	};
}

module.exports = { createInstance, durableCursorEnv, tailOf };
