import { InvalidInputError } from '../../../nodes/Affelios/helpers/invalidInput';
import {
	optionalText,
	parseAmount,
	parseBoolean,
	parseNumberInRange,
	parseWholeNumber,
	requireText,
} from '../../../nodes/Affelios/helpers/values';

describe('parseAmount', () => {
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
		expect(parseAmount(input, 'Deposit Amount')).toBe(expected);
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
		expect(() => parseAmount(input, 'Deposit Amount')).toThrow(InvalidInputError);
		expect(() => parseAmount(input, 'Deposit Amount')).toThrow(/^Deposit Amount must be a number/);
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

describe('text and whole numbers', () => {
	it('required text keeps its value, blanks are missing', () => {
		expect(requireText(' a b ', 'External ID')).toBe(' a b ');
		expect(requireText(42, 'External ID')).toBe('42');
		expect(() => requireText('  ', 'External ID')).toThrow('External ID is required');
	});

	it('optional text turns numbers into text and leaves blanks out', () => {
		expect(optionalText(7)).toBe('7');
		expect(optionalText('x')).toBe('x');
		expect(optionalText(' ')).toBeUndefined();
		expect(optionalText(null)).toBeUndefined();
	});

	it('whole numbers within bounds', () => {
		expect(parseWholeNumber(500, 'Batch Size', 1, 1000)).toBe(500);
		expect(parseWholeNumber('20', 'Batch Size', 1, 1000)).toBe(20);
		for (const bad of [0, 1001, 2.5, '', 'x', null]) {
			expect(() => parseWholeNumber(bad, 'Batch Size', 1, 1000)).toThrow(
				/^Batch Size must be a whole number from 1 to 1000/,
			);
		}
	});
});

describe('parseNumberInRange', () => {
	it('takes decimals within bounds, as numbers or text', () => {
		expect(parseNumberInRange(30, 'Timeout', 0.1, 600)).toBe(30);
		expect(parseNumberInRange('0.5', 'Timeout', 0.1, 600)).toBe(0.5);
		expect(parseNumberInRange(0.1, 'Timeout', 0.1, 600)).toBe(0.1);
		for (const bad of [0, 0.05, 601, '', 'x', null, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => parseNumberInRange(bad, 'Timeout', 0.1, 600)).toThrow(
				/^Timeout must be a number from 0.1 to 600/,
			);
		}
	});
});
