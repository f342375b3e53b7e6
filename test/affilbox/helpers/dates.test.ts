import { DateTime } from 'luxon';

import { AFFILBOX_DATE_FORMATS, formatAffilBoxDate } from '../../../nodes/AffilBox/helpers/dates';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';

const PRAGUE = 'Europe/Prague';
const { minute, day, second } = AFFILBOX_DATE_FORMATS;

describe('formatAffilBoxDate', () => {
	it.each([
		// [input, expected in Prague, to the minute]
		['2025-03-11T14:30:00Z', '2025-03-11 15:30'], // winter: UTC+1
		['2025-07-11T14:30:00Z', '2025-07-11 16:30'], // summer: UTC+2
		['2025-03-11T14:30:00+01:00', '2025-03-11 14:30'],
		['2025-03-11T14:30:00', '2025-03-11 14:30'], // no offset: licence wall time
		['2025-03-11 14:30', '2025-03-11 14:30'],
		['2025-03-11 8:45:21', '2025-03-11 08:45'], // unpadded hour, as AffilBox itself writes
		['2025-03-11', '2025-03-11 00:00'],
		['11.3.2025', '2025-03-11 00:00'],
		['11. 3. 2025 9:05', '2025-03-11 09:05'],
		['2025/03/11 14:30', '2025-03-11 14:30'],
		['Tue, 11 Mar 2025 14:30:00 +0000', '2025-03-11 15:30'],
		['  2025-03-11 14:30  ', '2025-03-11 14:30'],
	])('reads %j', (input, expected) => {
		expect(formatAffilBoxDate(input, PRAGUE, minute, 'Created After')).toBe(expected);
	});

	it('reads epoch milliseconds and seconds, as numbers and text', () => {
		const millis = Date.UTC(2025, 2, 11, 14, 30);
		expect(formatAffilBoxDate(millis, PRAGUE, minute, 'X')).toBe('2025-03-11 15:30');
		expect(formatAffilBoxDate(millis / 1000, PRAGUE, minute, 'X')).toBe('2025-03-11 15:30');
		expect(formatAffilBoxDate(String(millis), PRAGUE, minute, 'X')).toBe('2025-03-11 15:30');
	});

	it('reads JS Dates and luxon DateTimes (n8n DateTime values), keeping the instant', () => {
		const instant = new Date(Date.UTC(2025, 11, 31, 23, 30));
		expect(formatAffilBoxDate(instant, PRAGUE, day, 'X')).toBe('2026-01-01');
		const fromNewYork = DateTime.fromISO('2025-12-31T18:30:00', { zone: 'America/New_York' });
		expect(formatAffilBoxDate(fromNewYork, PRAGUE, second, 'X')).toBe('2026-01-01 00:30:00');
	});

	it('recognises a DateTime from another copy of luxon by its marker', () => {
		const foreign = { isLuxonDateTime: true, toMillis: () => Date.UTC(2025, 0, 2, 3, 4, 5) };
		expect(formatAffilBoxDate(foreign, PRAGUE, second, 'X')).toBe('2025-01-02 04:04:05');
	});

	it('formats in the licence zone it is given', () => {
		expect(formatAffilBoxDate('2025-03-11T14:30:00Z', 'UTC', second, 'X')).toBe(
			'2025-03-11 14:30:00',
		);
	});

	it.each(['tomorrow', '2025-13-45', '31.2.2025', '', {}, true])(
		'rejects %j naming the field',
		(input) => {
			expect(() => formatAffilBoxDate(input, PRAGUE, minute, 'Created Before')).toThrow(
				InvalidInputError,
			);
			try {
				formatAffilBoxDate(input, PRAGUE, minute, 'Created Before');
			} catch (error) {
				expect((error as InvalidInputError).field).toBe('Created Before');
				expect((error as Error).message).toMatch(/^Created Before: /);
			}
		},
	);

	it('rejects an unknown licence time zone naming the credential field', () => {
		expect(() => formatAffilBoxDate('2025-03-11', 'Mars/Olympus', day, 'X')).toThrow(
			/Licence time zone "Mars\/Olympus"/i,
		);
	});
});
