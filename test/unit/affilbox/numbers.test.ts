import { InvalidInputError } from '../../../nodes/AffilBox/helpers/invalidInput';
import { parseAmount, parseInteger } from '../../../nodes/AffilBox/helpers/numbers';
import { requireText } from '../../../nodes/AffilBox/helpers/text';

describe('parseAmount', () => {
	it.each([
		[630, '630'],
		[12.5, '12.5'],
		['12.50', '12.50'],
		['12,50', '12.50'],
		['1 234,50', '1234.50'],
		['1\u00a0234,50', '1234.50'],
		['1.234,50', '1234.50'],
		['1,234.50', '1234.50'],
		['-5', '-5'],
		['+7', '7'],
		[' 99 ', '99'],
	])('normalises %j to %j', (input, expected) => {
		expect(parseAmount(input, 'Commission')).toBe(expected);
	});

	it.each(['', 'abc', '12,5,0x', '1e3', 'NaN', null, undefined, Number.POSITIVE_INFINITY, {}])(
		'rejects %j naming the field',
		(input) => {
			expect(() => parseAmount(input, 'Commission')).toThrow(InvalidInputError);
			expect(() => parseAmount(input, 'Commission')).toThrow(/^Commission must be a number/);
		},
	);
});

describe('parseInteger', () => {
	it('accepts whole numbers as numbers or text', () => {
		expect(parseInteger('42', 'Campaign')).toBe(42);
		expect(parseInteger(7, 'Campaign')).toBe(7);
	});

	it.each(['4.2', '', 'x', 4.5, '99999999999999999999'])('rejects %j', (input) => {
		expect(() => parseInteger(input, 'Campaign')).toThrow(/^Campaign /);
	});

	it('enforces a minimum', () => {
		expect(() => parseInteger(0, 'Count', 1)).toThrow('Count must be at least 1, got 0');
	});
});

describe('requireText', () => {
	it('keeps the value as given but refuses blanks', () => {
		expect(requireText('  a b ', 'Partner')).toBe('  a b ');
		expect(requireText(15, 'Partner')).toBe('15');
		expect(() => requireText('   ', 'Partner')).toThrow('Partner is required');
	});
});
