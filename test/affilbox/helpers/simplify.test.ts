import { simplifyConversion } from '../../../nodes/AffilBox/helpers/simplifyConversion';
import { simplifyPartner } from '../../../nodes/AffilBox/helpers/simplifyPartner';
import { amountOf } from '../../../nodes/AffilBox/helpers/simplifyValues';
import { isoDateOf } from '../../../nodes/AffilBox/transport/values';
import seed from '../../fixtures/affilbox/seed.json';
import simplifiedConversion1002 from '../../fixtures/affilbox/simplified-conversion-1002.json';

const PRAGUE = 'Europe/Prague';

describe('simplifyConversion', () => {
	it('flattens a conversion as the sandbox sends it: numbers, ISO dates with the licence offset', () => {
		const record = { ...seed.conversions[1] }; // OBJ-2025-0002, hour unpadded, no confirmDate
		expect(simplifyConversion(record, PRAGUE)).toEqual(simplifiedConversion1002);
	});

	it('uses the summer offset in summer, and the licence zone given', () => {
		const record = { transactionId: 'A', createDate: '2025-08-05 9:03:07' };
		expect(simplifyConversion(record, PRAGUE).createdAt).toBe('2025-08-05T09:03:07+02:00');
		expect(simplifyConversion(record, 'America/New_York').createdAt).toBe(
			'2025-08-05T09:03:07-04:00',
		);
	});

	it('names the states as AffilBox does, or in the editor\'s words (a rejected conversion: "rejected")', () => {
		const states = ['waiting', 'authorized', 'invoiced', 'rejection', 'Rejection', 'something new'];
		const simplified = (words?: 'affilbox' | 'editor') =>
			states.map((state) => simplifyConversion({ transactionId: 'A', state }, PRAGUE, words).state);
		expect(simplified()).toEqual(states);
		expect(simplified('affilbox')).toEqual(states);
		expect(simplified('editor')).toEqual([
			'waiting',
			'authorized',
			'invoiced',
			'rejected',
			'rejected',
			'something new',
		]);
		expect(simplifyConversion({ transactionId: 'A' }, PRAGUE, 'editor').state).toBeNull();
	});

	it('never fails on missing fields: what AffilBox did not send is null', () => {
		expect(simplifyConversion({ transactionId: 'ORDER-1' }, PRAGUE)).toEqual({
			id: null,
			transactionId: 'ORDER-1',
			state: null,
			campaignId: null,
			campaignName: null,
			affilId: null,
			partnerEmail: null,
			commission: null,
			orderValue: null,
			currency: null,
			createdAt: null,
			confirmedAt: null,
		});
	});

	it('reads other spellings a licence may use, in any letter case', () => {
		const simplified = simplifyConversion(
			{
				CONVERSION_ID: 'ORDER-9',
				campaign_id: '12',
				partner_id: 'jnovak',
				commission: '12,50',
				order_value: '1 250,00',
				Currency: 'Kč',
				create_date: '11.3.2025 14:30',
				stav: 'authorized',
			},
			PRAGUE,
		);
		expect(simplified).toMatchObject({
			transactionId: 'ORDER-9',
			campaignId: '12',
			affilId: 'jnovak',
			commission: 12.5,
			orderValue: 1250,
			currency: 'Kč',
			createdAt: '2025-03-11T14:30:00+01:00',
			state: 'authorized',
		});
	});

	it('keeps text it cannot read as a number or date instead of dropping it', () => {
		const simplified = simplifyConversion(
			{
				transactionId: 'X',
				value: '89,90 Kč',
				createDate: 'yesterday',
				confirmDate: '0000-00-00 00:00:00',
			},
			PRAGUE,
		);
		expect(simplified.commission).toBe('89,90 Kč');
		expect(simplified.createdAt).toBe('yesterday');
		expect(simplified.confirmedAt).toBeNull();
	});

	it('reads values the XML reader keeps with attributes ({ "#text": … })', () => {
		const simplified = simplifyConversion(
			{ transactionId: 'X', value: { '@currency': 'CZK', '#text': '150.00' } },
			PRAGUE,
		);
		expect(simplified.commission).toBe(150);
	});

	it('prefers a filled field over an empty one of another spelling', () => {
		const simplified = simplifyConversion(
			{ transactionId: 'X', partner: '', email: 'a@example.com' },
			PRAGUE,
		);
		expect(simplified.partnerEmail).toBe('a@example.com');
	});

	it("leaves an item that is no conversion (a write's status answer) as it is", () => {
		const status = { success: true, status: 'OK', message: 'Saved' };
		expect(simplifyConversion(status, PRAGUE)).toBe(status);
	});

	it('keeps rawXml (Options → Include Raw XML)', () => {
		expect(simplifyConversion({ transactionId: 'X', rawXml: '<response/>' }, PRAGUE).rawXml).toBe(
			'<response/>',
		);
	});
});

describe('simplifyPartner', () => {
	it('flattens a GetPartners partner (person, address, company groups)', () => {
		const { person, address, company } = seed.partners[0];
		expect(simplifyPartner({ person, address, company }, PRAGUE)).toEqual({
			id: '1',
			affilId: 'jdvorak',
			email: 'jiri.dvorak@example.com',
			firstName: 'Jiří',
			lastName: 'Dvořák',
			company: 'Dvořák & syn s.r.o.',
			registeredAt: '2024-02-14T09:12:33+01:00',
			lastLoginAt: '2026-01-20T18:05:11+01:00',
		});
	});

	it('reads a flat partner, keeps created (Get or Create), and nulls what is missing', () => {
		expect(
			simplifyPartner({ affilid: 'new1', email: 'new@example.com', created: true }, PRAGUE),
		).toEqual({
			id: null,
			affilId: 'new1',
			email: 'new@example.com',
			firstName: null,
			lastName: null,
			company: null,
			registeredAt: null,
			lastLoginAt: null,
			created: true,
		});
	});

	it('an empty company and a never-used login are null', () => {
		const { person, company } = seed.partners[2]; // petr.novak: never logged in
		const simplified = simplifyPartner(
			{ person: { ...person }, company: { ...company, name: '' } },
			PRAGUE,
		);
		expect(simplified.company).toBeNull();
		expect(simplified.lastLoginAt).toBeNull();
	});
});

describe('value readers', () => {
	it.each([
		['89.90', 89.9],
		['1 234,50', 1234.5],
		['1,234.50', 1234.5],
		['-10', -10],
		['', null],
		[undefined, null],
		['n/a', 'n/a'],
	])('amount %p → %p', (text, expected) => {
		expect(amountOf(text)).toBe(expected);
	});

	it.each([
		['2025-02-03 8:45:21', '2025-02-03T08:45:21+01:00'],
		['2025-03-30 03:30:00', '2025-03-30T03:30:00+02:00'],
		['2025-10-26 12:00:00', '2025-10-26T12:00:00+01:00'],
		['2025-01-15T10:50:50Z', '2025-01-15T11:50:50+01:00'],
		['', null],
		['0000-00-00', null],
	])('date %p → %p', (text, expected) => {
		expect(isoDateOf(text, PRAGUE)).toBe(expected);
	});
});
