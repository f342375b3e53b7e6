// @ts-check
'use strict';

/**
 * One n8n instance in a folder of its own: its database, its encryption key, this package installed
 * as a community package, and the CLI commands the tests and `npm start` need.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_NAME = 'n8n-nodes-affiliate';

/**
 * @param {{ runtime: { node: string, n8n: string }, userFolder: string, port: number, brokerPort: number, extraEnv?: Record<string, string> }} options
 */
function createInstance(options) {
	const { runtime, userFolder, port, brokerPort } = options;
	const logFile = path.join(userFolder, 'n8n.log');
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
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_OUTPUT: 'file',
		N8N_LOG_FILE_LOCATION: logFile,
		...(options.extraEnv ?? {}),
	};

	/**
	 * Installs the packed package the way n8n does (into .n8n/nodes/node_modules, no dev or peer deps:
	 * the package has no runtime dependencies).
	 * @param {string} tarball
	 */
	function installPackage(tarball) {
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		const untar = spawnSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1'], {
			encoding: 'utf8',
		});
		if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr}`);
		return target;
	}

	/** @param {string[]} args */
	function cli(args) {
		const result = spawnSync(runtime.node, [runtime.n8n, ...args], {
			env,
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		});
		if (result.status !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-3000)}`,
			);
		}
		return result.stdout;
	}

	/** @param {unknown[]} credentials n8n export format, plain `data` (encrypted on import) */
	function importCredentials(credentials) {
		const file = path.join(userFolder, 'credentials.import.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		cli(['import:credentials', `--input=${file}`]);
	}

	/** @param {object} workflow n8n export format */
	function importWorkflow(workflow) {
		const file = path.join(userFolder, 'workflow.import.json');
		fs.writeFileSync(file, JSON.stringify(workflow));
		cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * Runs a workflow headlessly (`n8n execute`); its run comes through the logger as JSON.
	 * @param {string} id
	 * @returns {any} the execution (data.resultData.runData …)
	 */
	function execute(id) {
		fs.rmSync(logFile, { force: true });
		cli(['execute', `--id=${id}`, '--rawOutput']);
		const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
		for (const line of lines.reverse()) {
			const entry = JSON.parse(line);
			if (
				typeof entry.message === 'string' &&
				entry.message.trimStart().startsWith('{') &&
				entry.message.includes('"resultData"')
			) {
				return JSON.parse(entry.message);
			}
		}
		throw new Error(
			`n8n execute --id=${id} logged no execution:\n${lines.slice(0, 20).join('\n')}`,
		);
	}

	/** Starts `n8n start`; resolves once its REST API answers (/healthz answers before that). */
	async function start() {
		const child = spawn(runtime.node, [runtime.n8n, 'start'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
			try {
				const response = await fetch(`http://127.0.0.1:${port}/rest/settings`);
				if (response.ok) return child;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		child.kill();
		throw new Error(
			`n8n start did not answer on port ${port} within 3 minutes:\n${output.slice(-3000)}`,
		);
	}

	return {
		env,
		userFolder,
		logFile,
		installPackage,
		cli,
		importCredentials,
		importWorkflow,
		execute,
		start,
	};
}

module.exports = { createInstance, PACKAGE_NAME };
