import {
	optionalText,
	readAffeliosAmount,
	parseBoolean,
} from '../../../nodes/Affelios/helpers/values';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';

describe('readAffeliosAmount', () => {
	it.each([
		[12.5, 12.5],
		[0, 0],
		[-3, -3],
		['49.90', 49.9],
		[' 100 ', 100],
		['+7', 7],
		['.5', 0.5],
		['1e3'.replace('e3', '000'), 1000],
	])('reads %j as the JSON number %j', (input, expected) => {
		expect(readAffeliosAmount(input, 'Deposit Amount')).toBe(expected);
	});

	it.each([
		'12,50',
		'1 000',
		'abc',
		'',
		'1e3',
		'12.5 EUR',
		null,
		undefined,
		Number.NaN,
		Infinity,
		true,
	])('refuses %j, naming the field', (input) => {
		expect(() => readAffeliosAmount(input, 'Deposit Amount')).toThrow(InvalidInputError);
		expect(() => readAffeliosAmount(input, 'Deposit Amount')).toThrow(
			/^Deposit Amount must be a number/,
		);
	});
});

describe('parseBoolean', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		[' FALSE ', false],
	])('reads %j', (input, expected) => {
		expect(parseBoolean(input, 'CPA Excluded')).toBe(expected);
	});

	it.each(['yes', 1, null])('refuses %j', (input) => {
		expect(() => parseBoolean(input, 'CPA Excluded')).toThrow(
			/^CPA Excluded must be true or false/,
		);
	});
});

describe('optional text', () => {
	it('optional text turns numbers into text and leaves blanks out', () => {
		expect(optionalText(7)).toBe('7');
		expect(optionalText('x')).toBe('x');
		expect(optionalText(' ')).toBeUndefined();
		expect(optionalText(null)).toBeUndefined();
	});
});
