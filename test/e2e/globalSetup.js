// @ts-check
'use strict';

/**
 * Before any end-to-end suite: the n8n under test (N8N_VERSION, default 2.41.1) is installed, so a
 * suite can see at load time what that n8n offers (test/e2e/ai.e2e.test.js skips, saying so, what
 * an older n8n does not have). Installing takes minutes the first time; later runs find it cached.
 */
const { ensureN8n } = require('./n8n/install');
const { duration } = require('./n8n/time');

module.exports = async function globalSetup() {
	const started = Date.now();
	const runtime = await ensureN8n();
	process.stdout.write(
		`\nEnd-to-end tests against n8n ${runtime.version} (Node ${runtime.nodeVersion}, ${runtime.dir})` +
			`${runtime.installedNow ? `, installed now in ${duration(Date.now() - started)}` : ''}\n`,
	);
};
