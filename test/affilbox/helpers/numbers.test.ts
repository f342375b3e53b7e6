import { parseAmount } from '../../../nodes/AffilBox/helpers/numbers';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';
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

describe('requireText', () => {
	it('keeps the value as given but refuses blanks', () => {
		expect(requireText('  a b ', 'Partner')).toBe('  a b ');
		expect(requireText(15, 'Partner')).toBe('15');
		expect(() => requireText('   ', 'Partner')).toThrow('Partner is required');
	});
});
