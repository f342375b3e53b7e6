// @ts-check
'use strict';

/**
 * The source leg of n8n's verification scan as it happens to a published package: the scan fetches
 * the commit its npm provenance names (GitHub's tarball of the committed tree, symbolic links kept),
 * takes the folder whose package.json has the package's name (packages/<id>/ here) and lints
 * `{nodes,credentials}/**` there. Those folders link to the package's sources at the root. This
 * file builds that view of a repository and judges what the scanner linted in it
 * (test/scanner/scan.mjs runs the scanner itself; a jest test feeds the judge bad repositories).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** The core both platforms use (one idea, one implementation): every package's scan lints it. */
const CORE = 'nodes/shared';
/** What is never committed (see .gitignore), for a folder that is no git checkout. */
const NEVER_COMMITTED = new Set(['.git', 'node_modules', 'dist', 'coverage']);

/** @param {string} file @returns {boolean} whether it exists (a link counts, wherever it points) */
function present(file) {
	try {
		fs.lstatSync(file);
		return true;
	} catch {
		return false;
	}
}

/**
 * The files of `repository` that a commit of it holds: git's tracked and untracked-but-not-ignored
 * files of the working tree (what the next commit would hold), or, in a folder that is no git
 * checkout of its own, every file but the never-committed folders. Links are listed, not entered.
 * @param {string} repository
 * @returns {string[]} paths relative to `repository`
 */
function committedFiles(repository) {
	const top = spawnSync('git', ['rev-parse', '--show-toplevel'], {
		cwd: repository,
		encoding: 'utf8',
	});
	if (top.status === 0 && fs.realpathSync(top.stdout.trim()) === fs.realpathSync(repository)) {
		const listed = spawnSync(
			'git',
			['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
			{ cwd: repository, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
		);
		if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
		return listed.stdout
			.split('\0')
			.filter((file) => file !== '' && present(path.join(repository, file)));
	}
	/** @type {string[]} */
	const files = [];
	/** @param {string} relative */
	const walk = (relative) => {
		for (const entry of fs.readdirSync(path.join(repository, relative), { withFileTypes: true })) {
			const file = path.join(relative, entry.name);
			if (entry.isDirectory() && !NEVER_COMMITTED.has(entry.name)) walk(file);
			else if (!entry.isDirectory()) files.push(file);
		}
	};
	walk('');
	return files;
}

/**
 * Copies what a commit of `repository` holds into the empty folder `into`, links as links (their
 * target verbatim, as in GitHub's tarball): the tree n8n's scan would download.
 * @param {string} repository @param {string} into
 * @returns {string[]} the files, relative to `into`
 */
function sourceView(repository, into) {
	const files = committedFiles(repository);
	for (const file of files) {
		const from = path.join(repository, file);
		const to = path.join(into, file);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		if (fs.lstatSync(from).isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
		else fs.copyFileSync(from, to);
	}
	return files;
}

/** `dist/nodes/AffilBox/AffilBox.node.js` → `nodes/AffilBox/AffilBox.node.ts`. @param {string} entry */
const sourceOfEntry = (entry) => entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/**
 * @typedef {{ id: string, name: string, manifest: { n8n: { nodes: string[], credentials: string[] } } }} ScannedPackage
 * @typedef {{ file: string, real: string | undefined, linted: boolean, why?: string }} LintedFile
 *   `file`: as the scanner named it, relative to the repository; `real`: the file it is (links
 *   resolved), relative to the repository, undefined when it lies outside; `linted`: false when
 *   ESLint only reported it as ignored (`why`)
 */

/**
 * What each package owns at the root: the folders of its nodes (`nodes/<Platform>`) and its
 * credential sources.
 * @param {ScannedPackage} pkg
 */
function sourcesOf(pkg) {
	const folders = [
		...new Set(
			pkg.manifest.n8n.nodes.map((entry) => sourceOfEntry(entry).split('/').slice(0, 2).join('/')),
		),
	];
	const credentials = pkg.manifest.n8n.credentials.map(sourceOfEntry);
	return { folders, credentials };
}

/**
 * Whose source a root file is: a package's name, 'core', or undefined (no node or credential source).
 * @param {string} file @param {ScannedPackage[]} packages
 */
function ownerOf(file, packages) {
	if (file.startsWith(`${CORE}/`)) return 'core';
	for (const pkg of packages) {
		const { folders, credentials } = sourcesOf(pkg);
		if (credentials.includes(file) || folders.some((folder) => file.startsWith(`${folder}/`)))
			return pkg.name;
	}
	return undefined;
}

/** @param {string[]} files @param {number} [max] */
const some = (files, max = 5) =>
	files.slice(0, max).join(', ') + (files.length > max ? ` and ${files.length - max} more` : '');

/**
 * Problems of the source leg for `pkg`; none means the scan linted exactly its sources.
 * @param {{ pkg: ScannedPackage, packages: ScannedPackage[], candidates: string[], linted: LintedFile[] }} leg
 *   `candidates`: the root's files that the scanner's source patterns match (relative to the
 *   repository); `linted`: what the scanner linted in the package's folder
 * @returns {string[]}
 */
function judgeSourceLeg({ pkg, packages, candidates, linted }) {
	const problems = [];
	const folder = `packages/${pkg.id}`;
	const { folders, credentials } = sourcesOf(pkg);
	/** @type {Set<string>} */ const reached = new Set();
	/** @type {Map<string, string[]>} linted files of another package (or of none: '') by owner */
	const foreign = new Map();
	for (const { file, real, linted: wasLinted, why } of linted) {
		if (!wasLinted) {
			problems.push(`ESLint did not lint ${file}: ${why}`);
			continue;
		}
		if (real === undefined) {
			problems.push(
				`${file} leads out of the repository (a link must be relative: GitHub's tarball holds only the repository)`,
			);
			continue;
		}
		reached.add(real);
		if (real === `${folder}/package.json`) continue;
		const owner = ownerOf(real, packages);
		if (owner === pkg.name || owner === 'core') continue;
		foreign.set(owner ?? '', [...(foreign.get(owner ?? '') ?? []), `${file} (${real})`]);
	}
	for (const [owner, files] of foreign)
		problems.push(
			owner === ''
				? `${files.length} linted files are no node or credential source of ${pkg.name}: ${some(files)}`
				: `${files.length} linted files are sources of ${owner}, the other service's code scanned as ${pkg.name}'s: ${some(files)}`,
		);
	if (!reached.has(`${folder}/package.json`))
		problems.push(`${folder}/package.json was not linted`);
	// A link missing or pointing elsewhere leaves a whole folder unlinted: say which link.
	const unreached = [...folders, CORE].filter(
		(linked) => ![...reached].some((file) => file.startsWith(`${linked}/`)),
	);
	for (const linked of unreached)
		problems.push(
			`no source of ${linked}/ was linted: ${folder}/${linked} must link to ../../../${linked}`,
		);
	for (const credential of credentials) {
		if (!reached.has(credential))
			problems.push(
				`${credential} was not linted: ${folder}/${credential} must link to ../../../${credential}`,
			);
	}
	const missed = candidates.filter((file) => {
		const owner = ownerOf(file, packages);
		return (
			(owner === pkg.name || owner === 'core') &&
			!reached.has(file) &&
			!credentials.includes(file) &&
			!unreached.some((linked) => file.startsWith(`${linked}/`))
		);
	});
	if (missed.length > 0)
		problems.push(`${missed.length} of its sources were not linted: ${some(missed.sort())}`);
	return problems;
}

module.exports = { CORE, committedFiles, sourceView, sourcesOf, ownerOf, judgeSourceLeg };
