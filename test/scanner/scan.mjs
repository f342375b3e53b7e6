// n8n's own verification scanner (@n8n/scan-community-package) run on each package the way its
// command line runs on a published one (it only scans packages already on npm, so the functions it
// exports are called here, before publishing), both legs:
//  - sources: in a view of the committed tree (what GitHub's tarball of the release commit holds,
//    links kept; tools/sourceScan.js), the folder its own findPackageRoot finds for the package's
//    name, linted with its SOURCE_FILE_PATTERNS. What ESLint linted there is observed and judged: the
//    package's node and credential sources and the core, every one of them, nothing of the other
//    service (packages/<id>/ links to them, and a broken link would otherwise lint nothing);
//  - tarball: the unpacked `npm pack` of dist/<package name>/, compiled .js + package.json.
// It lives in this nested package because it pins eslint plugin versions other than the toolchain's.
// `node test/scanner/scan.mjs --repository <dir>` runs the sources leg alone on another repository
// (the jest test's bad ones).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { listPackages, ROOT } = require('../../tools/packages.js');
const { sourceFoldersNamed } = require('../../tools/checkPackage.js');
const { judgeSourceLeg, sourceView } = require('../../tools/sourceScan.js');

/** Installs the scanner exactly as its lock file says, once per lock file change. */
function ensureScanner() {
	const lock = fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8');
	const marker = path.join(here, 'node_modules', '.installed-lock.json');
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === lock) return;
	// Scripts off: one of the scanner's dependencies refuses any package manager but pnpm.
	const install = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: here,
		stdio: 'inherit',
	});
	if (install.status !== 0)
		throw new Error(`installing the scanner failed (exit ${install.status})`);
	fs.writeFileSync(marker, lock);
}

/** `npm pack` of a built package folder, unpacked as npm would publish it. @param {string} packageDir */
function unpackTarball(packageDir) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-scan-'));
	const pack = spawnSync(
		'npm',
		['pack', '--ignore-scripts', '--silent', '--pack-destination', dir],
		{
			cwd: packageDir,
			encoding: 'utf8',
		},
	);
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	const tarball = path.join(dir, pack.stdout.trim().split('\n').pop());
	const unpacked = path.join(dir, 'package');
	fs.mkdirSync(unpacked);
	const untar = spawnSync('tar', ['xzf', tarball, '-C', unpacked, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`could not unpack ${tarball}`);
	return { dir, unpacked };
}

/**
 * Watches what the scanner lints: its `analyzePackage` builds an ESLint of the scanner's own copy
 * and reports only errors, so a file it never reached (a broken link) or that ESLint ignored looks
 * the same as a clean one. The original `lintFiles` still does all the work.
 * @param {string} scannerFile
 */
function watchLinting(scannerFile) {
	const { ESLint } = createRequire(scannerFile)('eslint');
	/** @type {Array<{ filePath: string, messages: Array<{ message: string, fatal?: boolean, ruleId: string | null }> }>} */
	const results = [];
	const lintFiles = ESLint.prototype.lintFiles;
	ESLint.prototype.lintFiles = async function (/** @type {unknown[]} */ ...args) {
		const linted = await lintFiles.apply(this, args);
		results.push(...linted);
		return linted;
	};
	return results;
}

/** @param {string} name @param {{ passed: boolean, message?: string, details?: string }} result */
function report(name, result) {
	// The scanner passes a folder in which it found nothing to lint: that checked nothing.
	if (result.passed && !result.message) {
		process.stdout.write(`n8n verification scan, ${name}: passed\n`);
		return true;
	}
	process.stdout.write(
		`n8n verification scan, ${name}: FAILED — ${result.message}\n${result.details ?? ''}\n`,
	);
	return false;
}

/** @param {string} name @param {string[]} problems */
function reportProblems(name, problems) {
	if (problems.length === 0) return true;
	process.stdout.write(`n8n verification scan, ${name}: FAILED\n- ${problems.join('\n- ')}\n`);
	return false;
}

/**
 * The sources leg for every package of `repository`, in a view of its committed tree.
 * @param {any} scanner the scanner's module @param {ReturnType<typeof watchLinting>} seen
 * @param {string} repository
 */
