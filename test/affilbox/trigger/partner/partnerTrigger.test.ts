/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createdMinuteReader } from '../../../../nodes/AffilBox/helpers/createdMinute';
import { newestRecordOnly } from '../../../../nodes/AffilBox/trigger/fetchTestEvent';
import {
	checkWindowStart,
	mayFire,
	planPartnerPoll,
	type PartnerBasis,
	type PartnerObservation,
} from '../../../../nodes/AffilBox/trigger/partner/partnerDecisions';
import {
	isAllowed,
	partnerKey,
	registrationOf,
} from '../../../../nodes/AffilBox/trigger/partner/partnerFacts';
import { registerFrom } from '../../../../nodes/AffilBox/trigger/partner/observePartners';
import { partnerConfigHash } from '../../../../nodes/AffilBox/trigger/partner/partnerDecisions';
import { planFirstCheck } from '../../../../nodes/AffilBox/trigger/startFrom';
import { readAffilBoxAnswer } from '../../../../nodes/AffilBox/transport/answer';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'affilbox', 'answers');
function partnersOf(name: string) {
	const read = readAffilBoxAnswer(readFileSync(join(FIXTURES, name), 'utf8'));
	if (!read.ok) throw new Error(`unreadable fixture ${name}`);
	return read.answer.records.partner;
}

describe('what the partner trigger reads of a partner', () => {
	it('the published shape: id as key, registration as sent, allow 1 / 0', () => {
		const [jiri, eva] = partnersOf('get-partners.xml');
		expect([partnerKey(jiri), registrationOf(jiri), isAllowed(jiri)]).toEqual([
			'15',
			'2024-01-05 12:00:00',
			true,
		]);
		expect([partnerKey(eva), isAllowed(eva)]).toEqual(['16', false]);
	});

	it('other spellings: flat records, `allowed`, yes-words; anything but a clear yes is not allowed', () => {
		const read = partnersOf('get-partners-allow-spellings.xml').map((partner) => [
			partnerKey(partner),
			registrationOf(partner),
			isAllowed(partner),
		]);
		expect(read).toEqual([
			['21', '2026-11-20 8:05:00', true],
			['22', '2026-11-20 09:05:00', true],
			['23', '2026-11-21T10:00:00+01:00', true],
			['a:no-id', '2026-11-22 10:00:00', false],
			['e:only.email@example.cz', '', false],
			['26', '2026-11-23 10:00:00', false],
			['27', '2026-11-23 11:00:00', false],
			[undefined, undefined, false],
		]);
		// The registration minute is read in the licence zone, unpadded hour or ISO alike.
		const minute = createdMinuteReader('Europe/Prague');
		expect(minute('2026-11-20 8:05:00')).toBe(Date.parse('2026-11-20T07:05:00Z') / 60_000);
		expect(minute('2026-11-21T10:00:00+01:00')).toBe(Date.parse('2026-11-21T09:00:00Z') / 60_000);
	});

	it("register_from is the window start's day in the licence zone", () => {
		// 2026-11-30 23:30 UTC is already 1 December in Prague.
		expect(registerFrom(Date.parse('2026-11-30T23:30:00Z') / 60_000, 'Europe/Prague')).toBe(
			'2026-12-01',
		);
	});

	it('the filter and the window make the configuration; Start From does not', () => {
		const hash = partnerConfigHash({ onlyAllowed: false, lookbackDays: 30 });
		expect(partnerConfigHash({ onlyAllowed: true, lookbackDays: 30 })).not.toBe(hash);
		expect(partnerConfigHash({ onlyAllowed: false, lookbackDays: 31 })).not.toBe(hash);
		expect(partnerConfigHash({ onlyAllowed: false, lookbackDays: 30 })).toBe(hash);
	});
});

const NOW = 29_000_000;
const LOOKBACK = NOW - 30 * 1440;

function basis(overrides: Partial<PartnerBasis> = {}): PartnerBasis {
	return {
		state: { v: 1, config: 'cfg', seen: { known: NOW - 100 } },
		config: 'cfg',
		onlyAllowed: false,
		lookbackStartMinute: LOOKBACK,
		nowMinute: NOW,
		first: planFirstCheck('now', undefined, LOOKBACK),
		...overrides,
	};
}

const partner = (key: string, registeredMinute?: number, allowed = true): PartnerObservation => ({
	key,
	registeredMinute,
	allowed,
	record: { key },
});

const keys = (observations: PartnerObservation[]) => observations.map(({ key }) => key);

