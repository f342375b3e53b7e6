// n8n's own verification scanner (@n8n/scan-community-package), run on each built package folder
// (dist/<package name>/, see tools/packages.js) the way its command line runs on a published
// package: one leg over the package's sources with its source patterns, one over the unpacked
// `npm pack` tarball of that package (compiled .js + package.json). The command line itself only
// scans packages already on npm, so the same exported function is called here before publishing.
// It lives in this nested package because it pins eslint plugin versions other than the toolchain's.
// `node test/scanner/scan.mjs <dir>` scans the sources of one other folder only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { listPackages } = createRequire(import.meta.url)('../../tools/packages.js');

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

async function main() {
	ensureScanner();
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
		'@n8n/scan-community-package/scanner/scanner.mjs'
	);
	// Only a scanner that can fail is worth running: a known-bad package must be refused.
	const canary = await analyzePackage(path.join(here, 'canary'), ['**/*.js', 'package.json']);
	if (canary.passed)
		throw new Error('the scanner passed the known-bad canary package: it checks nothing');

	if (process.argv[2]) {
		const target = path.resolve(process.argv[2]);
		const ok = report(process.argv[2], await analyzePackage(target, SOURCE_FILE_PATTERNS));
		if (!ok) process.exitCode = 1;
		return;
	}
	let ok = true;
	for (const pkg of listPackages()) {
		if (!fs.existsSync(pkg.builtDir))
			throw new Error(`${pkg.builtDir} is missing: run npm run build first`);
		const sources = await analyzePackage(pkg.builtDir, SOURCE_FILE_PATTERNS);
		ok = report(`${pkg.name}, sources`, sources) && ok;
		const { dir, unpacked } = unpackTarball(pkg.builtDir);
		try {
			// An empty tarball would pass: every node and credential entry must be in it.
			const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
			const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
			const missing = entries.filter((entry) => !fs.existsSync(path.join(unpacked, entry)));
			if (missing.length > 0)
				throw new Error(`the ${pkg.name} tarball lacks ${missing.join(', ')}: build first`);
			const tarball = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
			ok = report(`${pkg.name}, npm pack tarball`, tarball) && ok;
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
	if (!ok) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
