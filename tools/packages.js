// @ts-check
'use strict';

/**
 * The publishable packages, one per service. Each has a folder under packages/ holding what is its
 * own: the package.json that is published (name, version, the `n8n` section with only its nodes and
 * credentials), its README.md and CHANGELOG.md, and relative links to its sources at the root
 * (nodes/<Platform>, nodes/shared, its credential, its icons), because n8n's scan of a published
 * package lints `{nodes,credentials}/**` in the folder named like it (see CONTRIBUTING.md).
 * `npm run build` turns each into a folder of its own, dist/<package name>/, laid out as n8n's
 * tools expect a community package:
 *
 *   package.json, README.md, CHANGELOG.md, LICENSE      what npm publishes besides dist/
 *   dist/                                               the bundled nodes and credentials, codex, icons
 *   nodes/, credentials/, icons/                        what packages/<id>/ links to, as plain files,
 *   eslint.config.mjs, tsconfig.json                    for n8n-node lint (ESLint does not walk into
 *                                                       linked folders)
 *
 * `files` in package.json keeps the sources out of the tarball.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGES_DIR = path.join(ROOT, 'packages');
/** Where `n8n-node build` (tsc and the static files) writes, and the package folders go. */
const DIST = path.join(ROOT, 'dist');
/** Libraries n8n provides at run time: never bundled. */
const EXTERNAL = ['n8n-workflow', 'luxon'];
/** The folders of packages/<id>/ that link to its sources (the scan checks the icons nodes name). */
const LINKED_FOLDERS = ['nodes', 'credentials', 'icons'];

/**
 * @typedef {{ name: string, version: string, n8n: { nodes: string[], credentials: string[] },
 *   dependencies?: Record<string, string>, devDependencies?: Record<string, string>,
 *   [field: string]: unknown }} Manifest
 * @typedef {{ id: string, sourceDir: string, manifestFile: string, manifest: Manifest,
 *   name: string, version: string, builtDir: string }} PublishablePackage
 */

/**
 * Every package under `packagesDir` (a folder with a package.json), sorted by folder name.
 * `id` is the folder name: tags are `<id>-v<version>`.
 * @param {string} [packagesDir]
 * @returns {PublishablePackage[]}
 */
function listPackages(packagesDir = PACKAGES_DIR) {
	return fs
		.readdirSync(packagesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => path.join(packagesDir, entry.name))
		.filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
		.sort()
		.map((sourceDir) => {
			const manifestFile = path.join(sourceDir, 'package.json');
			const manifest = /** @type {Manifest} */ (JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
			return {
				id: path.basename(sourceDir),
				sourceDir,
				manifestFile,
				manifest,
				name: manifest.name,
				version: manifest.version,
				builtDir: path.join(DIST, manifest.name),
			};
		});
}

/** @param {string} name @returns {PublishablePackage} */
function packageNamed(name) {
	const found = listPackages().find((pkg) => pkg.name === name);
	if (!found) throw new Error(`no package named ${name} under ${PACKAGES_DIR}`);
	return found;
}

/** @param {PublishablePackage} pkg @returns {string[]} its `n8n` entries (dist/… paths) */
function entriesOf(pkg) {
	return [...pkg.manifest.n8n.nodes, ...pkg.manifest.n8n.credentials];
}

/** @param {string} from @param {string} to */
function copyFile(from, to) {
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.copyFileSync(from, to);
}

/** `dist/x/y.js` (tsc's output) → `x/y.ts` (its source, relative to the root), other files keep their name. @param {string} built */
function sourceOf(built) {
	return path.relative(DIST, built).replace(/\.js$/, '.ts');
}

/** Icons a node or credential names (`file:../../icons/x.svg`), as paths relative to its file. @param {string} code */
function iconReferences(code) {
	return [...new Set([...code.matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g)].map((m) => m[1]))];
}

/** esbuild's settings for a package's code: n8n-workflow and luxon are left to n8n. */
const BUNDLE_SETTINGS = /** @type {const} */ ({
	absWorkingDir: ROOT,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: EXTERNAL,
	legalComments: 'inline',
	logLevel: 'warning',
	metafile: true,
});

/** Where a package's one bundle goes, inside its dist/. @param {PublishablePackage} pkg */
function bundleFileOf(pkg) {
	return path.join(pkg.builtDir, 'dist', `${pkg.id}.bundle.js`);
}

/**
 * Builds one package folder from what `n8n-node build` wrote into dist/: the package's code bundled
 * into one self-contained file (the core, fast-xml-parser and saxes inside; n8n-workflow and luxon
 * left to n8n), each node and credential file handing out its part of it (n8n requires every one of
 * them at start-up: one bundle is read and compiled once, not once per entry), the codex files and
 * icons its nodes and credentials name, the package's own files, and what packages/<id>/ links to,
 * copied. Every source that went into the bundle (esbuild's list of inputs) must be among those:
 * n8n's scan lints only what the package's folder holds.
 * @param {PublishablePackage} pkg
 */
