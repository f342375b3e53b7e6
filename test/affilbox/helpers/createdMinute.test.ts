import { parseDate } from '../../../nodes/shared/dates';
import { createdMinuteReader } from '../../../nodes/AffilBox/helpers/createdMinute';

const ZONE = 'Europe/Prague';
const viaLuxon = (value: string) => Math.floor(parseDate(value, ZONE)!.toMillis() / 60_000);

describe('createdMinuteReader', () => {
	const read = createdMinuteReader(ZONE);

	it.each([
		'2025-03-11 10:50:50',
		'2025-03-11 8:45:21', // unpadded hour
		'2025-03-11 08:45',
		'2025-03-30 01:59:59', // just before the spring change
		'2025-03-30 03:00:00', // just after it
		'2025-10-26 01:30:00', // before the autumn change
		'2025-10-26 03:30:00', // after it
		'2025-12-31 23:59:59',
		'2026-01-01 00:00:00',
	])('agrees with the general parser on %j', (value) => {
		expect(read(value)).toBe(viaLuxon(value));
	});

	it('falls back to the general parser for other forms', () => {
		expect(read('2025-03-11T10:50:50+01:00')).toBe(viaLuxon('2025-03-11T10:50:50+01:00'));
		expect(read('11.3.2025')).toBe(viaLuxon('11.3.2025'));
	});

	it('gives undefined for what is not a date', () => {
		expect(read('2025-02-30 10:00:00')).toBeUndefined();
		expect(read('2025-03-11 10:75:00')).toBeUndefined();
		expect(read('')).toBeUndefined();
		expect(read(undefined)).toBeUndefined();
		expect(read('soon')).toBeUndefined();
	});
});
