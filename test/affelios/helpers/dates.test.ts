import { DateTime } from 'luxon';

import { toAffeliosDate } from '../../../nodes/Affelios/helpers/dates';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';

const PRAGUE = 'Europe/Prague';
const field = 'Registration Date';

describe('toAffeliosDate', () => {
	it.each([
		['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
		['2024-01-15T10:30:00.123456Z', '2024-01-15T10:30:00.123Z'],
		['2024-01-15T10:30:00-05:00', '2024-01-15T15:30:00.000Z'],
		['2024-01-15T10:30:00', '2024-01-15T09:30:00.000Z'], // no offset: the given zone (winter)
		['2024-07-15T10:30:00', '2024-07-15T08:30:00.000Z'], // summer time
		['2024-01-15', '2024-01-14T23:00:00.000Z'],
		['2024-01-15 10:30:00', '2024-01-15T09:30:00.000Z'],
		['2024-01-15 10:30', '2024-01-15T09:30:00.000Z'],
		['2024-01-15 10:30:00.250', '2024-01-15T09:30:00.250Z'],
		['  2024-01-15T10:30:00Z  ', '2024-01-15T10:30:00.000Z'],
		['1705314600000', '2024-01-15T10:30:00.000Z'],
	])('reads %j', (input, expected) => {
		expect(toAffeliosDate(input, PRAGUE, field)).toBe(expected);
	});

	it('reads epoch milliseconds and JS Dates', () => {
		expect(toAffeliosDate(1705314600000, PRAGUE, field)).toBe('2024-01-15T10:30:00.000Z');
		expect(toAffeliosDate(new Date(Date.UTC(2024, 0, 15, 10, 30)), PRAGUE, field)).toBe(
			'2024-01-15T10:30:00.000Z',
		);
	});

	it('reads luxon DateTimes by their instant, whatever their zone', () => {
		const tokyo = DateTime.fromISO('2024-01-15T19:30:00.5', { zone: 'Asia/Tokyo' });
		expect(toAffeliosDate(tokyo, PRAGUE, field)).toBe('2024-01-15T10:30:00.500Z');
	});

	it('reads a DateTime from another copy of luxon by its marker, not by instanceof', () => {
		const foreign = { isLuxonDateTime: true, toMillis: () => 1705314600000, toString: () => 'x' };
		expect(toAffeliosDate(foreign, PRAGUE, field)).toBe('2024-01-15T10:30:00.000Z');
	});

	it.each([
		['text', 'next tuesday'],
		['an impossible date', '2024-02-30'],
		['empty text', '  '],
		['nothing', undefined],
		['an invalid DateTime', DateTime.invalid('bad')],
		['an object', { when: 'now' }],
		['an invalid Date', new Date('x')],
	])('refuses %s, naming the field', (_name, value) => {
		expect(() => toAffeliosDate(value, PRAGUE, field)).toThrow(InvalidInputError);
		expect(() => toAffeliosDate(value, PRAGUE, field)).toThrow(/^Registration Date: /);
	});

	it('reads epoch seconds as seconds, not as a 1970 date', () => {
		expect(toAffeliosDate(1705314600, PRAGUE, field)).toBe('2024-01-15T10:30:00.000Z');
		expect(toAffeliosDate('1705314600', PRAGUE, field)).toBe('2024-01-15T10:30:00.000Z');
	});
});
