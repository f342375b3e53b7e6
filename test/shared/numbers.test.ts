import { InvalidInputError } from '../../nodes/shared/invalidInput';
import { readAmount, readNumberInRange, readWholeNumber } from '../../nodes/shared/numbers';
import { requireText } from '../../nodes/shared/parameters';

describe('readWholeNumber', () => {
	it('accepts whole numbers as numbers or text', () => {
		expect(readWholeNumber('42', 'Campaign')).toBe(42);
		expect(readWholeNumber(7, 'Campaign')).toBe(7);
	});

	it.each(['4.2', '', 'x', 4.5, '99999999999999999999'])('rejects %j', (input) => {
		expect(() => readWholeNumber(input, 'Campaign')).toThrow(/^Campaign /);
	});

	it('enforces a minimum', () => {
		expect(() => readWholeNumber(0, 'Count', { min: 1 })).toThrow(
			'Count must be at least 1, got 0',
		);
	});
});

describe('text and whole numbers', () => {
	it('required text keeps its value, blanks are missing', () => {
		expect(requireText(' a b ', 'External ID')).toBe(' a b ');
		expect(requireText(42, 'External ID')).toBe('42');
		expect(() => requireText('  ', 'External ID')).toThrow('External ID is required');
	});

	it('whole numbers within bounds', () => {
		expect(readWholeNumber(500, 'Batch Size', { min: 1, max: 1000 })).toBe(500);
		expect(readWholeNumber('20', 'Batch Size', { min: 1, max: 1000 })).toBe(20);
		for (const bad of [0, 1001, 2.5, '', 'x', null]) {
			expect(() => readWholeNumber(bad, 'Batch Size', { min: 1, max: 1000 })).toThrow(
				/^Batch Size must be a whole number from 1 to 1000/,
			);
		}
	});
});

describe('readNumberInRange', () => {
	it('takes decimals within bounds, as numbers or text', () => {
		expect(readNumberInRange(30, 'Timeout', 0.1, 600)).toBe(30);
		expect(readNumberInRange('0.5', 'Timeout', 0.1, 600)).toBe(0.5);
		expect(readNumberInRange(0.1, 'Timeout', 0.1, 600)).toBe(0.1);
		for (const bad of [0, 0.05, 601, '', 'x', null, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => readNumberInRange(bad, 'Timeout', 0.1, 600)).toThrow(
				/^Timeout must be a number from 0.1 to 600/,
			);
		}
	});
});

describe('readAmount', () => {
	it('gives dot-decimal text, localized or not', () => {
		expect(readAmount('.5', 'X', { localized: false })).toBe('0.5');
		expect(readAmount('-.5', 'X', { localized: true })).toBe('-0.5');
		expect(readAmount('5.', 'X', { localized: false })).toBe('5');
		expect(readAmount('1 234,5', 'X', { localized: true })).toBe('1234.5');
		expect(() => readAmount('1 234,5', 'X', { localized: false })).toThrow(InvalidInputError);
	});
});
