// @ts-check
'use strict';

/**
 * n8n's own REST API as its editor uses it, for what a user does there while n8n runs: the owner
 * account's session (made on first use, as `npm start` does), logging in, publishing and unpublishing a
 * workflow, reading the publication's outcome, the credentials, workflows and executions the editor
 * shows. What differs between releases
 * comes from releaseTraits.
 */
const { requestJson } = require('./readiness');
const { OWNER, createOwner } = require('./owner');

/**
 * Logged in as the owner (made first where needed).
 * @param {string} base
 * @param {ReturnType<typeof import('./releaseTraits').releaseTraits>} release
 */
async function ownerSession(base, release) {
	await createOwner(base);
	const login = await fetch(`${base}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!login.ok) throw new Error(`login failed: HTTP ${login.status} ${await login.text()}`);
	const cookie = (login.headers.getSetCookie?.() ?? [])
		.map((value) => value.split(';')[0])
		.join('; ');
	// Every call of a session carries the browser id the login was made with (as the editor does).
	const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'browser-id': 'e2e' };

	/**
	 * A REST call, repeated while n8n cannot answer (a busy or restarting n8n) unless `once`: a call
	 * that must not run twice (a retry of an execution) is sent once, whatever comes back.
	 * @param {string} method @param {string} path @param {unknown} [body] @param {boolean} [once]
	 */
	async function call(method, path, body, once = false) {
		if (once) {
			const response = await fetch(`${base}/rest${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text}`);
			const parsed = JSON.parse(text);
			return parsed?.data ?? parsed;
		}
		const answer = await requestJson(
			`${base}/rest${path}`,
			{ method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
			{ what: `${method} /rest${path}` },
		);
		if (answer.status >= 400)
			throw new Error(
				`${method} /rest${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`,
			);
		return answer.body?.data ?? answer.body;
	}

	/** @param {string} id @param {boolean} active */
	async function setActive(id, active) {
		const { versionId } = await call('GET', `/workflows/${id}`);
		const [method, path, body] = release.restActivation(id, active, versionId);
		return await call(method, path, body);
	}

	return {
		/** Publishes the workflow's current version (2.x), or makes it active (1.x). @param {string} id */
		publish: async (id) => await setActive(id, true),
		/** @param {string} id */
		unpublish: async (id) => await setActive(id, false),
		/**
		 * What the editor shows of a workflow's last publication (n8n 2.x): its status and each
		 * trigger's (with the error that stopped it).
		 * @param {string} id
		 * @returns {Promise<{ status: string, triggers: Array<{ nodeId: string, status: string, errorMessage?: string | null }> }>}
		 */
		publicationStatus: async (id) => await call('GET', `/workflows/${id}/publication-status`),
		/** The credentials as the editor lists them (no secrets). @returns {Promise<Array<{ id: string, name: string, type: string }>>} */
		credentials: async () => await call('GET', '/credentials'),
		/** The workflows as the editor lists them. @returns {Promise<Array<{ id: string, name: string, active: boolean }>>} */
		workflows: async () => await call('GET', '/workflows'),
		/**
		 * The executions of a workflow as the editor's list shows them (newest first), without data.
		 * @param {string} workflowId
		 * @returns {Promise<Array<{ id: string, status: string, mode: string }>>}
		 */
		executionsOf: async (workflowId) =>
			(
				await call(
					'GET',
					`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
				)
			).results,
		/**
		 * One execution as the editor opens it: its `data` is the run in n8n's `flatted` text
		 * (executionRecords.js reads it).
		 * @param {string} id
		 * @returns {Promise<{ id: string, status: string, data: string }>}
		 */
		execution: async (id) => await call('GET', `/executions/${id}`),
		/**
		 * Retries an execution as the execution list's Retry does ("with the original workflow"); n8n
		 * answers once the retry has run. Returns the retried execution as n8n answers it.
		 * @param {string} id
		 */
		retryExecution: async (id) =>
			await call('POST', `/executions/${id}/retry`, { loadWorkflow: false }, true),
	};
}

module.exports = { ownerSession };
