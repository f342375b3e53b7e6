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
