// @ts-check
'use strict';

/**
 * A workflow whose AffilBox Trigger cannot finish its first check in the time n8n 2.x gives an
 * activation: the sandbox holds its call (a gate, not a sleep) until the trigger gives up. The
 * trigger must stop before n8n's own deadline, so that what the editor shows is the trigger's
 * message, not n8n's "Workflow publication processing exceeded its deadline".
 */
const { waitFor, workflowTellingTheTest } = require('./watch');

const SLOW_WORKFLOW_ID = 'e2eSlowActivation';
/** Only this workflow watches this partner: its calls are the ones held. */
const SLOW_PARTNER = 'zofie';
/** With n8n's default lease (120 s): n8n gives an activation 84 s, the trigger's first attempt 64 s. */
const SLOW_MESSAGE =
	'The check n8n runs while activating this workflow could not finish in the time n8n gives an activation (84 s)';

/** @param {string} receiverUrl @param {{ id: string, name: string }} credential */
function slowActivationWorkflow(receiverUrl, credential) {
	return workflowTellingTheTest(
		SLOW_WORKFLOW_ID,
		'e2e conversions, activation that cannot finish',
		{
			id: `${SLOW_WORKFLOW_ID}-trigger`,
			name: 'Conversions',
			type: 'n8n-nodes-affilbox.affilBoxTrigger',
			typeVersion: 4,
			credentials: { affilBoxApi: credential },
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				events: ['authorized'],
				filters: { partnerId: { __rl: true, mode: 'id', value: SLOW_PARTNER } },
			},
		},
		receiverUrl,
		['transactionId', 'event'],
		{ workflow: SLOW_WORKFLOW_ID },
	);
}

/**
 * Publishes the slow workflow from the editor and waits until its publication has ended (failed),
 * then unpublishes it. Returns what the editor shows, how many calls the trigger made and how long
 * publishing took.
 * @param {{ sandbox: { hold: (options: any) => any, requests: Array<{ method: string, params: Record<string, string> }> },
 *   rest: Awaited<ReturnType<typeof import('./rest').ownerSession>>, ms: number }} options
 */
async function publishSlowActivation({ sandbox, rest, ms }) {
	/** @param {{ params?: Record<string, string> }} request */
	const isSlow = (request) => request.params?.partner_id === SLOW_PARTNER;
	// Count 2 is never reached (a check makes one call): the first stays held until the trigger gives up.
	sandbox.hold({ count: 2, only: isSlow, boundMs: ms });
	const started = Date.now();
	await rest.publish(SLOW_WORKFLOW_ID);
	const status = await waitFor(
		async () => {
			const answer = await rest.publicationStatus(SLOW_WORKFLOW_ID);
			return answer.status === 'failed' || answer.status === 'published' ? answer : undefined;
		},
		ms,
		'the publication of the slow workflow to end',
	);
	const elapsedMs = Date.now() - started;
	const calls = sandbox.requests.filter(isSlow).length;
	await rest.unpublish(SLOW_WORKFLOW_ID);
	return { status, calls, elapsedMs };
}

module.exports = {
	slowActivationWorkflow,
	publishSlowActivation,
	SLOW_WORKFLOW_ID,
	SLOW_PARTNER,
	SLOW_MESSAGE,
};
