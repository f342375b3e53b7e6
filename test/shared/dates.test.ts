import { DateTime } from 'luxon';

import { parseDate } from '../../nodes/shared/dates';

const PRAGUE = 'Europe/Prague';

describe('parseDate', () => {
	it('returns undefined for nothing and for invalid dates', () => {
		expect(parseDate(undefined, PRAGUE)).toBeUndefined();
		expect(parseDate('   ', PRAGUE)).toBeUndefined();
		expect(parseDate(new Date('nope'), PRAGUE)).toBeUndefined();
		expect(parseDate(Number.NaN, PRAGUE)).toBeUndefined();
	});

	// The extra formats go through parsers compiled once (luxon 3.5+); n8n releases that ship an
	// older luxon have no buildFormatParser, and the same dates must read the same there.
	const EXTRA_FORM_DATES = [
		'2025-02-03 8:45:21',
		'2025-02-03 8:45',
		'2025-02-03 8:45:21.250',
		'2025/02/03',
		'2025/02/03 8:45',
		'3.2.2025 8:45:21',
		'3. 2. 2025',
		'3. 2. 2025 8:45',
	];

	it('reads the extra forms alike with and without luxon parsers compiled once', () => {
		const compiled = EXTRA_FORM_DATES.map((text) => parseDate(text, PRAGUE)?.toISO());
		expect(compiled.every((iso) => typeof iso === 'string')).toBe(true);
		// Twice: the second read uses the parsers the first compiled.
		expect(EXTRA_FORM_DATES.map((text) => parseDate(text, PRAGUE)?.toISO())).toEqual(compiled);
		const luxon = DateTime as unknown as { buildFormatParser?: unknown };
		const buildFormatParser = luxon.buildFormatParser;
		try {
			delete luxon.buildFormatParser;
			expect(luxon.buildFormatParser).toBeUndefined();
			expect(EXTRA_FORM_DATES.map((text) => parseDate(text, PRAGUE)?.toISO())).toEqual(compiled);
		} finally {
			luxon.buildFormatParser = buildFormatParser;
		}
		expect(compiled[0]).toBe('2025-02-03T08:45:21.000+01:00');
	});
});

