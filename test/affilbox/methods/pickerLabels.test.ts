import {
	campaignEntries,
	conversionEntries,
	matchesSearch,
	partnerEntries,
} from '../../../nodes/AffilBox/methods/labels';
import seed from '../../fixtures/affilbox/seed.json';

describe('campaign entries', () => {
	it('show name and number, inactive ones last and marked', () => {
		expect(campaignEntries(seed.campaigns).map((entry) => [entry.label, entry.id])).toEqual([
			['Elektronika "Premium" (13)', '13'],
			['Knihy & <Hry> pro děti (12)', '12'],
			['Letní výprodej – obuv (11)', '11'],
			['Zimní kolekce 2024 (14) · inactive', '14'],
		]);
	});

	it('tolerate a nameless campaign, "false" as inactive, and skip one without a number', () => {
		expect(
			campaignEntries([{ id: '7' }, { id: '8', name: 'B', active: 'false' }, { name: 'no id' }]),
		).toEqual([
			{ id: '7', label: 'Campaign 7 (7)', inactive: false },
			{ id: '8', label: 'B (8) · inactive', inactive: true },
		]);
	});
});

describe('partner entries', () => {
	const partners = seed.partners.map(({ person, address, company }) => ({
		person,
		address,
		company,
	}));

	it('show name, e-mail and affiliate ID; send the affiliate ID', () => {
		const entries = partnerEntries(partners);
		expect(entries.find((entry) => entry.value === 'zofie')?.label).toBe(
			'Žofie Šťastná · zofie.stastna@example.org · zofie',
		);
		expect(entries.map((entry) => entry.value)).toHaveLength(seed.partners.length);
	});

	it('send the e-mail when a partner has no affiliate ID, and read flat records too', () => {
		expect(partnerEntries([{ email: 'x@example.com', name: 'X' }])).toEqual([
			{ value: 'x@example.com', label: 'X · x@example.com', searchText: 'X x@example.com ' },
		]);
	});
});

describe('conversion entries', () => {
	it('send the transaction ID and show amount, partner, state, date and campaign', () => {
		const [entry] = conversionEntries([seed.conversions[1]]);
		expect(entry.value).toBe('OBJ-2025-0002');
		expect(entry.label).toBe(
			'OBJ-2025-0002 · 89.90 CZK · zofie · waiting · 2025-02-03 8:45:21 · Letní výprodej – obuv (11)',
		);
		expect(matchesSearch(entry.searchText, 'zofie.stastna')).toBe(true);
	});
});

describe('matchesSearch', () => {
	it.each([
		['Žofie Šťastná zofie', 'zofie', true],
		['Žofie Šťastná zofie', 'ŠŤASTNÁ', true],
		['Žofie Šťastná zofie', 'stastna zof', true],
		['Letní výprodej – obuv (11)', '11', true],
		['Letní výprodej – obuv (11)', 'letni 12', false],
		['anything', undefined, true],
		['anything', '   ', true],
	])('%p ~ %p → %p', (text, search, expected) => {
		expect(matchesSearch(text, search)).toBe(expected);
	});
});
