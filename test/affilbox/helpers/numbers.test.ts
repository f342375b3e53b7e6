import { readAffilBoxAmount } from '../../../nodes/AffilBox/helpers/amounts';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';
import { requireXmlText } from '../../../nodes/AffilBox/helpers/text';

describe('readAffilBoxAmount', () => {
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
		expect(readAffilBoxAmount(input, 'Commission')).toBe(expected);
	});

	it.each(['', 'abc', '12,5,0x', '1e3', 'NaN', null, undefined, Number.POSITIVE_INFINITY, {}])(
		'rejects %j naming the field',
		(input) => {
			expect(() => readAffilBoxAmount(input, 'Commission')).toThrow(InvalidInputError);
			expect(() => readAffilBoxAmount(input, 'Commission')).toThrow(/^Commission must be a number/);
		},
	);
});

describe('requireXmlText', () => {
	it('keeps the value as given but refuses blanks', () => {
		expect(requireXmlText('  a b ', 'Partner')).toBe('  a b ');
		expect(requireXmlText(15, 'Partner')).toBe('15');
		expect(() => requireXmlText('   ', 'Partner')).toThrow('Partner is required');
	});
});
