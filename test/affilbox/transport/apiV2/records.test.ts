import conversionsQuirks from '../../../fixtures/affilbox/v2/conversions-quirks.json';
import dashboard from '../../../fixtures/affilbox/v2/dashboard.json';
import instancePlain from '../../../fixtures/affilbox/v2/instance-plain.json';
import instance from '../../../fixtures/affilbox/v2/instance.json';
import invoicesBareList from '../../../fixtures/affilbox/v2/invoices-bare-list.json';
import partnerEmptyPerson from '../../../fixtures/affilbox/v2/partner-empty-person.json';
import seed from '../../../fixtures/affilbox/seed.json';
import {
	campaignsIn,
	conversionsIn,
	dataObjectIn,
	invoicesIn,
	partnersIn,
	readCampaign,
	readConversion,
	readDashboard,
	readInstance,
	readInvoice,
	readPartner,
	topLevelFieldsOf,
	uploadedInvoiceIn,
} from '../../../../nodes/AffilBox/transport/apiV2/records';

type Json = Record<string, unknown>;
const PRAGUE = 'Europe/Prague';
const FIXTURES: Record<string, unknown> = {
	'conversions-quirks.json': conversionsQuirks,
	'dashboard.json': dashboard,
	'instance-plain.json': instancePlain,
	'instance.json': instance,
	'invoices-bare-list.json': invoicesBareList,
	'partner-empty-person.json': partnerEmptyPerson,
};
const fixture = (name: string) => structuredClone(FIXTURES[name]) as Json;

