import {
	planPoll,
	type Observation,
	type PlanInput,
} from '../../../../nodes/AffilBox/trigger/conversion/conversionDecisions';
import {
	configHash,
	conversionKey,
	encodeEntry,
	entryHas,
	entryMinute,
	readTriggerState,
	type TriggerState,
} from '../../../../nodes/AffilBox/trigger/conversion/conversionTriggerState';

const NOW = 29_000_000; // epoch minutes, about 2025-02
const WINDOW_START = NOW - 90 * 24 * 60;
const CONFIG = 'cfg';

function seen(key: string, event: Observation['event'], createdMinute = NOW - 10): Observation {
	return { key, event, createdMinute, record: { id: key, state: event } };
}

function plan(
	state: TriggerState | undefined,
	observations: Observation[],
	overrides: Partial<PlanInput> = {},
) {
	return planPoll({
		state,
		config: CONFIG,
		observations,
		windowStartMinute: WINDOW_START,
		nowMinute: NOW,
		...overrides,
	});
}

const keysOf = (observations: Observation[]) => observations.map((o) => `${o.key}:${o.event}`);

describe('planPoll', () => {
	it('the first run records a baseline and emits nothing', () => {
		const first = plan(undefined, [seen('1', 'authorized'), seen('2', 'invoiced')]);
		expect(first.baseline).toBe(true);
		expect(first.emit).toEqual([]);
		expect(entryHas(first.next.seen['1'], 'authorized')).toBe(true);
		expect(entryHas(first.next.seen['2'], 'invoiced')).toBe(true);
	});

	it('with Emit Existing on First Run (Start From: the lookback window), the baseline is emitted', () => {
		const first = plan(undefined, [seen('1', 'authorized')], { emitFromMinute: WINDOW_START });
		expect(keysOf(first.emit)).toEqual(['1:authorized']);
	});

	it('emits a newly authorized conversion once', () => {
		const base = plan(undefined, [seen('1', 'authorized')]).next;
		const next = plan(base, [seen('1', 'authorized'), seen('2', 'authorized')]);
		expect(keysOf(next.emit)).toEqual(['2:authorized']);
		expect(plan(next.next, [seen('1', 'authorized'), seen('2', 'authorized')]).emit).toEqual([]);
	});

	it('authorized → invoiced fires once for each event', () => {
		const base = plan(undefined, []).next;
		const authorized = plan(base, [seen('7', 'authorized')]);
		const invoiced = plan(authorized.next, [seen('7', 'invoiced')]);
		expect(keysOf(authorized.emit)).toEqual(['7:authorized']);
		expect(keysOf(invoiced.emit)).toEqual(['7:invoiced']);
		// Moved back to authorized and invoiced again: each pair already fired.
		expect(plan(invoiced.next, [seen('7', 'authorized')]).emit).toEqual([]);
		expect(plan(invoiced.next, [seen('7', 'invoiced')]).emit).toEqual([]);
	});

	it('a poll whose stored result was lost reaches the same decisions again', () => {
		const base = plan(undefined, [seen('1', 'authorized')]).next;
		const observed = [seen('1', 'authorized'), seen('2', 'authorized')];
		const first = plan(base, observed);
		const replay = plan(base, observed); // the first poll's write never reached the database
		expect(replay).toEqual(first);
	});

	it('does not change the state it was given', () => {
		const base = plan(undefined, [seen('1', 'authorized')]).next;
		const copy = JSON.parse(JSON.stringify(base));
		plan(base, [seen('2', 'invoiced')]);
		expect(base).toEqual(copy);
	});

	it('changing events or filters starts a new baseline', () => {
		const base = plan(undefined, [seen('1', 'authorized')]).next;
		const changed = plan(base, [seen('1', 'authorized'), seen('2', 'authorized')], {
			config: 'other',
		});
		expect(changed.baseline).toBe(true);
		expect(changed.emit).toEqual([]);
		expect(changed.next.config).toBe('other');
	});

	it('prunes conversions created before the window and ignores them if a server still sends them', () => {
		const old = WINDOW_START - 1;
		const state: TriggerState = {
			v: 2,
			config: CONFIG,
			seen: { old: encodeEntry(old, 1), fresh: encodeEntry(NOW - 5, 1) },
		};
		const next = plan(state, [
			seen('old', 'invoiced', old),
			seen('older', 'authorized', old - 100),
		]);
		expect(next.emit).toEqual([]);
		expect(Object.keys(next.next.seen)).toEqual(['fresh']);
	});

	it('an old conversion inside the window that is approved today fires', () => {
		const base = plan(undefined, []).next;
		const next = plan(base, [seen('old-but-inside', 'authorized', WINDOW_START + 1)]);
		expect(keysOf(next.emit)).toEqual(['old-but-inside:authorized']);
		expect(entryMinute(next.next.seen['old-but-inside'])).toBe(WINDOW_START + 1);
	});

	it('a conversion whose date cannot be read is tracked from the moment it was first seen', () => {
		const base = plan(undefined, []).next;
		const next = plan(base, [{ key: 'x', event: 'authorized', record: {} }]);
		expect(keysOf(next.emit)).toEqual(['x:authorized']);
		expect(entryMinute(next.next.seen.x)).toBe(NOW);
	});
});