async function scanSources(scanner, seen, repository) {
	const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = scanner;
	const view = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-source-view-'));
	try {
		sourceView(repository, view);
		const packages = listPackages(path.join(view, 'packages'));
		const fg = createRequire(scanner.file)('fast-glob');
		// The root's files the source patterns match: what some package's scan must lint.
		const candidates = fg.sync(SOURCE_FILE_PATTERNS, { cwd: view, ignore: ['**/node_modules/**'] });
		let ok = true;
		for (const pkg of packages) {
			const name = `${pkg.name}, sources (packages/${pkg.id}/)`;
			const root = findPackageRoot(view, pkg.name);
			const named = sourceFoldersNamed(view, pkg.name);
			if (root !== path.join(view, 'packages', pkg.id) || named.length !== 1) {
				ok =
					reportProblems(name, [
						`n8n's scan takes the first folder whose package.json is named ${pkg.name}: here ${root ? path.relative(view, root) : 'none'} of ${named.join(', ') || 'none'}; it must be packages/${pkg.id} alone`,
					]) && ok;
				continue;
			}
			seen.length = 0;
			const result = await analyzePackage(root, SOURCE_FILE_PATTERNS);
			const passed = report(name, result);
			const realView = fs.realpathSync(view);
			const linted = seen.map(({ filePath, messages }) => {
				const real = fs.realpathSync(filePath);
				const ignored = messages.find((m) => m.ruleId === null && /^File ignored/.test(m.message));
				return {
					file: path.relative(view, filePath),
					real: real.startsWith(`${realView}${path.sep}`)
						? path.relative(realView, real)
						: undefined,
					linted: ignored === undefined,
					why: ignored?.message,
				};
			});
			const problems = judgeSourceLeg({ pkg, packages, candidates, linted });
			if (passed && problems.length === 0) {
				/** @type {Map<string, number>} */ const counts = new Map();
				for (const { real = '' } of linted) {
					const where = real.startsWith('nodes/') ? real.split('/').slice(0, 2).join('/') : real;
					counts.set(where, (counts.get(where) ?? 0) + 1);
				}
				const parts = [...counts].map(([where, n]) =>
					where.startsWith('nodes/') ? `${n} in ${where}/` : where,
				);
				process.stdout.write(`  ${linted.length} files linted: ${parts.join(', ')}\n`);
			}
			ok = reportProblems(name, problems) && passed && ok;
		}
		return ok;
	} finally {
		fs.rmSync(view, { recursive: true, force: true });
	}
}

/** The tarball leg for every built package. @param {any} scanner */
async function scanTarballs(scanner) {
	let ok = true;
	for (const pkg of listPackages()) {
		if (!fs.existsSync(pkg.builtDir))
			throw new Error(`${pkg.builtDir} is missing: run npm run build first`);
		const { dir, unpacked } = unpackTarball(pkg.builtDir);
		try {
			// An empty tarball would pass: every node and credential entry must be in it.
			const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
			const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
			const missing = entries.filter((entry) => !fs.existsSync(path.join(unpacked, entry)));
			if (missing.length > 0)
				throw new Error(`the ${pkg.name} tarball lacks ${missing.join(', ')}: build first`);
			const links = fs
				.readdirSync(unpacked, { recursive: true, withFileTypes: true })
				.filter((entry) => entry.isSymbolicLink());
			if (links.length > 0)
				throw new Error(
					`the ${pkg.name} tarball holds links: ${links.map((l) => l.name).join(', ')}`,
				);
			const tarball = await scanner.analyzePackage(unpacked, ['**/*.js', 'package.json']);
			ok = report(`${pkg.name}, npm pack tarball`, tarball) && ok;
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
	return ok;
}

async function main() {
	// eslint-plugin-n8n-nodes-base reads file names another way when NODE_ENV is "test" (for its own
	// tests) and then refuses this repository's node files; jest sets it. Scan as n8n does.
	delete process.env.NODE_ENV;
	ensureScanner();
	const file = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const seen = watchLinting(file);
	const scanner = { ...(await import(file)), file };
	// Only a scanner that can fail is worth running: a known-bad package must be refused.
	const canary = await scanner.analyzePackage(path.join(here, 'canary'), [
		'**/*.js',
		'package.json',
	]);
	if (canary.passed)
		throw new Error('the scanner passed the known-bad canary package: it checks nothing');

	const repositoryFlag = process.argv.indexOf('--repository');
	if (repositoryFlag !== -1) {
		const repository = path.resolve(process.argv[repositoryFlag + 1]);
		if (!(await scanSources(scanner, seen, repository))) process.exitCode = 1;
		return;
	}
	const sources = await scanSources(scanner, seen, ROOT);
	const tarballs = await scanTarballs(scanner);
	if (!sources || !tarballs) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
