import {
	mayEmit,
	planPoll,
	type Observation,
	type PlanBasis,
} from '../../../../nodes/AffilBox/trigger/conversion/conversionDecisions';
import { encodeEntry } from '../../../../nodes/AffilBox/trigger/conversion/conversionTriggerState';

const NOW = 29_000_000;
const basis: PlanBasis = {
	state: { v: 2, config: 'cfg', seen: { old: encodeEntry(NOW - 5, 1) } },
	config: 'cfg',
	windowStartMinute: NOW - 1000,
	nowMinute: NOW,
};

const observed = (key: string, createdMinute = NOW - 10): Observation => ({
	key,
	event: 'authorized',
	createdMinute,
});

describe('mayEmit: which conversions keep their whole record while an answer is read', () => {
	it('a baseline without Emit Existing keeps none', () => {
		const keep = mayEmit({ ...basis, state: undefined });
		expect(keep(observed('new'))).toBe(false);
		expect(mayEmit({ ...basis, config: 'changed' })(observed('new'))).toBe(false);
	});

	it('a baseline with Emit Existing keeps those inside the window', () => {
		const keep = mayEmit({ ...basis, state: undefined, emitFromMinute: NOW - 1000 });
		expect(keep(observed('new'))).toBe(true);
		expect(keep(observed('ancient', NOW - 2000))).toBe(false);
	});

	it('a baseline since a date keeps those created since then (an unreadable date: by the window)', () => {
		const keep = mayEmit({ ...basis, state: undefined, emitFromMinute: NOW - 100 });
		expect(keep(observed('recent', NOW - 50))).toBe(true);
		expect(keep(observed('older', NOW - 500))).toBe(false);
		expect(keep({ key: 'undated', event: 'created' })).toBe(false);
		const fromWindow = mayEmit({ ...basis, state: undefined, emitFromMinute: NOW - 1000 });
		expect(fromWindow({ key: 'undated', event: 'created' })).toBe(true);
	});

	it('a later poll keeps only what the stored state has not seen for that event', () => {
		const keep = mayEmit(basis);
		expect(keep(observed('old'))).toBe(false);
		expect(keep({ ...observed('old'), event: 'invoiced' })).toBe(true);
		expect(keep(observed('new'))).toBe(true);
	});

	it('keeps every conversion planPoll emits (its record is there to emit)', () => {
		const observations = ['old', 'new', 'new', 'other'].map((key) => observed(key));
		const keep = mayEmit(basis);
		const { emit } = planPoll({ ...basis, observations });
		expect(emit.map((o) => o.key)).toEqual(['new', 'other']);
		for (const observation of emit) expect(keep(observation)).toBe(true);
	});
});
