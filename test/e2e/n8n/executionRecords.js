// @ts-check
'use strict';

/**
 * n8n's own record of its executions, read straight from its PostgreSQL database (queue mode):
 * `execution_entity` (which workflow, status, mode) and `execution_data` (the run, stored in the
 * `flatted` format; parsed with n8n's own copy of flatted, as is what its REST API sends).
 */
const path = require('node:path');

/**
 * n8n's own copy of flatted, which its execution data is stored (and sent to the editor) in.
 * @param {{ dir: string }} runtime the n8n install
 * @returns {{ parse: (text: string) => any }}
 */
function flattedOf(runtime) {
	return require(path.join(runtime.dir, 'node_modules', 'flatted'));
}

/**
 * @param {{ query: (sql: string) => Promise<string> }} postgres
 * @param {{ dir: string }} runtime the n8n install (for its flatted)
 */
function executionRecords(postgres, runtime) {
	const flatted = flattedOf(runtime);

	/**
	 * @param {string} workflowId
	 * @returns {Promise<Array<{ id: string, status: string, mode: string, finished: boolean, data: any }>>}
	 */
	async function ofWorkflow(workflowId) {
		const text = await postgres.query(
			`SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'status', e.status, 'mode', e.mode,
			   'finished', e.finished, 'data', d.data) ORDER BY e.id), '[]')
			 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			 WHERE e."workflowId" = '${workflowId.replace(/'/g, "''")}'`,
		);
		return JSON.parse(text.trim() || '[]').map((/** @type {any} */ row) => ({
			...row,
			data: row.data ? flatted.parse(row.data) : undefined,
		}));
	}

	return { ofWorkflow };
}

/**
 * The items a node put out in an execution (its first run, first output), or what n8n was about to
 * give it when the execution never got there.
 * @param {any} data an execution's parsed data
 * @param {string} node
 * @returns {any[]} the items' json
 */
function itemsOf(data, node) {
	const run = data?.resultData?.runData?.[node]?.[0];
	if (run?.data?.main?.[0]) return run.data.main[0].map((/** @type {any} */ item) => item.json);
	return [];
}

module.exports = { executionRecords, flattedOf, itemsOf };
