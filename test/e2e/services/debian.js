// @ts-check
'use strict';

/**
 * Finding the programs a Debian package installs, and saying plainly how to get them when they are
 * missing (the queue-mode run fails then; it never skips).
 */
const fs = require('node:fs');
const path = require('node:path');

/** @param {string} program @returns {string | undefined} its path on PATH */
function onPath(program) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, program);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}

/**
 * @param {string} what e.g. "redis-server"
 * @param {string} debianPackage
 */
function missingPackage(what, debianPackage) {
	return new Error(
		`${what} is not installed on this machine, so the queue-mode run cannot start it. ` +
			`Install Debian's package: apt-get install -y ${debianPackage} (.ci/run does this on a cold machine).`,
	);
}

module.exports = { onPath, missingPackage };
