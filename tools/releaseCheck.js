#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * What a release tag must say before anything is published (.github/workflows/publish.yml runs
 * this first): `<package>-v<version>`, e.g. `affilbox-v1.2.3`, where <package> is a folder under
 * packages/, <version> is exactly the version in its package.json, and its CHANGELOG.md has an
 * entry `## [<version>]`.
 *
 *   node tools/releaseCheck.js affilbox-v1.2.3
 *
 * On success it prints `name=…`, `version=…` and `folder=…` (the built package folder to publish),
 * in the form GitHub Actions reads from $GITHUB_OUTPUT; otherwise it says why and exits with 1.
 */
const fs = require('node:fs');
const path = require('node:path');

const { listPackages, ROOT } = require('./packages');

const TAG = /^(?<id>[a-z0-9-]+?)-v(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** @param {string} text @returns {string} the text as a regular expression matching itself */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * @param {string} tag
 * @param {{ packagesDir?: string }} [options] another packages/ folder (tests)
 * @returns {{ name: string, version: string, folder: string }} what to publish
 */
function checkReleaseTag(tag, options = {}) {
	const packages = listPackages(options.packagesDir);
	const ids = packages.map((pkg) => `${pkg.id}-v<version>`).join(' or ');
	const match = TAG.exec(tag);
	if (!match?.groups)
		throw new Error(`tag "${tag}" is not ${ids} (e.g. ${packages[0]?.id}-v1.2.3)`);
	const { id, version } = match.groups;
	const pkg = packages.find((candidate) => candidate.id === id);
	if (!pkg) throw new Error(`tag "${tag}" names no package: tags are ${ids}`);
	if (pkg.version !== version)
		throw new Error(
			`tag "${tag}" is version ${version}, but packages/${id}/package.json says ${pkg.version}: change one of them`,
		);
	const changelog = path.join(pkg.sourceDir, 'CHANGELOG.md');
	const text = fs.existsSync(changelog) ? fs.readFileSync(changelog, 'utf8') : '';
	if (!new RegExp(`^## \\[${literal(version)}\\]`, 'm').test(text))
		throw new Error(
			`packages/${id}/CHANGELOG.md has no entry "## [${version}]": say what ${pkg.name} ${version} changes`,
		);
	return { name: pkg.name, version, folder: path.relative(ROOT, pkg.builtDir) };
}

if (require.main === module) {
	try {
		const release = checkReleaseTag(process.argv[2] ?? '');
		for (const [key, value] of Object.entries(release)) process.stdout.write(`${key}=${value}\n`);
	} catch (error) {
		process.stderr.write(`release check: ${error instanceof Error ? error.message : error}\n`);
		process.exitCode = 1;
	}
}

module.exports = { checkReleaseTag };
