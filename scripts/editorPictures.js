#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Runs the editor checks (checks.js) against a running `npm start` and takes the README's pictures
 * of the editor into docs/ (or the folder given):
 *   node scripts/editorPictures.js [picturesFolder]
 * N8N_PORT and AFFILBOX_SANDBOX_PORT / AFFELIOS_SANDBOX_PORT as for `npm start`. Prints one line per
 * check and exits 1 when one fails. The affiliate e2e suite runs the same checks in its own n8n.
 */
const path = require('node:path');

const { installedN8n } = require('../test/e2e/n8n/install');
const { releaseTraits } = require('../test/e2e/n8n/releaseTraits');
const { AFFILBOX_KEY, CREDENTIAL_IDS } = require('../test/e2e/n8n/sandboxStack');
const { CHECKS } = require('../test/e2e/editor/checks');
const { openEditor } = require('../test/e2e/editor/session');

/** @param {string} name @param {number} fallback */
const port = (name, fallback) => Number(process.env[name] || fallback);

async function main() {
	const stack = {
		affilbox: {
			url: `http://127.0.0.1:${port('AFFILBOX_SANDBOX_PORT', 8081)}/api/`,
			key: AFFILBOX_KEY,
		},
		affelios: { url: `http://127.0.0.1:${port('AFFELIOS_SANDBOX_PORT', 8082)}` },
		credentials: CREDENTIAL_IDS,
		// The n8n `npm start` runs (N8N_VERSION, else the default).
		release: releaseTraits(installedN8n()),
		pictures: process.argv[2] ?? path.join(__dirname, '..', 'docs'),
	};
	const started = Date.now();
	const editor = await openEditor(`http://localhost:${port('N8N_PORT', 5678)}`);
	let failed = 0;
	try {
		for (const check of CHECKS) {
			const at = Date.now();
			try {
				await check.run(editor, stack);
				process.stdout.write(`ok   ${check.name} (${Math.round((Date.now() - at) / 1000)} s)\n`);
			} catch (error) {
				failed += 1;
				const message = error instanceof Error ? error.message : String(error);
				process.stdout.write(`FAIL ${check.name}\n     ${message.split('\n').join('\n     ')}\n`);
			}
		}
	} finally {
		await editor.close();
	}
	process.stdout.write(
		`${CHECKS.length - failed} of ${CHECKS.length} checks passed in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
	if (failed > 0) process.exit(1);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
