// @ts-check
'use strict';

/**
 * The package check (`gulp scan` runs it on each built package folder, a jest test feeds it bad
 * ones): a package n8n can verify integrates exactly one service and installs nothing besides
 * itself. It reads what n8n will load (the built entries of the `n8n` section), not the sources.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./packages');

const DEPENDENCY_FIELDS = [
	'dependencies',
	'optionalDependencies',
	'bundleDependencies',
	'bundledDependencies',
];
/** Fields both packages and the development root must agree on. */
const SHARED_FIELDS = ['license', 'author', 'engines', 'peerDependencies'];

/** @param {unknown} value */
const json = (value) => JSON.stringify(value);

/** @param {unknown} value @returns {boolean} whether a dependency field lists anything */
function listsSomething(value) {
	if (Array.isArray(value)) return value.length > 0;
	return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/**
 * The classes a built entry exports, instantiated as n8n does.
 * @param {string} file
 * @returns {any[]}
 */
function instancesIn(file) {
	const exported = require(file);
	return Object.values(exported)
		.filter((value) => typeof value === 'function')
		.map((Type) => new Type());
}

/** @param {any} node @returns {string[]} the credential names a node (every version of it) uses */
function credentialsUsedBy(node) {
	const descriptions = node.nodeVersions
		? Object.values(node.nodeVersions).map((/** @type {any} */ version) => version.description)
		: [node.description];
	return descriptions.flatMap((description) =>
		(description?.credentials ?? []).map((/** @type {{ name: string }} */ c) => c.name),
	);
}

/** `dist/nodes/<Platform>/…` → `<Platform>`. @param {string} entry */
const platformOf = (entry) => /^dist\/nodes\/([^/]+)\//.exec(entry)?.[1] ?? '(outside dist/nodes)';

/**
 * Problems of the built package in `dir`; none means it passes.
 * @param {string} dir
 * @param {{ packages: Array<{ id: string, name: string, manifest: any }>, rootManifest?: any }} context
 *   `packages`: every publishable package (their committed manifests); `rootManifest`: the
 *   development root's package.json (default: this repository's)
 * @returns {string[]}
 */
function checkPackage(dir, context) {
	const rootManifest =
		context.rootManifest ?? JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const problems = [];
	const own = context.packages.find((pkg) => pkg.name === manifest.name);
	if (!own) problems.push(`${manifest.name} is not one of the packages under packages/`);
	else if (json(own.manifest) !== json(manifest))
		problems.push(`package.json differs from packages/${own.id}/package.json: run npm run build`);

	// Nothing to install: n8n installs a community package without its dev dependencies.
	for (const field of DEPENDENCY_FIELDS) {
		if (listsSomething(manifest[field]))
			problems.push(
				`has ${field} (${json(manifest[field])}): the build must bundle what the package uses`,
			);
	}
	for (const [name, range] of Object.entries(manifest.devDependencies ?? {})) {
		if (rootManifest.devDependencies?.[name] !== range)
			problems.push(
				`devDependency ${name} ${range} is not the development root's (${rootManifest.devDependencies?.[name] ?? 'none'}): the bundle is built from the root's`,
			);
	}
	for (const field of SHARED_FIELDS) {
		if (json(manifest[field]) !== json(rootManifest[field]))
			problems.push(
				`${field} ${json(manifest[field])} is not the development root's ${json(rootManifest[field])}`,
			);
	}
	if (json(manifest.peerDependencies) !== json({ 'n8n-workflow': '*' }))
		problems.push(`peerDependencies must be exactly {"n8n-workflow":"*"}`);
	if (own && manifest.repository?.directory !== `packages/${own.id}`)
		problems.push(`repository.directory must be packages/${own.id}`);
	if (manifest.repository?.url !== rootManifest.repository?.url)
		problems.push(
			`repository.url must be the development root's (${rootManifest.repository?.url})`,
		);
	if (!manifest.keywords?.includes('n8n-community-node-package'))
		problems.push('keywords lack n8n-community-node-package');
	if (manifest.n8n?.strict !== true) problems.push('n8n.strict must be true');
	if (!manifest.files?.includes('dist')) problems.push('files must include dist');

	// One service: its nodes live in one platform folder, and its credentials are the ones they use.
	const nodes = manifest.n8n?.nodes ?? [];
	const credentials = manifest.n8n?.credentials ?? [];
	if (nodes.length === 0) problems.push('n8n.nodes lists no node');
	const platforms = [...new Set(nodes.map(platformOf))];
	if (platforms.length > 1)
		problems.push(
			`lists nodes of ${platforms.length} services (${platforms.join(', ')}): one package, one service`,
		);
	/** @type {Set<string>} */ const used = new Set();
	/** @type {Map<string, string>} */ const listed = new Map();
	for (const entry of [...nodes, ...credentials]) {
		const file = path.join(dir, entry);
		if (!fs.existsSync(file)) {
			problems.push(`${entry} is listed but not built`);
			continue;
		}
		for (const instance of instancesIn(file)) {
			if (nodes.includes(entry)) credentialsUsedBy(instance).forEach((name) => used.add(name));
			else if (typeof instance.name === 'string') listed.set(instance.name, entry);
		}
	}
	for (const [name, entry] of listed) {
		if (!used.has(name))
			problems.push(`lists credential ${name} (${entry}), which none of its nodes uses`);
	}
	for (const name of used) {
		if (!listed.has(name))
			problems.push(`its nodes use credential ${name}, which it does not list`);
	}
	for (const other of context.packages) {
		if (other.name === manifest.name) continue;
		const theirs = new Set([...other.manifest.n8n.nodes, ...other.manifest.n8n.credentials]);
		for (const entry of [...nodes, ...credentials]) {
			if (theirs.has(entry)) problems.push(`lists ${entry}, which ${other.name} publishes`);
		}
	}
	return problems;
}

/**
 * The folders n8n's verification scan would take for `name` in a checkout of this repository: it
 * lints the source folder whose package.json has the published package's name (the first it finds;
 * dist/ is never committed).
 * @param {string} root @param {string} name @returns {string[]} their paths relative to `root`
 */
function sourceFoldersNamed(root, name) {
	const fg = require('fast-glob');
	return fg
		.sync('**/package.json', { cwd: root, ignore: ['**/node_modules/**', 'dist/**'] })
		.filter((file) => {
			try {
				return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')).name === name;
			} catch {
				return false;
			}
		})
		.map((file) => path.dirname(file))
		.sort();
}

/**
 * Problems of the set of packages: every node and credential of the development root is published
 * by exactly one package, and the verification scan finds each package's own folder, and only it.
 * @param {Array<{ id: string, name: string, manifest: any }>} packages
 * @param {any} rootManifest
 * @param {string} [root] the repository
 * @returns {string[]}
 */
function checkPackageSet(packages, rootManifest, root = ROOT) {
	const problems = [];
	for (const pkg of packages) {
		const found = sourceFoldersNamed(root, pkg.name);
		if (json(found) !== json([`packages/${pkg.id}`]))
			problems.push(
				`n8n's scan looks for the folder whose package.json is named ${pkg.name}: found ${found.length === 0 ? 'none' : found.join(', ')}, not only packages/${pkg.id}`,
			);
	}
	for (const entry of [...rootManifest.n8n.nodes, ...rootManifest.n8n.credentials]) {
		const publishers = packages.filter((pkg) =>
			[...pkg.manifest.n8n.nodes, ...pkg.manifest.n8n.credentials].includes(entry),
		);
		if (publishers.length !== 1)
			problems.push(
				`${entry} is published by ${publishers.length === 0 ? 'no package' : publishers.map((pkg) => pkg.name).join(' and ')}`,
			);
	}
	return problems;
}

module.exports = { checkPackage, checkPackageSet, sourceFoldersNamed };
