// @ts-check
'use strict';

/**
 * What differs between the n8n releases the end-to-end tests run against (N8N_VERSION), read off
 * the installed n8n itself where a file tells, so a test adapts how it drives n8n and never what
 * it checks. Seen in n8n 2.41.1 and 1.123.81:
 * - 2.x saves workflows as drafts and `n8n publish:workflow` makes one active; 1.x has no such
 *   command and activates with `n8n update:workflow --active=true` (both take effect at start);
 * - `n8n export:nodes` (the node types n8n loaded) exists in 1.123.81 and 2.x, not in 1.85.4;
 * - 1.82.3 and 1.85.4 import only a list of workflows (a single one: "workflows.map is not a
 *   function"), which every release takes;
 * - 2.x hands a tool node's error to the AI Agent's model by default; 1.x stops the workflow unless
 *   the tool node's On Error is set to Continue;
 * - what n8n logs (debug level) around a workflow's activation: 2.x "Poll trigger initiated …",
 *   "Activated trigger node …", then "Finished processing workflow publication outbox record";
 *   1.x "Polling trigger initiated …", then "Activated workflow …" (1.123.81) or "Workflow … activated"
 *   (1.85.4) once the activation poll is done;
 * - publishing from the editor (REST): 2.x `POST /rest/workflows/:id/activate` (and `/deactivate`),
 *   1.x `PATCH /rest/workflows/:id` with `active`;
 * - 2.x activates a published workflow through a publication outbox, giving up after 0.7 ×
 *   N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS; 1.x waits for the activation as long as it takes;
 * - durable poll cursors (N8N_POLLER_DURABLE_CURSORS_ENABLED) exist from n8n 2.36 on.
 */
const fs = require('node:fs');
const path = require('node:path');

/** @param {{ n8n: string }} runtime the installed n8n (test/e2e/n8n/install.js): `n8n` is its bin file */
function n8nPackageDir(runtime) {
	return path.dirname(path.dirname(runtime.n8n));
}

/**
 * @param {{ n8n: string }} runtime
 */
function releaseTraits(runtime) {
	const dir = n8nPackageDir(runtime);
	const version = /** @type {string} */ (
		JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version
	);
	const major = Number(version.split('.')[0]);
	const hasCommand = (/** @type {string} */ file) =>
		fs.existsSync(path.join(dir, 'dist', 'commands', ...file.split('/')));
	const hasPublish = hasCommand('publish/workflow.js');
	const hasFile = (/** @type {string} */ file) =>
		fs.existsSync(path.join(dir, 'dist', ...file.split('/')));
	return {
		version,
		major,
		/** @param {string} id the CLI arguments that make a saved workflow active at the next start */
		activateArgs: (id) =>
			hasPublish
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'],
		/**
		 * The REST call the editor makes to publish (`active`) or unpublish a workflow, given the
		 * version the editor has open.
		 * @param {string} id @param {boolean} active @param {string} versionId
		 * @returns {[string, string, object]} method, path under /rest, body
		 */
		restActivation: (id, active, versionId) =>
			hasPublish
				? active
					? ['POST', `/workflows/${id}/activate`, { versionId }]
					: ['POST', `/workflows/${id}/deactivate`, {}]
				: ['PATCH', `/workflows/${id}`, { active, versionId }],
		/** Whether n8n gives up on activating a workflow after a deadline (its publication outbox). */
		hasPublicationDeadline: hasFile(
			'workflows/publication/workflow-publication-outbox-consumer.js',
		),
		/** Whether n8n has durable poll cursors. */
		hasDurableCursors: hasFile('workflows/triggers/poll-cursor.service.js'),
		/** Whether `n8n export:nodes` lists the loaded node types (else read them off a started n8n). */
		hasExportNodes: hasCommand('export/nodes.js'),
		/** Whether a failed tool call reaches the model only with the tool node's On Error: Continue. */
		toolErrorsNeedContinue: major < 2,
		/**
		 * What the credential dialog says when a credential's test is refused (HTTP 401): n8n 2.x the
		 * credential's own message for that code; n8n 1.x (seen in 1.123.81) its own words instead.
		 * @param {string} credentialsOwn
		 */
		credentialRefusal: (credentialsOwn) =>
			major < 2 ? 'Authorization failed - please check your credentials' : credentialsOwn,
		/** n8n's log messages around an activation (its first poll included). */
		activationLog:
			major < 2
				? {
						pollStarted: /^Polling trigger initiated for workflow/,
						pollDone: /^(Activated workflow |Workflow ".*" \(ID: .*\) activated)/,
						activated: /^(Activated workflow |Workflow ".*" \(ID: .*\) activated)/,
					}
				: {
						pollStarted: /^Poll trigger initiated for workflow/,
						pollDone: /^Activated trigger node/,
						activated: /^Finished processing workflow publication outbox record/,
					},
	};
}

module.exports = { releaseTraits, n8nPackageDir };