describe('parseDate of AffilBox wall-clock text (read from its parts)', () => {
	// What luxon's own readers make of the same text: SQL first, then the format of one-digit hours.
	const general = (text: string, zone: string) => {
		for (const parsed of [
			DateTime.fromSQL(text, { zone }),
			DateTime.fromFormat(text, 'yyyy-MM-dd H:mm:ss', { zone }),
			DateTime.fromFormat(text, 'yyyy-MM-dd H:mm', { zone }),
			DateTime.fromFormat(text, 'yyyy-MM-dd H:mm:ss.SSS', { zone }),
		])
			if (parsed.isValid) return parsed.toISO();
		return undefined;
	};

	it('gives the instant luxon gives, across DST changes, leap days and zones', () => {
		const texts = [
			'2025-02-03 8:45:21',
			'2025-02-03 08:45:21',
			'2025-02-03 08:45',
			'2025-02-03 8:45',
			'2025-02-03 08:45:21.250',
			'2025-03-30 02:30:00', // the hour Prague skips
			'2025-10-26 02:30:00', // the hour Prague repeats
			'2025-10-26 2:59:59',
			'2024-02-29 23:59:59',
			'2025-12-31 0:00:00',
			'1999-01-01 12:00',
			'2025-02-03 24:00:00', // luxon reads midnight at the end of a day as the next day's start
			'2025-02-03 24:00',
		];
		for (const zone of [PRAGUE, 'UTC', 'America/New_York', 'Australia/Lord_Howe'])
			for (const text of texts) expect(parseDate(text, zone)?.toISO()).toBe(general(text, zone));
	});

	// What the wall-clock reader did before it remembered offsets per hour: luxon with the zone's name.
	const byName = (text: string, zone: string) => {
		const [date, time] = text.split(' ');
		const [year, month, day] = date.split('-').map(Number);
		const [hour, minute, second] = time.split(':').map(Number);
		return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toISO();
	};
	const pad = (value: number) => String(value).padStart(2, '0');
	const wallClock = (at: DateTime) =>
		`${at.year}-${pad(at.month)}-${pad(at.day)} ${at.hour}:${pad(at.minute)}:${pad(at.second)}`;

	/** The instants (UTC) where `zone` changes its offset in `year`, found day by day, then to the minute. */
	const changesIn = (zone: string, year: number): DateTime[] => {
		const changes: DateTime[] = [];
		const offsetAt = (at: DateTime) => at.setZone(zone).offset;
		let day = DateTime.utc(year, 1, 1);
		while (day.year === year) {
			const next = day.plus({ days: 1 });
			if (offsetAt(day) !== offsetAt(next)) {
				let [from, to] = [day, next];
				while (to.diff(from).as('minutes') > 1) {
					const middle = from.plus({ milliseconds: to.diff(from).as('milliseconds') / 2 });
					if (offsetAt(middle) === offsetAt(from)) from = middle;
					else to = middle;
				}
				changes.push(to.startOf('minute'));
			}
			day = next;
		}
		return changes;
	};

	it('gives the instant and offset luxon gives around every offset change of a year, read twice', () => {
		const zones = [
			PRAGUE,
			'America/New_York',
			'America/St_Johns', // changed at 00:01 until 2011
			'Australia/Lord_Howe', // half an hour of DST
			'Pacific/Chatham', // +12:45 / +13:45
			'Pacific/Apia', // skipped 30 December 2011
			'Europe/Moscow', // +3 → +4 (2011) → +3 (2014) for good
			'Africa/Casablanca', // DST paused for Ramadan
			'Asia/Kathmandu',
		];
		let compared = 0;
		for (const zone of zones)
			for (const year of [1985, 2011, 2014, 2025]) {
				const texts: string[] = [];
				for (const change of changesIn(zone, year)) {
					// Every 7 minutes of wall clock, three hours either side of the change (a gap, an overlap).
					const local = change.setZone(zone);
					for (let minutes = -180; minutes <= 180; minutes += 7)
						texts.push(wallClock(local.plus({ minutes })));
				}
				const expected = texts.map((text) => byName(text, zone));
				// Once with the offsets not known yet, once known, and once from the end backwards.
				expect(texts.map((text) => parseDate(text, zone)?.toISO())).toEqual(expected);
				expect(texts.map((text) => parseDate(text, zone)?.toISO())).toEqual(expected);
				expect([...texts].reverse().map((text) => parseDate(text, zone)?.toISO())).toEqual(
					[...expected].reverse(),
				);
				compared += texts.length;
			}
		// The scan found changes: many zones change twice a year.
		expect(compared).toBeGreaterThan(2000);
	});

	it('reads a date in the gap of a DST change as luxon does (a wall time that does not exist)', () => {
		// Prague skips 02:00–03:00 on 30 March 2025; luxon moves such a time forward by the gap.
		expect(parseDate('2025-03-30 2:30:00', PRAGUE)?.toISO()).toBe(
			byName('2025-03-30 2:30:00', PRAGUE),
		);
		expect(parseDate('2025-03-30 2:30:00', PRAGUE)?.toISO()).toBe('2025-03-30T03:30:00.000+02:00');
		// The repeated hour of 26 October 2025: luxon's choice, whichever offset is in force now.
		expect(parseDate('2025-10-26 2:30:00', PRAGUE)?.toISO()).toBe(
			byName('2025-10-26 2:30:00', PRAGUE),
		);
	});

	it('keeps zones that are not IANA names as luxon reads them', () => {
		for (const zone of ['UTC', 'utc', 'UTC+3', 'system'])
			expect(parseDate('2025-02-03 8:45:21', zone)?.toISO()).toBe(
				byName('2025-02-03 8:45:21', zone),
			);
		expect(parseDate('2025-02-03 8:45:21', 'Not/AZone')).toBeUndefined();
	});

	it('leaves what is no valid date to the general path, which refuses it as before', () => {
		for (const text of [
			'2025-02-30 10:00:00',
			'2025-13-01 10:00',
			'2025-02-03 24:30',
			'2025-02-03 10:60',
		])
			expect(parseDate(text, PRAGUE)).toBeUndefined();
		// Not the wall-clock form: read by the general path as before.
		expect(parseDate('2025-02-03T08:45:21', PRAGUE)?.toISO()).toBe('2025-02-03T08:45:21.000+01:00');
		expect(parseDate('2025-02-03 08:45:21+02:00', PRAGUE)?.toISO()).toBe(
			'2025-02-03T07:45:21.000+01:00',
		);
	});
});
