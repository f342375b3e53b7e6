import { NodeOperationError } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { AffilBoxTrigger } from '../../../nodes/AffilBox/AffilBoxTrigger.node';
import { createPoller } from '../../support/harness/runWorkflow';
import { sandboxCredentials, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';
import { partnerTrigger } from '../../support/workflows/partnerTriggerWorkflow';
import { ActiveTrigger, addConversion, TRIGGER_TYPE } from '../../support/workflows/triggerWorkflow';

/**
 * How long a check may run. n8n 2.41.1 gives the check at activation the PollContext's default
 * budget of 5 minutes (no lease), yet gives up on the activation after 0.7 ×
 * N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS; a check run by the durable scheduler gets its real
 * budget. The answers here never come (the sandbox holds them until the trigger gives up), so
 * every stop is the trigger's own, whatever the machine's load.
 */
const sandbox = useAffilBoxSandbox();

/** What n8n 2.41.1's PollContext says when no lease applies (activation, checks without durable scheduling). */
const NO_LEASE_BUDGET_MS = 300_000;
/** 0.7 × 30 s = 21 s for the activation, less the 20 s the trigger leaves n8n's retries: 1 s. */
const SHORT_LEASE = { publicationLease: 30 };

let nodes = 0;
/** A trigger of its own (the activation's deadline is kept per workflow and node). */
function activatingTrigger(parameters: Record<string, unknown>): ActiveTrigger {
	nodes += 1;
	const active = new ActiveTrigger(
		sandbox(),
		{ events: ['authorized', 'invoiced'], lookbackDays: 90, ...parameters },
		{},
		3,
		undefined,
		{ nodeId: `deadline-${nodes}` },
	);
	active.pollBudgetMs = NO_LEASE_BUDGET_MS;
	return active;
}

async function failureOf(promise: Promise<unknown>): Promise<NodeOperationError> {
	const error = await promise.then(
		() => undefined,
		(failure: unknown) => failure,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	return error as NodeOperationError;
}

describe('AffilBox Trigger: the check at activation keeps within n8n’s time for an activation', () => {
	it('an answer that does not come stops the check in time, with its own message naming what to change', async () => {
		sandbox().injectFault({ hang: true, times: 1 });
		const failure = await failureOf(activatingTrigger({ options: SHORT_LEASE }).activate());
		expect(failure.message).toBe(
			'The check n8n runs while activating this workflow could not finish in the time n8n gives an activation (21 s)',
		);
		for (const words of [
			'0.7 × N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS (30 s per Options → Publication Lease)',
			'The check asks AffilBox 2 times (once per event)',
			'up to the Timeout (120 s)',
			'shorten the Lookback Window (90 days), watch fewer Events',
			'lower the Timeout',
			'raise N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS on the n8n server and set this trigger',
		])
			expect(failure.description).toContain(words);
		expect(sandbox().requests).toHaveLength(1);
	});

	it("n8n's retries of that activation fail at once with the same message, asking nothing", async () => {
		sandbox().injectFault({ hang: true, times: 1 });
		const active = activatingTrigger({ options: SHORT_LEASE });
		const first = await failureOf(active.activate());
		for (let retry = 0; retry < 4; retry++) {
			expect((await failureOf(active.activate())).message).toBe(first.message);
		}
		expect(sandbox().requests).toHaveLength(1);
	});

	it('with the default lease (120 s) the check at activation gets 64 s, and one that answers in time is not held to anything', async () => {
		const fresh = addConversion(sandbox(), { state: 'authorized' });
		const active = activatingTrigger({ startFrom: 'lookback' });
		const items = await active.activate();
		expect(items.map((item) => item.json.transactionId)).toContain(fresh.transactionId);
	});

	it('later checks on the same context (n8n without durable scheduling) are not held to the activation’s time', async () => {
		nodes += 1;
		const poller = createPoller({
			nodeTypes: { [TRIGGER_TYPE]: new AffilBoxTrigger() },
			credentialTypes: [new AffilBoxApi()],
			credentials: { affilBoxApi: sandboxCredentials(sandbox()) },
			node: {
				type: TRIGGER_TYPE,
				id: `deadline-${nodes}`,
				parameters: { events: ['invoiced'], options: { ...SHORT_LEASE, timeout: 1.5 } },
			},
			pollBudgetMs: NO_LEASE_BUDGET_MS,
		});
		await poller.poll();
		// The answer of the next check never comes: given up after the Timeout (1.5 s, longer than the
		// activation's 1 s), and the retry answers.
		sandbox().injectFault({ hang: true, times: 1 });
		expect((await poller.poll()).output).toBeNull();
		expect(sandbox().requests).toHaveLength(3);
	});

	it('the Partner Trigger names the Lookback Window only (it asks once, whatever the events)', async () => {
		sandbox().injectFault({ hang: true, times: 1 });
		nodes += 1;
		const active = partnerTrigger(
			sandbox(),
			{ options: SHORT_LEASE },
			undefined,
			{},
			{ nodeId: `deadline-${nodes}` },
		);
		active.pollBudgetMs = NO_LEASE_BUDGET_MS;
		const failure = await failureOf(active.activate());
		expect(failure.message).toMatch(/^The check n8n runs while activating this workflow/);
		expect(failure.description).toContain('The check asks AffilBox once;');
		expect(failure.description).toContain(
			'shorten the Lookback Window (30 days), lower the Timeout',
		);
		expect(failure.description).not.toContain('Events');
	});
});

describe('AffilBox Trigger: a check run by the durable scheduler keeps within its poll budget', () => {
	it('stops at 90 % of the budget n8n gives, with its own message naming N8N_SCHEDULER_POLL_TIMEOUT', async () => {
		sandbox().injectFault({ hang: true, times: 1 });
		const active = activatingTrigger({});
		active.pollBudgetMs = 1000;
		const failure = await failureOf(active.activate());
		expect(failure.message).toBe(
			'The check could not finish within the time n8n gives a poll (1 s)',
		);
		expect(failure.description).toContain('N8N_SCHEDULER_POLL_TIMEOUT');
		expect(sandbox().requests).toHaveLength(1);
	});
});

describe('AffilBox Trigger: Options → Timeout', () => {
	it('is the time each answer may take: an answer that does not come is given up after it and asked again', async () => {
		sandbox().injectFault({ hang: true, times: 1 });
		const active = new ActiveTrigger(sandbox(), {
			events: ['invoiced'],
			lookbackDays: 90,
			options: { timeout: 1 },
		});
		expect(await active.activate()).toEqual([]);
		expect(sandbox().requests).toHaveLength(2);
	});

	it.each([[0], [601], ['soon']])(
		'a Timeout of %p fails every check naming it, before any request',
		async (timeout) => {
			const failure = await failureOf(
				new ActiveTrigger(sandbox(), {
					events: ['invoiced'],
					lookbackDays: 90,
					options: { timeout },
				}).activate(),
			);
			expect(failure.message).toBe(`Timeout must be a number from 1 to 600, got "${timeout}"`);
			expect(sandbox().requests).toHaveLength(0);
		},
	);
});
