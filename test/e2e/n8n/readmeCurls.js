// @ts-check
'use strict';

/**
 * The webhook calls the package READMEs show (`curl -X POST …/webhook/<path> … -d '<json>'`, under
 * Usage), so the tests send exactly what a reader would paste.
 */
const fs = require('node:fs');
const path = require('node:path');

const { listPackages } = require('../../../tools/packages');

/** @returns {Map<string, any>} webhook path → JSON body, for every curl call in a package README */
function readmeCurlBodies() {
	const bodies = new Map();
	const call = /curl -X POST \S*\/webhook\/([\w-]+)[^\n]*?-d '([^']*)'/g;
	for (const pkg of listPackages()) {
		const text = fs.readFileSync(path.join(pkg.sourceDir, 'README.md'), 'utf8');
		for (const match of text.matchAll(call)) {
			if (!bodies.has(match[1])) bodies.set(match[1], JSON.parse(match[2]));
		}
	}
	return bodies;
}

module.exports = { readmeCurlBodies };
