import { DateTime } from 'luxon';

import seed from '../../../fixtures/affilbox/seed.json';
import { startAffilBoxSandbox } from './index';
import { datedRecently } from './recentDates';

/** The demo's seed (`dates: 'recent'`, what `npm start` uses): dated relative to the day it starts. */
const ZONE = 'Europe/Prague';
const DATE = /^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}:\d{2})?$/;

function datesOf(value: unknown, found: string[] = []): string[] {
	if (typeof value === 'string' && DATE.test(value)) found.push(value);
	else if (value && typeof value === 'object')
		for (const item of Object.values(value)) datesOf(item, found);
	return found;
}

const dayOf = (text: string) => DateTime.fromISO(text.slice(0, 10), { zone: 'utc' });

describe('the seed dated recently', () => {
	it.each([
		['a winter evening', '2026-12-06T20:30:00Z'],
		['just after midnight in Prague (still the day before in UTC)', '2026-07-14T22:30:00Z'],
		['across a change to summer time', '2027-03-29T06:00:00Z'],
	])(
		'on %s: the newest date is yesterday in the licence zone, every date moved alike',
		(_, now) => {
			const { seed: moved, days } = datedRecently(seed, new Date(now), ZONE);
			const before = datesOf(seed);
			const after = datesOf(moved);
			expect(after).toHaveLength(before.length);
			const yesterday = DateTime.fromISO(now).setZone(ZONE).minus({ days: 1 }).toISODate();
			expect(
				after
					.map((text) => text.slice(0, 10))
					.sort()
					.at(-1),
			).toBe(yesterday);
			after.forEach((text, index) => {
				// Same time of day, spelled as seeded (unpadded hours too), the same number of days later.
				expect(text.slice(10)).toBe(before[index].slice(10));
				expect(dayOf(text).diff(dayOf(before[index]), 'days').days).toBe(days);
			});
		},
	);

	it('changes nothing but dates', () => {
		const { seed: moved } = datedRecently(seed, new Date('2026-12-06T20:30:00Z'), ZONE);
		const blank = (value: unknown): unknown =>
			JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
				typeof item === 'string' && DATE.test(item) ? 'DATE' : item,
			);
		expect(blank(moved)).toEqual(blank(seed));
		expect(moved.conversions.map((c) => c.transactionId)).toEqual(
			seed.conversions.map((c) => c.transactionId),
		);
	});

	it('the sandbox started so serves recent conversions, and keeps them across resets', async () => {
		const now = new Date('2026-12-06T20:30:00Z');
		const sandbox = await startAffilBoxSandbox({ port: 0, dates: 'recent', now: () => now });
		try {
			const { seed: expected, days } = datedRecently(seed, now, ZONE);
			expect(sandbox.datesMovedBy).toBe(days);
			expect(sandbox.store.conversions).toEqual(expected.conversions);
			sandbox.store.conversions.splice(0);
			sandbox.reset();
			expect(sandbox.store.conversions).toEqual(expected.conversions);
		} finally {
			await sandbox.close();
		}
	});

	it('tests get the seed exactly as it is by default', async () => {
		const sandbox = await startAffilBoxSandbox({ port: 0 });
		try {
			expect(sandbox.datesMovedBy).toBe(0);
			expect(sandbox.store.conversions).toEqual(seed.conversions);
		} finally {
			await sandbox.close();
		}
	});
});
