/**
 * Build steps that run after `n8n-node build` (tsc + static files):
 *  - `gulp bundle`: turns every node and credential entry of package.json's `n8n` section into one
 *    self-contained file, so runtime libraries we depend on (fast-xml-parser) ship inside `dist/`
 *    and the published package needs no runtime `dependencies`. n8n-workflow and luxon stay
 *    external: n8n provides both at run time.
 *  - `gulp scan`: lints what n8n's verification scan lints (the node/credential sources and the
 *    built `dist/**` JavaScript) with the community-node rules and inline eslint comments ignored,
 *    because the scan ignores them too.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const fg = require('fast-glob');

const root = __dirname;
const pkg = require('./package.json');
const EXTERNAL = ['n8n-workflow', 'luxon'];

function entryFiles() {
	return [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(root, file));
}

async function bundle() {
	const entries = entryFiles();
	for (const entry of entries) {
		if (!fs.existsSync(entry))
			throw new Error(`Entry ${entry} is missing: run n8n-node build first`);
		await esbuild.build({
			entryPoints: [entry],
			outfile: entry,
			allowOverwrite: true,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			external: EXTERNAL,
			legalComments: 'inline',
			logLevel: 'warning',
		});
	}
	// What tsc emitted besides the entries is now inside them: ship only entries, codex JSON and icons.
	const keep = new Set(entries.map((file) => path.normalize(file)));
	const leftovers = fg.sync(
		['dist/**/*.{js,d.ts,map}', 'dist/**/*.tsbuildinfo', 'dist/package.json'],
		{
			cwd: root,
			absolute: true,
		},
	);
	for (const file of leftovers) {
		if (!keep.has(path.normalize(file))) fs.rmSync(file);
	}
	for (const dir of fg
		.sync('dist/**', { cwd: root, absolute: true, onlyDirectories: true })
		.reverse()) {
		if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
	}
}

async function scanConfig() {
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
	const tsParser = require('@typescript-eslint/parser');
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tsParser } },
	];
}

async function lintLeg(name, patterns) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({
		cwd: root,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanConfig(),
	});
	const files = fg.sync(patterns, { cwd: root, absolute: true, ignore: ['node_modules/**'] });
	if (files.length === 0) throw new Error(`scan ${name}: no files matched ${patterns.join(', ')}`);
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	if (errors > 0 || warnings > 0) {
		const formatter = await eslint.loadFormatter('stylish');
		process.stdout.write(await formatter.format(results));
	}
	if (errors > 0) throw new Error(`scan ${name}: ${errors} error(s) in ${files.length} files`);
	process.stdout.write(`scan ${name}: ${files.length} files clean (${warnings} warnings)\n`);
}

async function scan() {
	await lintLeg('sources', ['package.json', '{nodes,credentials}/**/*.{js,ts,json}']);
	await lintLeg('dist', ['package.json', 'dist/**/*.js']);
}

/**
 * Runs one of the TypeScript scripts under test/ (the demo, the benchmarks) without a separate
 * compile step: esbuild turns it into one file, with every package left to node_modules.
 */
async function buildScript(entry) {
	// Inside node_modules so that the file resolves the project's packages; never committed.
	const outfile = path.join(
		root,
		'node_modules',
		'.cache',
		'n8n-nodes-affiliate',
		`${path.basename(entry, '.ts')}.js`,
	);
	await esbuild.build({
		entryPoints: [path.join(root, entry)],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
		plugins: [
			{
				// The sandboxes and the e2e runtime are plain JS that find files relative to themselves
				// (fixtures, the repository): load them in place.
				name: 'plain-js-in-place',
				setup(build) {
					build.onResolve({ filter: /\/(sandbox|e2e)\// }, (args) => ({
						path: require.resolve(path.resolve(args.resolveDir, args.path)),
						external: true,
					}));
				},
			},
		],
	});
	return outfile;
}

/** Builds a script (buildScript) and runs it, with `env` added to the environment. */
async function runScript(entry, env = {}) {
	const outfile = await buildScript(entry);
	// A process of its own, so that figures of one script are not mixed with another's; n8n-core
	// keeps instance settings in a user folder: the cache, not the user's ~/.n8n.
	const { spawnSync } = require('node:child_process');
	const run = spawnSync(process.execPath, [outfile], {
		stdio: 'inherit',
		env: {
			...process.env,
			N8N_USER_FOLDER: process.env.N8N_USER_FOLDER ?? path.dirname(outfile),
			...env,
		},
	});
	if (run.status !== 0) throw new Error(`${entry} exited with ${run.status ?? run.signal}`);
}

/** `npm run demo`: the AffilBox sandbox and a marketer's scenario through the built node. */
async function demo() {
	await runScript('test/demo/affilBoxDemo.ts');
}

/** `npm run bench`: prints figures, never asserts (`gulp benchAnswers`: the large answers only). */
async function bench() {
	await runScript('test/bench/throughput.bench.ts');
	await benchAnswers();
}

/** Large answers: each figure is measured by answerProbe.js in a process of its own. */
async function benchAnswers() {
	const probe = await buildScript('test/bench/answerProbe.ts');
	await runScript('test/bench/answer.bench.ts', { BENCH_PROBE: probe });
}

exports.bundle = bundle;
exports.demo = demo;
exports.bench = bench;
exports.benchAnswers = benchAnswers;
exports.scan = scan;
