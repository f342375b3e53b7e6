import { AffilBoxApi } from '../../../../credentials/AffilBoxApi.credentials';
import { AffilBoxTrigger } from '../../../../nodes/AffilBox/AffilBoxTrigger.node';
import { runPoll } from '../../../support/harness/runWorkflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { lastCall, sandboxCredentials, useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import {
	ActiveTrigger,
	addConversion,
	emitted,
	pragueTime,
	setState,
	TRIGGER_TYPE,
} from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();
const BOTH = { events: ['authorized', 'invoiced'], lookbackDays: 90 };

function calls() {
	return sandbox().requests.map(
		(call: { method: string; params: Record<string, string> }) => call.params,
	);
}

describe('AffilBox Trigger', () => {
	it('the first activation records a baseline and emits nothing; then only changes fire', async () => {
		const before = addConversion(sandbox(), { state: 'authorized' });
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		expect(await trigger.activate()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);

		setState(sandbox(), before, 'invoiced');
		const fresh = addConversion(sandbox(), { state: 'authorized' });
		expect(emitted(await trigger.poll()).sort()).toEqual([
			`${before.transactionId}:invoiced`,
			`${fresh.transactionId}:authorized`,
		]);
	});

	it('asks once per wanted state, from now minus the lookback in the licence zone', async () => {
		const trigger = new ActiveTrigger(sandbox(), {
			events: ['invoiced'],
			lookbackDays: 30,
			filters: {},
		});
		await trigger.activate();
		const from = DateTime.now().setZone('Europe/Prague').minus({ days: 30 });
		expect(calls()).toHaveLength(1);
		expect(lastCall(sandbox()).params.filter_state).toBe('invoiced');
		// The minute may tick between the poll and this line.
		expect([
			from.toFormat('yyyy-MM-dd HH:mm'),
			from.minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm'),
		]).toContain(lastCall(sandbox()).params.filter_date_from);
	});

	it('emits a new authorized conversion once, with the event and when it was detected', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const conversion = addConversion(sandbox());
		expect(await trigger.poll()).toEqual([]);

		setState(sandbox(), conversion, 'authorized');
		const before = Date.now();
		const [item, ...rest] = await trigger.poll();
		const after = Date.now();
		expect(rest).toEqual([]);
		expect(item.json).toEqual(
			expect.objectContaining({
				transactionId: conversion.transactionId,
				state: 'authorized',
				event: 'authorized',
				campaignName: 'Letní výprodej – obuv',
			}),
		);
		// Detected during that poll: between the clock readings around it.
		expect(Date.parse(String(item.json.detectedAt))).toBeGreaterThanOrEqual(before);
		expect(Date.parse(String(item.json.detectedAt))).toBeLessThanOrEqual(after);
		expect(String(item.json.detectedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(await trigger.poll()).toEqual([]);
	});

	it('authorized → invoiced fires once for each event, never more', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const conversion = addConversion(sandbox(), { state: 'authorized' });
		expect(emitted(await trigger.poll())).toEqual([`${conversion.transactionId}:authorized`]);
		setState(sandbox(), conversion, 'invoiced');
		expect(emitted(await trigger.poll())).toEqual([`${conversion.transactionId}:invoiced`]);
		setState(sandbox(), conversion, 'authorized');
		expect(await trigger.poll()).toEqual([]);
		setState(sandbox(), conversion, 'invoiced');
		expect(await trigger.poll()).toEqual([]);
	});

	it('rejection → authorized fires when it becomes authorized', async () => {
		const conversion = addConversion(sandbox(), { state: 'rejection' });
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		expect(await trigger.poll()).toEqual([]);
		setState(sandbox(), conversion, 'authorized');
		expect(emitted(await trigger.poll())).toEqual([`${conversion.transactionId}:authorized`]);
	});

	it('an old conversion inside the lookback window that is approved today fires; one outside does not', async () => {
		const inside = addConversion(sandbox(), { createDate: pragueTime(60) });
		const outside = addConversion(sandbox(), { createDate: pragueTime(120) });
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		setState(sandbox(), inside, 'authorized');
		setState(sandbox(), outside, 'authorized');
		expect(emitted(await trigger.poll())).toEqual([`${inside.transactionId}:authorized`]);
	});

	it('a restart reloads the saved state and loses and repeats nothing', async () => {
		let trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const first = addConversion(sandbox(), { state: 'authorized' });
		expect(emitted(await trigger.poll())).toEqual([`${first.transactionId}:authorized`]);

		trigger = trigger.restarted();
		const second = addConversion(sandbox(), { state: 'authorized' });
		expect(emitted(await trigger.poll())).toEqual([`${second.transactionId}:authorized`]);
		trigger = trigger.restarted();
		expect(await trigger.poll()).toEqual([]);
	});

	it('a poll failing midway throws, emits and advances nothing; the next poll emits what was missed', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const authorized = addConversion(sandbox(), { state: 'authorized' });
		const invoiced = addConversion(sandbox(), { state: 'invoiced' });
		const savedBefore = JSON.stringify(trigger.saved);

		for (const fault of [
			{ status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
			{ status: 200, body: '<response><status>OK</status><conversion>', contentType: 'text/xml' },
			// Passing failures are retried (3 times by default) before the poll fails.
			{ times: 4, status: 503, body: 'busy', headers: { 'Retry-After': '0' } },
		]) {
			// The first call (authorized) succeeds, the second (invoiced) fails.
			sandbox().injectFault({ times: 1, passThrough: true });
			sandbox().injectFault({ times: 1, ...fault });
			const answer = await trigger.poll().then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(answer).toBeInstanceOf(NodeApiError);
			expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		}
		// Failing on the first call of a poll is no different.
		sandbox().injectFault({
			times: 4,
			status: 503,
			body: 'busy',
			contentType: 'text/plain',
			headers: { 'Retry-After': '0' },
		});
		await expect(trigger.poll()).rejects.toThrow(
			'AffilBox answered HTTP 503 to GetConversions after 4 attempts: busy',
		);
		expect(emitted(await trigger.poll()).sort()).toEqual(
			[`${authorized.transactionId}:authorized`, `${invoiced.transactionId}:invoiced`].sort(),
		);
	});

	it('retries its calls like the node does: a 503 or 429 with Retry-After costs the poll nothing', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const authorized = addConversion(sandbox(), { state: 'authorized' });
		sandbox().injectFault({ status: 503, headers: { 'Retry-After': '0' } });
		sandbox().injectFault({ status: 429, headers: { 'Retry-After': '0' } });
		expect(emitted(await trigger.poll())).toEqual([`${authorized.transactionId}:authorized`]);
		const calls = sandbox().requests.filter((request) => request.method === 'GetConversions');
		expect(calls).toHaveLength(2 + 4); // activation, then 2 failed attempts + 2 calls
	});

	it('a filter holding a character XML cannot carry fails the poll, naming the filter', async () => {
		const trigger = new ActiveTrigger(sandbox(), {
			...BOTH,
			filters: { partnerId: 'zofie\u0000' },
		});
		await expect(trigger.activate()).rejects.toThrow(
			'Partner contains a character that cannot be sent to AffilBox (U+0000 at position 6)',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('filters by campaign and partner, on the server and in what fires', async () => {
		const trigger = new ActiveTrigger(sandbox(), {
			...BOTH,
			filters: { campaignId: '12', partnerId: 'zofie' },
		});
		await trigger.activate();
		const match = addConversion(sandbox(), {
			campaignId: '12',
			affilId: 'zofie',
			state: 'authorized',
		});
		addConversion(sandbox(), { campaignId: '11', affilId: 'zofie', state: 'authorized' });
		addConversion(sandbox(), { campaignId: '12', affilId: 'jdvorak', state: 'authorized' });
		expect(emitted(await trigger.poll())).toEqual([`${match.transactionId}:authorized`]);
		expect(lastCall(sandbox()).params).toEqual(
			expect.objectContaining({ campaign_id: '12', partner_id: 'zofie' }),
		);
	});

	it('changing the events or filters starts over with a new baseline', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const conversion = addConversion(sandbox(), { state: 'invoiced' });
		const narrowed = trigger.withParameters({ events: ['invoiced'], lookbackDays: 90 });
		expect(await narrowed.activate()).toEqual([]); // new baseline includes it
		expect(await narrowed.poll()).toEqual([]);
		const another = addConversion(sandbox(), { state: 'invoiced' });
		expect(emitted(await narrowed.poll())).toEqual([`${another.transactionId}:invoiced`]);
		expect(conversion.state).toBe('invoiced');
	});

	it('Fetch Test Event returns the newest matching conversion per event and never touches the state', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const savedBefore = JSON.stringify(trigger.saved);
		addConversion(sandbox(), { state: 'authorized', createDate: pragueTime(3) });
		const newest = addConversion(sandbox(), { state: 'authorized', createDate: pragueTime(1) });
		const invoiced = addConversion(sandbox(), { state: 'invoiced', createDate: pragueTime(2) });

		const test = await trigger.fetchTestEvent();
		expect(emitted(test.output?.[0] ?? [])).toEqual([
			`${newest.transactionId}:authorized`,
			`${invoiced.transactionId}:invoiced`,
		]);
		expect(test.staticDataChanged).toBe(false);
		expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		// The real poll afterwards still sees all three as new.
		expect(await trigger.poll()).toHaveLength(3);
	});

	it('Fetch Test Event that finds nothing says so in its own words: what it looked for, how far back, what to change', async () => {
		sandbox().store.conversions.splice(0); // no conversion but the one below
		const old = addConversion(sandbox(), { state: 'authorized', createDate: pragueTime(120) });
		const failure = await new ActiveTrigger(sandbox(), BOTH).fetchTestEvent().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe(
			'No conversion created in the last 90 days is authorized or invoiced',
		);
		expect((failure as NodeOperationError).description).toBe(
			'Fetch Test Event shows the newest matching conversion of each chosen event, among the conversions created inside the Lookback Window. To see one: widen the Lookback Window (Days) or choose more events, or create or approve a conversion in AffilBox and fetch again. The active workflow is not affected.',
		);
		// The same conversion, inside a wider window, is shown.
		const wider = await new ActiveTrigger(sandbox(), {
			...BOTH,
			lookbackDays: 150,
		}).fetchTestEvent();
		expect(emitted(wider.output?.[0] ?? [])).toEqual([`${old.transactionId}:authorized`]);
	});

	it.each([
		[{ events: ['created'], lookbackDays: 1 }, 'No conversion was created in the last day'],
		[
			{ events: ['rejected'], lookbackDays: 7, filters: { partnerId: 'kveta', campaignId: '11' } },
			'No conversion of partner kveta in campaign 11 created in the last 7 days is rejected',
		],
	])('Fetch Test Event finding nothing for %p: "%s"', async (parameters, message) => {
		sandbox().store.conversions.splice(0);
		await expect(new ActiveTrigger(sandbox(), parameters, {}, 3).fetchTestEvent()).rejects.toThrow(
			message,
		);
	});

	it('polls whose static-data writes are lost change nothing', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		await trigger.activate();
		const conversion = addConversion(sandbox());
		await trigger.poll({ lose: true });
		await trigger.poll({ lose: true });
		setState(sandbox(), conversion, 'authorized');
		expect(emitted(await trigger.poll())).toEqual([`${conversion.transactionId}:authorized`]);
		await trigger.poll({ lose: true });
		expect(await trigger.poll()).toEqual([]);
	});

	it('a lost baseline (durable-cursor mode drops the activation write) is taken again at the next poll', async () => {
		const existing = addConversion(sandbox(), { state: 'authorized' });
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		expect(await trigger.activate({ lose: true })).toEqual([]);
		expect(trigger.saved).toEqual({});
		// Baseline again (the existing one is not new), saved as durable mode saves empty polls.
		expect(await trigger.poll({ emptyWrites: 'saved' })).toEqual([]);
		setState(sandbox(), existing, 'invoiced');
		expect(emitted(await trigger.poll({ emptyWrites: 'saved' }))).toEqual([
			`${existing.transactionId}:invoiced`,
		]);
		expect(await trigger.poll({ emptyWrites: 'saved' })).toEqual([]);
	});

	it('Emit Existing on First Run emits what is already authorized or invoiced', async () => {
		const a = addConversion(sandbox(), { state: 'authorized' });
		const i = addConversion(sandbox(), { state: 'invoiced' });
		const trigger = new ActiveTrigger(sandbox(), { ...BOTH, emitExistingOnFirstRun: true });
		expect(emitted(await trigger.activate()).sort()).toEqual(
			[`${a.transactionId}:authorized`, `${i.transactionId}:invoiced`].sort(),
		);
		expect(await trigger.poll()).toEqual([]);
	});

	it('a wrong key fails the poll with a clear error', async () => {
		const trigger = new ActiveTrigger(sandbox(), BOTH);
		sandbox().injectFault({
			times: 1,
			status: 401,
			body: '<response><status>ERROR</status><error code="401">Invalid API key</error></response>',
			contentType: 'text/xml',
		});
		await expect(trigger.activate()).rejects.toThrow(
			'AffilBox rejected the API key (HTTP 401): Invalid API key (code 401)',
		);
		expect(trigger.saved).toEqual({});
	});

	it('an unknown licence time zone fails the poll naming it, before any request', async () => {
		const failure = await runPoll({
			nodeTypes: { [TRIGGER_TYPE]: new AffilBoxTrigger() },
			credentialTypes: [new AffilBoxApi()],
			credentials: { affilBoxApi: sandboxCredentials(sandbox(), { timeZone: 'Europe/Atlantis' }) },
			node: { type: TRIGGER_TYPE, parameters: BOTH },
			staticData: {},
		}).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as Error).message).toBe(
			'The licence time zone "Europe/Atlantis" is not a known IANA time zone (e.g. Europe/Prague)',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
