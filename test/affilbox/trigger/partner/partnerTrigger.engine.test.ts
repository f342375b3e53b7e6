import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_NODE_NAME } from '../../../support/harness/nodeUnderTest';
import { jsonOf, lastCall, runAffilBox, useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { fired, partnerTrigger, register } from '../../../support/workflows/partnerTriggerWorkflow';
import { pragueTime } from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();
const ZONE = 'Europe/Prague';
const DEFAULTS = { lookbackDays: 30 };
const ONLY_ALLOWED = { lookbackDays: 30, onlyAllowed: true };

const partnerCalls = () => sandbox().requests.filter((call) => call.method === 'GetPartners');

/** `register_from` for a window starting `days` ago; the minute may tick, so either day may be right. */
function dayOf(days: number): string {
	return DateTime.now().setZone(ZONE).minus({ days }).toFormat('yyyy-MM-dd');
}

describe('AffilBox Partner Trigger', () => {
	it('the first check records the partners already there; then each new partner fires once', async () => {
		register(sandbox(), { daysAgo: 2 });
		const trigger = partnerTrigger(sandbox(), DEFAULTS);
		expect(await trigger.activate()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);

		const first = register(sandbox());
		const second = register(sandbox(), { allow: false });
		expect(fired(await trigger.poll()).sort()).toEqual([first, second].sort());
		expect(await trigger.poll()).toEqual([]);
		const third = register(sandbox());
		expect(fired(await trigger.poll())).toEqual([third]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('asks once per check: GetPartners registered from the lookback window start, in the licence zone', async () => {
		const trigger = partnerTrigger(sandbox(), { lookbackDays: 7 });
		await trigger.activate();
		await trigger.poll();
		expect(partnerCalls()).toHaveLength(2);
		expect(Object.keys(lastCall(sandbox()).params)).toEqual(['register_from']);
		expect([
			dayOf(7),
			DateTime.now().setZone(ZONE).minus({ days: 7, minutes: 1 }).toFormat('yyyy-MM-dd'),
		]).toContain(lastCall(sandbox()).params.register_from);
	});

	it('fires the partner as Partner Get (version 2) returns it: simplified by default, as sent with Simplify off', async () => {
		const simplified = partnerTrigger(sandbox(), DEFAULTS);
		const asSent = partnerTrigger(sandbox(), { ...DEFAULTS, simplify: false });
		await simplified.activate();
		await asSent.activate();
		const affilId = register(sandbox());

		const [item] = await simplified.poll();
		const [raw] = await asSent.poll();
		const get = (simplify: boolean) =>
			runAffilBox(
				sandbox(),
				{
					resource: 'partner',
					operation: 'get',
					partnerId: { __rl: true, mode: 'id', value: affilId },
					simplify,
				},
				{ typeVersion: 2 },
			);
		expect(item.json).toEqual(jsonOf(await get(true))[0]);
		expect(item.json).toMatchObject({
			affilId,
			registeredAt: expect.stringMatching(/\+0[12]:00$/),
		});
		expect(raw.json).toEqual(jsonOf(await get(false))[0]);
		expect(raw.json).toMatchObject({
			person: expect.objectContaining({ affilid: affilId, allow: '1' }),
		});
	});

	it('Only Allowed Partners: a partner fires once it is allowed, also one registered before activation', async () => {
		const waitingSinceBefore = register(sandbox(), { daysAgo: 3, allow: false });
		const allowedBefore = register(sandbox(), { daysAgo: 3 });
		const trigger = partnerTrigger(sandbox(), ONLY_ALLOWED);
		expect(await trigger.activate()).toEqual([]);

		const waiting = register(sandbox(), { allow: false });
		const allowed = register(sandbox());
		expect(fired(await trigger.poll())).toEqual([allowed]);
		expect(await trigger.poll()).toEqual([]);

		sandbox().allowPartner(waiting);
		sandbox().allowPartner(waitingSinceBefore);
		expect(fired(await trigger.poll()).sort()).toEqual([waiting, waitingSinceBefore].sort());
		// Disallowed and allowed again, or anyone allowed before activation: nothing more.
		sandbox().allowPartner(waiting, false);
		expect(await trigger.poll()).toEqual([]);
		sandbox().allowPartner(waiting);
		expect(await trigger.poll()).toEqual([]);
		expect(allowedBefore).toBeDefined();
	});

	it('a partner allowed only after the lookback window has passed its registration never fires', async () => {
		const trigger = partnerTrigger(sandbox(), ONLY_ALLOWED);
		await trigger.activate();
		const late = register(sandbox(), { daysAgo: 31, allow: false });
		sandbox().allowPartner(late);
		expect(await trigger.poll()).toEqual([]);
	});

	it('a check failing halfway throws and changes nothing; the next one fires what was missed', async () => {
		const trigger = partnerTrigger(sandbox(), DEFAULTS);
		await trigger.activate();
		const missed = register(sandbox());
		const savedBefore = JSON.stringify(trigger.saved);
		for (const fault of [
			{ status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
			// The answer breaks off inside a partner.
			{ status: 200, body: '<affilbox><partner><person><id>1</id>', contentType: 'text/xml' },
			{ status: 200, body: 'NO DATA', contentType: 'text/plain' },
			{ times: 4, status: 503, body: 'busy', headers: { 'Retry-After': '0' } },
		]) {
			sandbox().injectFault({ times: 1, ...fault });
			const failure = await trigger.poll().then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(failure).toBeInstanceOf(NodeApiError);
			expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		}
		expect(fired(await trigger.poll())).toEqual([missed]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('retried calls (429, 503 with Retry-After) cost the check nothing', async () => {
		const trigger = partnerTrigger(sandbox(), DEFAULTS);
		await trigger.activate();
		const fresh = register(sandbox());
		sandbox().injectFault({ status: 429, headers: { 'Retry-After': '0' } });
		sandbox().injectFault({ status: 503, headers: { 'Retry-After': '0' } });
		expect(fired(await trigger.poll())).toEqual([fresh]);
	});

	it('a restart reloads the saved state and loses and repeats nothing', async () => {
		let trigger = partnerTrigger(sandbox(), DEFAULTS);
		await trigger.activate();
		const first = register(sandbox());
		expect(fired(await trigger.poll())).toEqual([first]);
		trigger = trigger.restarted();
		const second = register(sandbox());
		expect(fired(await trigger.poll())).toEqual([second]);
		trigger = trigger.restarted();
		expect(await trigger.poll()).toEqual([]);
	});

	it('checks whose writes are lost change nothing; a lost baseline is taken again', async () => {
		const existing = register(sandbox(), { allow: false });
		const trigger = partnerTrigger(sandbox(), ONLY_ALLOWED);
		expect(await trigger.activate({ lose: true })).toEqual([]);
		expect(trigger.saved).toEqual({});
		expect(await trigger.poll({ emptyWrites: 'saved' })).toEqual([]);
		await trigger.poll({ lose: true });
		const fresh = register(sandbox(), { allow: false });
		await trigger.poll({ lose: true });
		sandbox().allowPartner(fresh);
		sandbox().allowPartner(existing);
		await trigger.poll({ lose: true }); // fired, but n8n lost the write (crash)
		expect(fired(await trigger.poll()).sort()).toEqual([existing, fresh].sort());
		expect(await trigger.poll()).toEqual([]);
	});

	it('changing the filter or the window starts over with a new baseline', async () => {
		const trigger = partnerTrigger(sandbox(), DEFAULTS);
		await trigger.activate();
		const waiting = register(sandbox(), { allow: false });
		// Saving changed parameters activates the workflow again: that check is the new baseline.
		const filtered = trigger.withParameters(ONLY_ALLOWED);
		expect(await filtered.activate()).toEqual([]);
		expect(await filtered.poll()).toEqual([]);
		sandbox().allowPartner(waiting);
		expect(fired(await filtered.poll())).toEqual([waiting]);

		const wider = filtered.withParameters({ ...ONLY_ALLOWED, lookbackDays: 60 });
		register(sandbox(), { daysAgo: 45 });
		expect(await wider.activate()).toEqual([]);
		const fresh = register(sandbox());
		expect(fired(await wider.poll())).toEqual([fresh]);
	});

	it('remembers only partners inside the lookback window, one number each', async () => {
		register(sandbox(), { daysAgo: 10 });
		register(sandbox(), { daysAgo: 29, minutesAgo: 1380 });
		register(sandbox(), { daysAgo: 30, minutesAgo: 60 }); // on register_from's day, before the window
		const trigger = partnerTrigger(sandbox(), DEFAULTS);
		await trigger.activate();
		const { state } = trigger.saved[`node:${DEFAULT_NODE_NAME}`] as {
			state: { seen: Record<string, number> };
		};
		const inWindow = sandbox().store.partners.filter(
			(partner) => partner.person.register >= pragueTime(30),
		);
		expect(Object.keys(state.seen).sort()).toEqual(inWindow.map((p) => p.person.id).sort());
		expect(Object.values(state.seen).every((minute) => Number.isInteger(minute))).toBe(true);
	});

	it('a Lookback Window that is not a whole number of days fails naming it, before any request', async () => {
		await expect(partnerTrigger(sandbox(), { lookbackDays: 0.5 }).activate()).rejects.toThrow(
			'Lookback Window must be a whole number of days ≥ 1, got 0.5',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	describe('Start From', () => {
		it('From Now On (the default) fires nothing on the first check', async () => {
			register(sandbox(), { daysAgo: 1 });
			expect(await partnerTrigger(sandbox(), DEFAULTS).activate()).toEqual([]);
			expect(await partnerTrigger(sandbox(), { ...DEFAULTS, startFrom: 'now' }).activate()).toEqual(
				[],
			);
		});

		it('Everything in the Lookback Window fires the matching partners registered inside it, once', async () => {
			const recent = register(sandbox(), { daysAgo: 5 });
			const waiting = register(sandbox(), { daysAgo: 5, allow: false });
			register(sandbox(), { daysAgo: 40 });
			const trigger = partnerTrigger(sandbox(), { ...ONLY_ALLOWED, startFrom: 'lookback' });
			expect(fired(await trigger.activate())).toEqual([recent]);
			expect(await trigger.poll()).toEqual([]);
			sandbox().allowPartner(waiting);
			expect(fired(await trigger.poll())).toEqual([waiting]);
		});

		it('Since a Date fires those registered on or after it, reaching back past the window once', async () => {
			const since = DateTime.now().setZone(ZONE).minus({ days: 45, hours: 12 });
			const after = register(sandbox(), { daysAgo: 40 });
			const recent = register(sandbox(), { daysAgo: 2 });
			register(sandbox(), { daysAgo: 50 });
			const trigger = partnerTrigger(sandbox(), {
				...DEFAULTS,
				startFrom: 'date',
				startDate: since.toISO(),
			});
			expect(fired(await trigger.activate()).sort()).toEqual([after, recent].sort());
			expect(lastCall(sandbox()).params.register_from).toBe(since.toFormat('yyyy-MM-dd'));
			expect(await trigger.poll()).toEqual([]);
			expect([
				dayOf(30),
				DateTime.now().setZone(ZONE).minus({ days: 30, minutes: 1 }).toFormat('yyyy-MM-dd'),
			]).toContain(lastCall(sandbox()).params.register_from);
		});

		it('Since a Date after some partners fires only the later ones', async () => {
			register(sandbox(), { daysAgo: 8 });
			const later = register(sandbox(), { daysAgo: 3 });
			const trigger = partnerTrigger(sandbox(), {
				...DEFAULTS,
				startFrom: 'date',
				startDate: pragueTime(5),
			});
			expect(fired(await trigger.activate())).toEqual([later]);
		});

		it('Since a Date without a readable date fails naming Start Date, before any request', async () => {
			const trigger = partnerTrigger(sandbox(), {
				...DEFAULTS,
				startFrom: 'date',
				startDate: 'soon',
			});
			const failure = await trigger.activate().then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(failure).toBeInstanceOf(NodeOperationError);
			expect((failure as Error).message).toContain('Start Date');
			expect(sandbox().requests).toHaveLength(0);
		});
	});

	it('Fetch Test Event returns the newest matching partner and leaves the state alone', async () => {
		const trigger = partnerTrigger(sandbox(), ONLY_ALLOWED);
		await trigger.activate();
		const savedBefore = JSON.stringify(trigger.saved);
		register(sandbox(), { daysAgo: 3 });
		const newest = register(sandbox(), { daysAgo: 1 });
		register(sandbox(), { allow: false }); // newer, but not allowed

		const test = await trigger.fetchTestEvent();
		expect(fired(test.output?.[0] ?? [])).toEqual([newest]);
		expect(test.staticDataChanged).toBe(false);
		expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		expect(await trigger.poll()).toHaveLength(2);
	});

	it.each([
		[DEFAULTS, 'No partner registered in the last 30 days', 'register (and allow) a test partner'],
		[
			ONLY_ALLOWED,
			'No allowed partner registered in the last 30 days',
			'switch off Only Allowed Partners',
		],
	])('Fetch Test Event that finds nothing says why (%p)', async (parameters, message, advice) => {
		sandbox().store.partners.splice(0); // only the partners below
		register(sandbox(), { daysAgo: 40 }); // outside the window
		if ('onlyAllowed' in parameters) register(sandbox(), { allow: false }); // inside, not allowed
		const trigger = partnerTrigger(sandbox(), parameters);
		const failure = await trigger.fetchTestEvent().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe(message);
		expect((failure as NodeOperationError).description).toContain(advice);
		expect((failure as NodeOperationError).description).toContain(
			'widen the Lookback Window (Days)',
		);
	});
});
