import { PollContext } from 'n8n-core';

import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { ActiveTrigger } from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();
const parameters = { events: ['authorized', 'invoiced'], lookbackDays: 3650 };

/** A GetConversions answer that would take seconds to arrive: 8 bytes every 50 ms. */
function dribblingAnswer(times: number) {
	sandbox().injectFault({
		status: 200,
		contentType: 'text/xml; charset=UTF-8',
		body: `<response><status>OK</status>${'<conversion><id>1</id></conversion>'.repeat(20)}</response>`,
		dribbleMs: 50,
		dribbleBytes: 8,
		times,
	});
}

describe('AffilBox Trigger: answers read as they stream in', () => {
	afterEach(() => {
		delete (PollContext.prototype as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	});

	it('an n8n that gives polls a time budget (getPollBudgetMs) has the poll stop within it, unretried, saying so', async () => {
		// n8n-core 2.11 has no budget: give its poll context one, as newer n8n versions do.
		(PollContext.prototype as { getPollBudgetMs?: () => number }).getPollBudgetMs = () => 1000;
		dribblingAnswer(4);
		const trigger = new ActiveTrigger(sandbox(), parameters);
		await expect(trigger.activate()).rejects.toThrow(
			/^The check could not finish within the time n8n gives a poll \(1 s\)$/,
		);
		expect(sandbox().requests.map((request) => request.method)).toEqual(['GetConversions']);
	});

	it('without a budget, a slow answer is given its time and the poll goes on', async () => {
		// 20 conversions in about 5 s: well within the poll's deadline.
		dribblingAnswer(1);
		const trigger = new ActiveTrigger(sandbox(), { ...parameters, emitExistingOnFirstRun: true });
		const emitted = await trigger.activate();
		expect(emitted.map((item) => [item.json.id, item.json.event])).toContainEqual([
			'1',
			'authorized',
		]);
	});
});
