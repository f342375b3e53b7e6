// @ts-check
'use strict';

/**
 * The webhook calls the README shows (`curl -X POST …/webhook/<path> … -d '<json>'`), so the tests
 * send exactly what a reader would paste.
 */
const fs = require('node:fs');
const path = require('node:path');

const README = path.join(__dirname, '..', '..', '..', 'README.md');

/** @returns {Map<string, any>} webhook path → JSON body, for every curl call in the README */
function readmeCurlBodies() {
	const text = fs.readFileSync(README, 'utf8');
	const bodies = new Map();
	const call = /curl -X POST \S*\/webhook\/([\w-]+)[^\n]*?-d '([^']*)'/g;
	for (const match of text.matchAll(call)) {
		if (!bodies.has(match[1])) bodies.set(match[1], JSON.parse(match[2]));
	}
	return bodies;
}

module.exports = { readmeCurlBodies };
