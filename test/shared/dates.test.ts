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