describe('API v2 records: where each answer keeps them, and how each is read', () => {
	it('invoices under data.invoices, or data as the list itself', () => {
		expect(invoicesIn({ status: 'ok', data: { invoices: seed.invoices } })).toHaveLength(3);
		const bare = invoicesIn(fixture('invoices-bare-list.json'));
		expect(bare.map((invoice) => invoice.id)).toEqual(['301']);
		expect(invoicesIn({ status: 'ok', meta: [] })).toEqual([]);
	});

	it('an invoice: items always a list, a noise-free total, currency as a code, dates with offset, paid as a boolean', () => {
		const [unpaid, paid] = seed.invoices.map((invoice) => readInvoice(invoice as Json, PRAGUE));
		expect(unpaid).toMatchObject({
			id: '214',
			vs: '2025000214',
			paid: false,
			created: '2026-01-01T08:00:03+01:00',
			dueDate: '2026-01-14T00:00:00+01:00',
			uploadDate: null,
			total: 2345.33,
			currency: 'CZK',
			supplier: { name: 'Dvořák & syn s.r.o.', postCode: '12000', ic: '12345678' },
		});
		expect(unpaid.items).toEqual([
			{
				item: 'Odměna za uskutečněné konverze (Letní výprodej – obuv)',
				amount: 1845.33,
				currency: 'CZK',
			},
			{ item: 'Bonus: Odměna za Q4 2025 & věrnost', amount: 500, currency: 'CZK' },
		]);
		expect(paid).toMatchObject({ id: '198', paid: true, total: 1520, file: null });
		expect(paid.items).toEqual([
			{ item: 'Odměna za uskutečněné konverze', amount: 1520, currency: 'CZK' },
		]);
		// A 7-digit IČO stays as sent: no leading zero is made up.
		expect((paid.supplier as Json).ic).toBe('7012345');
	});

	it('an invoice in the other spellings: vs as a number, paid "0", supplier as a list of one, postCode, a date "" ', () => {
		const [invoice] = invoicesIn(fixture('invoices-bare-list.json')).map((record) =>
			readInvoice(record, PRAGUE),
		);
		expect(invoice).toMatchObject({
			vs: '2025000301',
			paid: false,
			uploadDate: null,
			created: '2025-07-01T08:00:03+02:00',
			total: 629.2155,
			supplier: { name: 'Web Tipy s.r.o.', postCode: '301 00', ic: '1234567' },
			customer: { postCode: '779 00', ic: '04567890' },
		});
		expect(invoice.supplier).not.toHaveProperty('postcode');
	});

	it('a mixed-currency invoice has no single currency; an unreadable amount gives no total', () => {
		const invoice = readInvoice(
			{
				id: 1,
				items: [
					{ amount: '1', currency: 'Kč' },
					{ amount: '2', currency: '€' },
				],
			},
			PRAGUE,
		);
		expect([invoice.total, invoice.currency]).toEqual([3, null]);
		expect(readInvoice({ items: { amount: 'n/a' } }, PRAGUE).total).toBeNull();
	});

	it('the uploaded invoice under top-level invoice', () => {
		const body = { status: 'ok', meta: [], invoice: seed.invoices[2] };
		expect(readInvoice(uploadedInvoiceIn(body) as Json, PRAGUE)).toMatchObject({
			id: '221',
			total: 629.2155,
			items: [{ amount: 629.2155, currency: 'CZK' }],
		});
		expect(uploadedInvoiceIn({ status: 'ok' })).toBeUndefined();
	});

	it('conversions under top-level conversion: numbers as strings, Kč, unknown state kept, no status accepted', () => {
		const body = fixture('conversions-quirks.json');
		const [conversion] = conversionsIn(body).map((record) => readConversion(record, PRAGUE));
		expect(conversion).toEqual({
			id: '5120',
			transactionId: '0025050217',
			state: 'storno',
			createDate: '2025-05-02T09:14:07+02:00',
			confirmDate: null,
			campaignId: '3',
			campaignName: 'Zahrada-shop.cz',
			value: 24.5175,
			sales: 490.35,
			currency: '$',
			affilId: 'k3m9q2xa',
			partner: 'petra@example.net',
			channel: null,
			coupon: null,
			comment: null,
			extraField: 'kept',
		});
		expect(conversionsIn({ status: 'ok', meta: [] })).toEqual([]);
	});

	it('partners: person, address, company as lists of one, flattened; empty lists and other spellings', () => {
		const body = fixture('partner-empty-person.json');
		const [empty, solo] = partnersIn(body).map((record) => readPartner(record, PRAGUE));
		expect(empty).toMatchObject({ id: null, affilid: null, address: { postCode: null } });
		expect(solo).toMatchObject({
			id: '58',
			affilid: 'solo',
			allow: true,
			notification: false,
			register: '2025-01-02T03:04:05+01:00',
			lastLogin: null,
			address: { street: 'Dlouhá 1', postCode: '110 00' },
			company: { name: 'Solo s.r.o.', ic: '0123456', dph: true },
		});
		expect(solo).not.toHaveProperty('last_login');
		expect(solo.address).not.toHaveProperty('psc');
	});

	it('dashboard and instance under data; partner/add at the top level', () => {
		expect(readDashboard(dataObjectIn(fixture('dashboard.json')))).toEqual({
			clicks: 2310,
			conversions: 41,
			commission: 3120.75,
			pending: 845.5,
			payment: 0,
			total: 2275.25,
			uid: '57',
		});
		expect(readInstance(dataObjectIn(fixture('instance.json')), PRAGUE)).toMatchObject({
			currency: 'CZK',
			paymentMinimum: 1000,
			expire: null,
			conditionsLink: null,
			partnerInvoiceLock: false,
			conditions: [{ jazyk: 'cz', text: '<p>Podmínky programu…</p>' }],
		});
		expect(readInstance(dataObjectIn(fixture('instance-plain.json')), PRAGUE)).toMatchObject({
			paymentMinimum: 500,
			expire: '2026-06-30',
			conditions: 'Plain text terms.',
			partnerInvoiceLock: null, // absent: unknown, not false
		});
		expect(
			topLevelFieldsOf({ status: 'ok', meta: [], instance: '7', login: 'a@b.cz', password: 'x' }),
		).toEqual({ instance: '7', login: 'a@b.cz', password: 'x' });
	});

	it('campaigns under top-level campaign', () => {
		const [campaign] = campaignsIn({
			campaign: [
				{ id: '3', active: true, cookieValidity: '45', commission: '5', fixCommission: '0' },
			],
		}).map(readCampaign);
		expect(campaign).toEqual({
			id: '3',
			active: true,
			cookieValidity: 45,
			commission: 5,
			fixCommission: 0,
		});
	});
});