describe('planPartnerPoll', () => {
	it('fires each partner not seen before, once, and remembers its registration minute', () => {
		const plan = planPartnerPoll(basis(), [
			partner('known', NOW - 100),
			partner('new', NOW - 5),
			partner('new', NOW - 5),
		]);
		expect(plan.baseline).toBe(false);
		expect(keys(plan.fire)).toEqual(['new']);
		expect(plan.next).toEqual({ v: 1, config: 'cfg', seen: { known: NOW - 100, new: NOW - 5 } });
	});

	it('a baseline (no state, or another configuration) only records, From Now On', () => {
		for (const start of [basis({ state: undefined }), basis({ config: 'other' })]) {
			const plan = planPartnerPoll(start, [partner('known', NOW - 100), partner('new', NOW - 5)]);
			expect(plan.baseline).toBe(true);
			expect(plan.fire).toEqual([]);
			expect(plan.next.seen).toEqual({ known: NOW - 100, new: NOW - 5 });
			expect(plan.next.config).toBe(start.config);
		}
	});

	it('a baseline fires from the Start From minute: the whole window, or since a date', () => {
		const observations = [
			partner('old', NOW - 40 * 1440),
			partner('mid', NOW - 20 * 1440),
			partner('new', NOW - 5),
		];
		const lookback = basis({
			state: undefined,
			first: planFirstCheck('lookback', undefined, LOOKBACK),
		});
		expect(keys(planPartnerPoll(lookback, observations).fire)).toEqual(['mid', 'new']);
		const since10 = basis({
			state: undefined,
			first: planFirstCheck('date', NOW - 10 * 1440, LOOKBACK),
		});
		const plan10 = planPartnerPoll(since10, observations);
		expect(keys(plan10.fire)).toEqual(['new']);
		expect(Object.keys(plan10.next.seen)).toEqual(['mid', 'new']);
		const since45 = basis({
			state: undefined,
			first: planFirstCheck('date', NOW - 45 * 1440, LOOKBACK),
		});
		expect(checkWindowStart(since45)).toBe(NOW - 45 * 1440);
		const plan45 = planPartnerPoll(since45, observations);
		expect(keys(plan45.fire)).toEqual(['old', 'mid', 'new']);
		// 'old' is behind the lookback window: later checks never see it again, so it is not kept.
		expect(Object.keys(plan45.next.seen)).toEqual(['mid', 'new']);
		expect(checkWindowStart(basis({ first: since45.first }))).toBe(LOOKBACK);
	});

	it('Only Allowed: a partner not allowed yet is not recorded, so it fires once it is allowed', () => {
		const onlyAllowed = basis({ onlyAllowed: true });
		const waiting = planPartnerPoll(onlyAllowed, [partner('new', NOW - 5, false)]);
		expect(waiting.fire).toEqual([]);
		expect(waiting.next.seen).toEqual({ known: NOW - 100 });
		const allowed = planPartnerPoll({ ...onlyAllowed, state: waiting.next }, [
			partner('new', NOW - 5),
		]);
		expect(keys(allowed.fire)).toEqual(['new']);
		// Also at a baseline: only the allowed ones are recorded.
		const baseline = planPartnerPoll({ ...onlyAllowed, state: undefined }, [
			partner('a', NOW - 5),
			partner('b', NOW - 5, false),
		]);
		expect(Object.keys(baseline.next.seen)).toEqual(['a']);
	});

	it('ignores partners registered before the window and forgets entries that left it', () => {
		const plan = planPartnerPoll(
			basis({ state: { v: 1, config: 'cfg', seen: { gone: LOOKBACK - 1, edge: LOOKBACK } } }),
			[partner('before', LOOKBACK - 1), partner('edge2', LOOKBACK)],
		);
		expect(keys(plan.fire)).toEqual(['edge2']);
		expect(plan.next.seen).toEqual({ edge: LOOKBACK, edge2: LOOKBACK });
	});

	it('an undated partner counts as registered now: it fires once and is kept for the window', () => {
		const plan = planPartnerPoll(basis(), [partner('undated')]);
		expect(keys(plan.fire)).toEqual(['undated']);
		expect(plan.next.seen.undated).toBe(NOW);
	});

	it('a key such as `constructor` is a partner like any other', () => {
		expect(keys(planPartnerPoll(basis(), [partner('constructor', NOW - 5)]).fire)).toEqual([
			'constructor',
		]);
	});

	it('deciding again from the same state reaches the same decisions (a lost write costs nothing)', () => {
		const observations = [
			partner('known', NOW - 100),
			partner('new', NOW - 5),
			partner('w', NOW - 5, false),
		];
		const once = planPartnerPoll(basis({ onlyAllowed: true }), observations);
		const again = planPartnerPoll(basis({ onlyAllowed: true }), observations);
		expect(again).toEqual(once);
	});
});

describe('mayFire: which partners keep their whole record while the answer is read', () => {
	it('keeps exactly what planPartnerPoll may fire', () => {
		const cases: PartnerBasis[] = [
			basis(),
			basis({ onlyAllowed: true }),
			basis({ state: undefined }),
			basis({ state: undefined, first: planFirstCheck('lookback', undefined, LOOKBACK) }),
			basis({ state: undefined, first: planFirstCheck('date', NOW - 45 * 1440, LOOKBACK) }),
		];
		const observations = [
			partner('known', NOW - 100),
			partner('new', NOW - 5),
			partner('waiting', NOW - 5, false),
			partner('old', NOW - 40 * 1440),
			partner('ancient', NOW - 50 * 1440),
			partner('undated'),
		];
		for (const start of cases) {
			const keep = mayFire(start);
			const fired = new Set(keys(planPartnerPoll(start, observations).fire));
			for (const observation of observations) {
				expect([observation.key, keep(observation)]).toEqual([
					observation.key,
					fired.has(observation.key),
				]);
			}
		}
	});
});

describe('newestRecordOnly (Fetch Test Event)', () => {
	it('keeps one record at a time, the newest eligible one', () => {
		const keep = newestRecordOnly(
			(observation: PartnerObservation) => observation.registeredMinute,
			(observation) => observation.allowed,
		)();
		// As the reader does: a record is attached only when keep says so.
		const seen = [
			partner('a', 10),
			partner('b', 30),
			partner('c', 20),
			partner('d', 40, false),
			partner('e'),
		];
		const kept: string[] = [];
		for (const observation of seen) {
			const record = observation.record;
			delete observation.record;
			if (keep(observation)) {
				observation.record = record;
				kept.push(observation.key);
			}
		}
		expect(kept).toEqual(['a', 'b']);
		expect(keys(seen.filter((observation) => observation.record !== undefined))).toEqual(['b']);
	});
});