describe('planPoll with the new events', () => {
	it('fires each of the four events once per conversion, in any order of states', () => {
		let state = plan(undefined, []).next;
		const fired: string[] = [];
		for (const event of [
			'created',
			'authorized',
			'rejected',
			'authorized',
			'invoiced',
			'rejected',
		] as const) {
			const next = plan(state, [seen('9', event)]);
			fired.push(...keysOf(next.emit));
			state = next.next;
		}
		expect(fired).toEqual(['9:created', '9:authorized', '9:rejected', '9:invoiced']);
		expect(entryMinute(state.seen['9'])).toBe(NOW - 10);
	});

	it('a baseline since a date fires what was created since then and records the rest', () => {
		const first = plan(
			undefined,
			[seen('old', 'created', NOW - 500), seen('new', 'created', NOW - 5)],
			{
				emitFromMinute: NOW - 100,
			},
		);
		expect(keysOf(first.emit)).toEqual(['new:created']);
		expect(Object.keys(first.next.seen).sort()).toEqual(['new', 'old']);
	});
});

describe('reading the stored state', () => {
	it('moves version 1 (2 flags) to version 2 (16 flags), keeping config, minutes and flags', () => {
		const v1 = { v: 1, config: 'abc', seen: { a: 100 * 4 + 3, b: 7 * 4 + 1, junk: 'x' } };
		const read = readTriggerState(v1)!;
		expect(read).toEqual({
			v: 2,
			config: 'abc',
			seen: { a: encodeEntry(100, 3), b: encodeEntry(7, 1) },
		});
		expect(entryHas(read.seen.a, 'invoiced') && entryHas(read.seen.a, 'authorized')).toBe(true);
		expect(entryHas(read.seen.a, 'rejected') || entryHas(read.seen.a, 'created')).toBe(false);
		expect(v1.seen.a).toBe(403); // not changed in place
	});

	it('keeps version 2 as it is and reads anything else as no state', () => {
		const v2 = { v: 2, config: 'abc', seen: { a: encodeEntry(5, 9) } };
		expect(readTriggerState(v2)).toBe(v2);
		for (const other of [undefined, null, 'x', { v: 3, config: 'a', seen: {} }, { v: 1, seen: {} }])
			expect(readTriggerState(other)).toBeUndefined();
	});
});

describe('trigger state helpers', () => {
	it('hashes the configuration independent of event order and padding', () => {
		const a = configHash({
			events: ['invoiced', 'authorized'],
			campaignId: '11',
			partnerId: ' jdvorak ',
			lookbackDays: 90,
		});
		const b = configHash({
			events: ['authorized', 'invoiced'],
			campaignId: '11',
			partnerId: 'jdvorak',
			lookbackDays: 90,
		});
		expect(a).toBe(b);
		expect(
			configHash({
				events: ['authorized'],
				campaignId: '11',
				partnerId: 'jdvorak',
				lookbackDays: 90,
			}),
		).not.toBe(a);
		expect(
			configHash({
				events: ['authorized', 'invoiced'],
				campaignId: '11',
				partnerId: 'jdvorak',
				lookbackDays: 30,
			}),
		).not.toBe(a);
	});

	it('keys a conversion by its AffilBox id, else by campaign and transaction id', () => {
		expect(conversionKey({ id: '1001', transactionId: 'A' })).toBe('1001');
		expect(conversionKey({ transactionId: 'A', campaignId: '11' })).toBe('t:11:A');
		expect(conversionKey({ transactionId: 'A', campaignId: '12' })).not.toBe(
			conversionKey({ transactionId: 'A', campaignId: '11' }),
		);
		expect(conversionKey({})).toBeUndefined();
	});
});
