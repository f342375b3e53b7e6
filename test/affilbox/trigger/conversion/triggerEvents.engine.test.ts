import { NodeApiError } from 'n8n-workflow';

import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import {
	ActiveTrigger,
	addConversion,
	emitted,
	setState,
	type ConversionState,
} from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();

type Event = 'created' | 'authorized' | 'invoiced' | 'rejected';
const ALL: Event[] = ['created', 'authorized', 'invoiced', 'rejected'];
/** The state a conversion is in when an event fires for it (a new one is created waiting). */
const STATE_OF: Record<Event, ConversionState> = {
	created: 'waiting',
	authorized: 'authorized',
	invoiced: 'invoiced',
	rejected: 'rejection',
};

/** Version 3 (new nodes), Start From left at "From now on". */
function trigger(events: Event[], more: Record<string, unknown> = {}): ActiveTrigger {
	return new ActiveTrigger(sandbox(), { events, lookbackDays: 90, ...more }, {}, 3);
}

/** Makes `event` happen: a new conversion for Created, a state change for the others. */
function happen(event: Event, fields: { campaignId?: string } = {}) {
	const conversion = addConversion(sandbox(), fields);
	if (event !== 'created') setState(sandbox(), conversion, STATE_OF[event]);
	return conversion;
}

function stateFilters(): Array<string | undefined> {
	return sandbox()
		.requests.filter((call) => call.method === 'GetConversions')
		.map((call) => call.params.filter_state);
}

describe.each(ALL)('AffilBox Trigger, event %s', (event) => {
	it('the first check records what is there; a new one fires once; nothing repeats', async () => {
		const before = addConversion(sandbox(), { state: STATE_OF[event] });
		const active = trigger([event]);
		expect(await active.activate()).toEqual([]);
		expect(await active.poll()).toEqual([]);
		const fresh = happen(event);
		expect(emitted(await active.poll())).toEqual([`${fresh.transactionId}:${event}`]);
		expect(await active.poll()).toEqual([]);
		expect(before.transactionId).not.toBe(fresh.transactionId);
	});

	it('a poll failing on any of its calls stores nothing; the next one emits what it missed', async () => {
		const active = trigger(ALL);
		await active.activate();
		const fresh = happen(event);
		const saved = JSON.stringify(active.saved);
		for (let passing = 0; passing < ALL.length; passing++) {
			if (passing > 0) sandbox().injectFault({ times: passing, passThrough: true });
			sandbox().injectFault({ times: 1, status: 500, body: 'down', contentType: 'text/plain' });
			await expect(active.poll()).rejects.toBeInstanceOf(NodeApiError);
			expect(JSON.stringify(active.saved)).toBe(saved);
		}
		const fired = emitted(await active.poll());
		expect(fired).toContain(`${fresh.transactionId}:${event}`);
		expect(new Set(fired).size).toBe(fired.length);
		expect(await active.poll()).toEqual([]);
	});

	it('restarts and lost writes neither lose nor repeat it', async () => {
		let active = trigger([event]);
		await active.activate();
		await active.poll({ lose: true });
		const fresh = happen(event);
		active = active.restarted();
		// n8n dropped this poll's write (a crash before saving): the next poll decides the same.
		expect(emitted(await active.poll({ lose: true }))).toEqual([`${fresh.transactionId}:${event}`]);
		expect(emitted(await active.poll())).toEqual([`${fresh.transactionId}:${event}`]);
		active = active.restarted();
		expect(await active.poll()).toEqual([]);
		expect(await active.poll({ emptyWrites: 'saved' })).toEqual([]);
	});

	it('changing the filters starts over with a new baseline', async () => {
		const active = trigger([event]);
		await active.activate();
		const existing = happen(event, { campaignId: '12' });
		const narrowed = active.withParameters({
			events: [event],
			lookbackDays: 90,
			filters: { campaignId: { __rl: true, mode: 'id', value: '12' } },
		});
		expect(await narrowed.activate()).toEqual([]); // part of the new baseline
		const fresh = happen(event, { campaignId: '12' });
		happen(event, { campaignId: '11' });
		expect(emitted(await narrowed.poll())).toEqual([`${fresh.transactionId}:${event}`]);
		expect(existing.campaignId).toBe('12');
	});
});

describe('AffilBox Trigger, all four events together', () => {
	it('one unfiltered call for Created, then one per state: 4 calls per check', async () => {
		await trigger(ALL).activate();
		expect(stateFilters()).toEqual([undefined, 'authorized', 'invoiced', 'rejection']);
		sandbox().requests.length = 0;
		await trigger(['created']).activate();
		expect(stateFilters()).toEqual([undefined]);
		sandbox().requests.length = 0;
		await trigger(['rejected', 'authorized']).activate();
		expect(stateFilters()).toEqual(['authorized', 'rejection']);
	});

	it('a new conversion that is approved fires Created and Authorized, each once; moving back and forth fires nothing new', async () => {
		const active = trigger(ALL);
		await active.activate();
		const conversion = addConversion(sandbox());
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:created`]);
		setState(sandbox(), conversion, 'authorized');
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:authorized`]);
		setState(sandbox(), conversion, 'rejection');
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:rejected`]);
		for (const state of ['authorized', 'rejection', 'waiting', 'authorized'] as const) {
			setState(sandbox(), conversion, state);
			expect(await active.poll()).toEqual([]);
		}
		setState(sandbox(), conversion, 'invoiced');
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:invoiced`]);
		// Created and approved between two checks: both fire in one poll, Created first.
		const quick = addConversion(sandbox(), { state: 'authorized' });
		expect(emitted(await active.poll())).toEqual([
			`${quick.transactionId}:created`,
			`${quick.transactionId}:authorized`,
		]);
	});

	it('Created fires once even for a conversion the unfiltered list left out (found in a state list)', async () => {
		const active = trigger(['created', 'rejected']);
		await active.activate();
		const rejected = addConversion(sandbox(), { state: 'rejection' });
		// The unfiltered call answers an empty list; the rejected list has it.
		sandbox().injectFault({
			times: 1,
			status: 200,
			body: '<response><status>OK</status></response>',
			contentType: 'text/xml',
		});
		expect(emitted(await active.poll())).toEqual([
			`${rejected.transactionId}:rejected`,
			`${rejected.transactionId}:created`,
		]);
		expect(await active.poll()).toEqual([]);
	});

	it('outputs the event with the conversion, simplified by default', async () => {
		const active = trigger(['rejected']);
		await active.activate();
		const conversion = happen('rejected');
		const [item] = await active.poll();
		expect(item.json).toMatchObject({
			transactionId: conversion.transactionId,
			state: 'rejection',
			event: 'rejected',
			commission: 150,
		});
	});

	it('Fetch Test Event shows the newest conversion per chosen event and stores nothing', async () => {
		const active = trigger(ALL);
		await active.activate();
		const saved = JSON.stringify(active.saved);
		const rejected = happen('rejected');
		const test = await active.fetchTestEvent();
		const fired = emitted(test.output?.[0] ?? []);
		expect(fired).toContain(`${rejected.transactionId}:rejected`);
		expect(fired).toContain(`${rejected.transactionId}:created`);
		expect(fired.filter((pair) => pair.endsWith(':created'))).toHaveLength(1);
		for (const item of test.output?.[0] ?? []) expect(item.json.transactionId).toBeDefined();
		expect(test.staticDataChanged).toBe(false);
		expect(JSON.stringify(active.saved)).toBe(saved);
	});
});
