import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { lastCall, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';
import { ActiveTrigger, addConversion, emitted, pragueTime, setState } from '../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();

const ALL = ['created', 'authorized', 'invoiced', 'rejected'];

function trigger(parameters: Record<string, unknown>, typeVersion = 3): ActiveTrigger {
	return new ActiveTrigger(
		sandbox(),
		{ events: ALL, lookbackDays: 90, ...parameters },
		{},
		typeVersion,
	);
}

/** Conversions created 120, 60 and 10 days ago: one per state that fires, and one waiting. */
function existing() {
	return {
		old: addConversion(sandbox(), { state: 'authorized', createDate: pragueTime(120) }),
		sixty: addConversion(sandbox(), { state: 'invoiced', createDate: pragueTime(60) }),
		ten: addConversion(sandbox(), { state: 'rejection', createDate: pragueTime(10) }),
		waiting: addConversion(sandbox(), { state: 'waiting', createDate: pragueTime(10) }),
	};
}

const sorted = (pairs: string[]) => [...pairs].sort();

describe('AffilBox Trigger, Start From (version 3)', () => {
	it('From now on (the default): the first check fires nothing, later ones what is new', async () => {
		existing();
		const active = trigger({});
		expect(await active.activate()).toEqual([]);
		const fresh = addConversion(sandbox(), { state: 'authorized' });
		expect(emitted(await active.poll())).toEqual([
			`${fresh.transactionId}:created`,
			`${fresh.transactionId}:authorized`,
		]);
	});

	it('Everything in the lookback window: the first check fires every event for what the window holds', async () => {
		const { sixty, ten, waiting } = existing();
		const active = trigger({ startFrom: 'lookback' });
		expect(sorted(emitted(await active.activate()))).toEqual(
			sorted([
				`${sixty.transactionId}:created`,
				`${sixty.transactionId}:invoiced`,
				`${ten.transactionId}:created`,
				`${ten.transactionId}:rejected`,
				`${waiting.transactionId}:created`,
			]),
		);
		expect(await active.poll()).toEqual([]);
	});

	it('Since a date: the first check fires what was created since then, and only records the rest', async () => {
		const { sixty, ten, waiting } = existing();
		const active = trigger({ startFrom: 'date', startDate: pragueTime(30) });
		expect(sorted(emitted(await active.activate()))).toEqual(
			sorted([
				`${ten.transactionId}:created`,
				`${ten.transactionId}:rejected`,
				`${waiting.transactionId}:created`,
			]),
		);
		// Recorded, not fired: a change of the older one fires its new event only.
		setState(sandbox(), sixty, 'rejection');
		expect(emitted(await active.poll())).toEqual([`${sixty.transactionId}:rejected`]);
	});

	it('Since a date older than the lookback window reaches back once, then looks back the window', async () => {
		const { old, sixty } = existing();
		const active = trigger({ startFrom: 'date', startDate: pragueTime(150) });
		const first = emitted(await active.activate());
		expect(first).toEqual(
			expect.arrayContaining([`${old.transactionId}:created`, `${old.transactionId}:authorized`]),
		);
		expect(first).toHaveLength(7);
		const from150 = DateTime.now().setZone('Europe/Prague').minus({ days: 150 });
		expect(lastCall(sandbox()).params.filter_date_from.slice(0, 10)).toBe(
			from150.toFormat('yyyy-MM-dd'),
		);
		setState(sandbox(), sixty, 'authorized');
		expect(emitted(await active.poll())).toEqual([`${sixty.transactionId}:authorized`]);
		const from90 = DateTime.now().setZone('Europe/Prague').minus({ days: 90 });
		expect(lastCall(sandbox()).params.filter_date_from.slice(0, 10)).toBe(
			from90.toFormat('yyyy-MM-dd'),
		);
		// Older than the window now: forgotten and never asked for again.
		expect(
			Object.keys((active.saved['node:Node Under Test'] as { state: { seen: object } }).state.seen),
		).not.toContain(old.id);
	});

	it('a start date in the future fires nothing at first; later checks fire what is new', async () => {
		existing();
		const active = trigger({
			startFrom: 'date',
			startDate: DateTime.now().plus({ days: 3 }).toISO(),
		});
		expect(await active.activate()).toEqual([]);
		const fresh = addConversion(sandbox());
		expect(emitted(await active.poll())).toEqual([`${fresh.transactionId}:created`]);
	});

	it('changing Start From after activation does not start over: nothing fires again, nothing is missed', async () => {
		const { ten } = existing();
		const active = trigger({ startFrom: 'lookback' });
		await active.activate();
		const remembered = active.remembered;
		for (const change of [
			{ startFrom: 'now' },
			{ startFrom: 'date', startDate: pragueTime(100) },
		]) {
			const changed = active.withParameters({ events: ALL, lookbackDays: 90, ...change });
			expect(await changed.poll({ emptyWrites: 'saved' })).toEqual([]);
			expect(changed.remembered).toEqual(remembered);
		}
		setState(sandbox(), ten, 'authorized');
		const changed = active.withParameters({ events: ALL, lookbackDays: 90, startFrom: 'now' });
		expect(emitted(await changed.poll())).toEqual([`${ten.transactionId}:authorized`]);
	});

	it('a lost first check is taken again from the same start: nothing missed, nothing twice', async () => {
		const { ten } = existing();
		const active = trigger({ startFrom: 'date', startDate: pragueTime(30) });
		const lost = emitted(await active.activate({ lose: true }));
		const fresh = addConversion(sandbox(), { state: 'rejection' });
		const again = emitted(await active.poll());
		expect(again).toEqual(expect.arrayContaining(lost));
		expect(again).toEqual(
			expect.arrayContaining([`${fresh.transactionId}:created`, `${fresh.transactionId}:rejected`]),
		);
		expect(again).toContain(`${ten.transactionId}:rejected`);
		expect(await active.poll()).toEqual([]);
	});

	it('versions 1 and 2 read Emit Existing on First Run as the Start From it meant', async () => {
		existing();
		const runs: Record<string, { fired: string[]; saved: string }> = {};
		for (const [name, typeVersion, parameters] of [
			['v1 on', 1, { events: ['authorized', 'invoiced'], emitExistingOnFirstRun: true }],
			['v3 lookback', 3, { events: ['authorized', 'invoiced'], startFrom: 'lookback' }],
			['v2 off', 2, { events: ['authorized', 'invoiced'], emitExistingOnFirstRun: false }],
			['v3 now', 3, { events: ['authorized', 'invoiced'], startFrom: 'now' }],
		] as const) {
			const active = trigger(parameters, typeVersion);
			const fired = emitted(await active.activate());
			runs[name] = { fired: sorted(fired), saved: JSON.stringify(active.saved) };
		}
		expect(runs['v1 on'].fired).toHaveLength(1);
		expect(runs['v1 on']).toEqual(runs['v3 lookback']);
		expect(runs['v2 off'].fired).toEqual([]);
		expect(runs['v2 off']).toEqual(runs['v3 now']);
	});

	it('Since a date without a readable date fails, naming the field, before any request', async () => {
		for (const startDate of ['', 'next tuesday']) {
			const failure = await trigger({ startFrom: 'date', startDate })
				.activate()
				.then(
					() => undefined,
					(error: unknown) => error,
				);
			expect(failure).toBeInstanceOf(NodeOperationError);
			expect((failure as Error).message).toMatch(/^Start Date/);
		}
		expect(sandbox().requests).toHaveLength(0);
	});
});
