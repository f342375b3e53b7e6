import {
	amountOf,
	booleanOf,
	currencyOf,
	dateOf,
	fieldOf,
	firstObject,
	idOf,
	numberOf,
	objectsOf,
	sumOfAmounts,
	withoutFloatNoise,
} from '../../../../nodes/AffilBox/transport/apiV2/values';

const PRAGUE = 'Europe/Prague';

describe('API v2 values: the quirks the public client reports', () => {
	it('numbers as JSON strings or numbers; empty as null; unreadable text kept', () => {
		expect(
			['500', 500, '1403.594', ' 41 ', '', null, undefined, false, 'n/a'].map(numberOf),
		).toEqual([500, 500, 1403.594, 41, null, null, null, null, 'n/a']);
	});

	it('money without the float noise AffilBox sends, and nothing else rounded', () => {
		expect(amountOf('629.2154999999999')).toBe(629.2155);
		expect(amountOf('1845.3300000000002')).toBe(1845.33);
		expect(amountOf(2275.2500000000005)).toBe(2275.25);
		expect(amountOf('9.7935')).toBe(9.7935); // a 4-decimal commission stays
		expect(amountOf('24.517499999999998')).toBe(24.5175);
		expect(amountOf(4520)).toBe(4520);
		expect(amountOf('-0.1')).toBe(-0.1);
		expect(withoutFloatNoise(0.1 + 0.2)).toBe(0.3);
		expect(withoutFloatNoise(123456789.1234)).toBe(123456789.1234);
	});

	it('sums amounts without noise; undefined when one is not a number', () => {
		expect(sumOfAmounts([1845.3300000000002, 500])).toBe(2345.33);
		expect(sumOfAmounts([0.1, 0.2])).toBe(0.3);
		expect(sumOfAmounts([])).toBe(0);
		expect(sumOfAmounts([1, 'n/a'])).toBeUndefined();
		expect(sumOfAmounts([1, null])).toBeUndefined();
	});

	it('ids as text, leading zeros kept, JSON numbers too', () => {
		expect(['3884', 21, '0025050217', '', null].map(idOf)).toEqual([
			'3884',
			'21',
			'0025050217',
			null,
			null,
		]);
	});

	it('booleans: JSON booleans, and 1/0, true/false, yes/no, ano/ne (never PHP\'s "false" = true)', () => {
		expect(
			[true, false, 1, 0, '1', '0', 'false', 'TRUE', 'ano', 'ne', '', null].map(booleanOf),
		).toEqual([true, false, true, false, true, false, false, true, true, false, false, null]);
		expect(booleanOf('maybe')).toBe('maybe');
	});

	it('currency: Kč → CZK where the symbol names one currency; codes upper-cased; ambiguous symbols kept', () => {
		expect(
			['Kč', 'kč', 'CZK', 'czk', '€', 'zł', 'Ft', '$', 'kr', '', null].map(currencyOf),
		).toEqual(['CZK', 'CZK', 'CZK', 'CZK', 'EUR', 'PLN', 'HUF', '$', 'kr', null, null]);
	});

	it('dates without offset read in the licence zone, out as ISO with its offset', () => {
		expect(dateOf('2025-03-11 10:50:50', PRAGUE)).toBe('2025-03-11T10:50:50+01:00');
		expect(dateOf('2025-05-02 9:14:07', PRAGUE)).toBe('2025-05-02T09:14:07+02:00'); // unpadded, summer
		expect(dateOf('2023-10-19 0:00:00', PRAGUE)).toBe('2023-10-19T00:00:00+02:00');
		expect(dateOf('2025-03-11 10:50:50', 'UTC')).toBe('2025-03-11T10:50:50Z');
		expect(dateOf('2025-12-31', PRAGUE)).toBe('2025-12-31'); // a calendar day stays one
	});

	it('"no date": null, "", false and zero dates; unreadable text kept', () => {
		expect(
			[null, '', false, '0000-00-00 00:00:00', undefined].map((v) => dateOf(v, PRAGUE)),
		).toEqual([null, null, null, null, null]);
		expect(dateOf('tomorrow-ish', PRAGUE)).toBe('tomorrow-ish');
	});

	it('one-element lists as their object (person: [{…}]); an empty list as {}', () => {
		expect(firstObject([{ id: 1 }])).toEqual({ id: 1 });
		expect(firstObject({ id: 1 })).toEqual({ id: 1 });
		expect(firstObject([])).toEqual({});
		expect(firstObject(null)).toEqual({});
		expect(firstObject('text')).toEqual({});
	});

	it('object or list of objects (items): always a list', () => {
		expect(objectsOf({ item: 'a' })).toEqual([{ item: 'a' }]);
		expect(objectsOf([{ item: 'a' }, { item: 'b' }])).toEqual([{ item: 'a' }, { item: 'b' }]);
		expect(objectsOf(undefined)).toEqual([]);
		expect(objectsOf([{ item: 'a' }, 'junk', null])).toEqual([{ item: 'a' }]);
	});

	it('fields by one of their spellings, exact first, then any letter case (postCode, postcode)', () => {
		expect(fieldOf({ postcode: '602 00' }, ['postCode', 'psc'])).toBe('602 00');
		expect(fieldOf({ postCode: 'A', postcode: 'B' }, ['postCode'])).toBe('A');
		expect(fieldOf({ psc: '110 00' }, ['postCode', 'psc'])).toBe('110 00');
		expect(fieldOf({}, ['postCode'])).toBeUndefined();
	});
});
