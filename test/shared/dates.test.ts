import { parseDate } from '../../nodes/shared/dates';

const PRAGUE = 'Europe/Prague';

describe('parseDate', () => {
	it('returns undefined for nothing and for invalid dates', () => {
		expect(parseDate(undefined, PRAGUE)).toBeUndefined();
		expect(parseDate('   ', PRAGUE)).toBeUndefined();
		expect(parseDate(new Date('nope'), PRAGUE)).toBeUndefined();
		expect(parseDate(Number.NaN, PRAGUE)).toBeUndefined();
	});
});
