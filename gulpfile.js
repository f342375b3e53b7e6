/**
 * Build steps that run after `n8n-node build` (tsc + static files):
 *  - `gulp bundle`: writes one folder per publishable package, dist/<package name>/ (see
 *    tools/packages.js): every node and credential entry of that package's `n8n` section bundled into
 *    one self-contained file, so the libraries it uses (fast-xml-parser, saxes) and the shared core
 *    ship inside it and the package needs no runtime `dependencies`. n8n-workflow and luxon stay
 *    external: n8n provides both at run time.
 *  - `gulp scan`: per package, in its folder dist/<package name>/ (which holds what packages/<id>/
 *    links to as plain files: ESLint's directory walk does not enter linked folders): the package
 *    check (one service, no dependencies, see tools/checkPackage.js), `n8n-node lint` (strict), and
 *    the community-node rules that n8n's verification scan applies to the sources and to the built
 *    `dist/**` JavaScript, with inline eslint comments ignored, because the scan ignores them too.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const fg = require('fast-glob');

const { checkPackage, checkPackageSet } = require('./tools/checkPackage');
const { assemblePackages, listPackages } = require('./tools/packages');

const root = __dirname;

async function bundle() {
	for (const pkg of await assemblePackages())
		process.stdout.write(`${pkg.name} ${pkg.version}: ${path.relative(root, pkg.builtDir)}/\n`);
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

/** @param {string} name @param {string} cwd @param {string[]} patterns */
async function lintLeg(name, cwd, patterns) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanConfig(),
	});
	const files = fg.sync(patterns, { cwd, absolute: true, ignore: ['node_modules/**'] });
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

/** `n8n-node lint` in a package folder: strict mode reads that folder's package.json. @param {string} cwd */
function n8nNodeLint(cwd) {
	const { spawnSync } = require('node:child_process');
	const run = spawnSync(path.join(root, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
		cwd,
		stdio: 'inherit',
	});
	if (run.status !== 0) throw new Error(`n8n-node lint failed in ${path.relative(root, cwd)}`);
	process.stdout.write(`n8n-node lint (strict), ${path.basename(cwd)}: clean\n`);
}

async function scan() {
	const packages = listPackages();
	const everyEntry = checkPackageSet(packages, require('./package.json'));
	if (everyEntry.length > 0) throw new Error(`the packages:\n- ${everyEntry.join('\n- ')}`);
	for (const pkg of packages) {
		if (!fs.existsSync(pkg.builtDir))
			throw new Error(`${pkg.builtDir} is missing: run npm run build first`);
		const problems = checkPackage(pkg.builtDir, { packages });
		if (problems.length > 0)
			throw new Error(`${pkg.name} fails the package check:\n- ${problems.join('\n- ')}`);
		process.stdout.write(`package check, ${pkg.name}: one service, no dependencies\n`);
		n8nNodeLint(pkg.builtDir);
		await lintLeg(`${pkg.name} sources`, pkg.builtDir, [
			'package.json',
			'{nodes,credentials}/**/*.{js,ts,json}',
		]);
		await lintLeg(`${pkg.name} dist`, pkg.builtDir, ['package.json', 'dist/**/*.js']);
	}
}

/**
 * Runs one of the TypeScript scripts under scripts/ (the demo, the benchmarks) without a separate
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
				// The sandboxes, the e2e runtime and the package tools are plain JS that find files
				// relative to themselves (fixtures, the repository): load them in place.
				name: 'plain-js-in-place',
				setup(build) {
					build.onResolve({ filter: /\/(sandbox|e2e|tools)\// }, (args) => ({
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
	await runScript('scripts/demo/affilBoxDemo.ts');
}

/** `npm run bench`: prints figures, never asserts (`gulp benchAnswers`: the large answers only). */
async function bench() {
	await runScript('scripts/bench/throughput.bench.ts');
	await benchAnswers();
}

/** Large answers: each figure is measured by answerProbe.js in a process of its own. */
async function benchAnswers() {
	const probe = await buildScript('scripts/bench/answerProbe.ts');
	await runScript('scripts/bench/answer.bench.ts', { BENCH_PROBE: probe });
}

exports.bundle = bundle;
exports.demo = demo;
exports.bench = bench;
exports.benchAnswers = benchAnswers;
exports.scan = scan;