async function assemblePackage(pkg) {
	const esbuild = require('esbuild');
	const out = pkg.builtDir;
	fs.rmSync(out, { recursive: true, force: true });
	for (const folder of LINKED_FOLDERS) {
		const linked = path.join(pkg.sourceDir, folder);
		if (fs.existsSync(linked))
			fs.cpSync(linked, path.join(out, folder), { recursive: true, dereference: true });
	}
	/** @type {Set<string>} */
	const sources = new Set();
	const bundleFile = bundleFileOf(pkg);

	for (const entry of entriesOf(pkg)) {
		const compiled = path.join(ROOT, entry);
		if (!fs.existsSync(compiled))
			throw new Error(`${pkg.name}: ${entry} is missing: run n8n-node build first`);
		// Built alone but not written: what goes into this entry, and the icons it names (relative to it).
		const alone = await esbuild.build({
			...BUNDLE_SETTINGS,
			entryPoints: [compiled],
			write: false,
		});
		for (const input of Object.keys(alone.metafile.inputs)) {
			const file = path.join(ROOT, input);
			if (!path.relative(DIST, file).startsWith('..')) sources.add(sourceOf(file));
		}
		const outfile = path.join(out, entry);
		const bundle = path.relative(path.dirname(outfile), bundleFile).split(path.sep).join('/');
		fs.mkdirSync(path.dirname(outfile), { recursive: true });
		fs.writeFileSync(
			outfile,
			`"use strict";\n// This package's code is one bundle; this ${entry.includes('/credentials/') ? 'credential' : 'node'} is its part ${JSON.stringify(entry)}.\nmodule.exports = require(${JSON.stringify(bundle.startsWith('.') ? bundle : `./${bundle}`)})[${JSON.stringify(entry)}];\n`,
		);
		// n8n reads a node's codex (search aliases, docs links) from the JSON file beside it.
		const codex = compiled.replace(/\.js$/, '.json');
		if (fs.existsSync(codex)) {
			copyFile(codex, path.join(out, entry.replace(/\.js$/, '.json')));
			sources.add(sourceOf(codex));
		}
		for (const icon of iconReferences(alone.outputFiles[0].text)) {
			const built = path.resolve(path.dirname(compiled), icon);
			copyFile(built, path.join(out, path.relative(ROOT, built)));
			sources.add(sourceOf(built));
		}
	}
	// Each entry's module runs when its part is first asked for, as it would have run alone.
	const parts = entriesOf(pkg)
		.map(
			(entry) =>
				`Object.defineProperty(exports, ${JSON.stringify(entry)}, { enumerable: true, get: () => require(${JSON.stringify(`./${entry}`)}) });`,
		)
		.join('\n');
	await esbuild.build({
		...BUNDLE_SETTINGS,
		stdin: { contents: parts, resolveDir: ROOT, sourcefile: `${pkg.id}.bundle.js`, loader: 'js' },
		outfile: bundleFile,
	});
	const unlinked = [...sources].filter((source) => !fs.existsSync(path.join(out, source)));
	if (unlinked.length > 0)
		throw new Error(
			`${pkg.name} bundles ${unlinked.sort().join(', ')}, which packages/${pkg.id}/ does not link to: n8n's scan of the published package would not lint it (a clone without symbolic links? see CONTRIBUTING.md)`,
		);

	copyFile(pkg.manifestFile, path.join(out, 'package.json'));
	for (const file of ['README.md', 'CHANGELOG.md'])
		copyFile(path.join(pkg.sourceDir, file), path.join(out, file));
	// n8n-node lint runs in the folder: the strict default config, and the compiler settings its
	// import resolver reads.
	for (const file of ['LICENSE', 'eslint.config.mjs', 'tsconfig.json'])
		copyFile(path.join(ROOT, file), path.join(out, file));
}

/**
 * `gulp bundle` after `n8n-node build`: one folder per package, then tsc's own output removed, so
 * that dist/ holds only the package folders.
 */
async function assemblePackages() {
	const packages = listPackages();
	for (const pkg of packages) await assemblePackage(pkg);
	const keep = new Set(packages.map((pkg) => pkg.builtDir));
	for (const entry of fs.readdirSync(DIST)) {
		const file = path.join(DIST, entry);
		if (!keep.has(file)) fs.rmSync(file, { recursive: true, force: true });
	}
	return packages;
}

module.exports = {
	ROOT,
	DIST,
	EXTERNAL,
	PACKAGES_DIR,
	listPackages,
	packageNamed,
	entriesOf,
	assemblePackages,
};
