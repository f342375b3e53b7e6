import { XMLBuilder, XMLParser } from 'fast-xml-parser';

import seed from '../../../../fixtures/affilbox/seed.json';
import { startAffilBoxSandbox } from '../index';

/**
 * The sandbox's API v2 over real HTTP, as a client sees it: Basic authentication, query and form
 * parameters (lists as `x[0]` and as `x[]`), the reported answer shapes and errors, and one store
 * with the XML side.
 */
type Sandbox = Awaited<ReturnType<typeof startAffilBoxSandbox>>;
type Json = Record<string, unknown>;

// 2026-03-01 09:05:07 UTC = 10:05:07 in Prague.
const FIXED_NOW = new Date('2026-03-01T09:05:07Z');

let sb: Sandbox;
beforeAll(async () => {
	sb = await startAffilBoxSandbox({ now: () => FIXED_NOW });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function v2(
	path: string,
	options: { form?: string; query?: string; auth?: string } = {},
): Promise<{ status: number; body: Json; text: string }> {
	const auth = options.auth ?? basic(sb.v2Instance, sb.apiKey);
	const url = `${sb.v2Url}/${path}${options.query ? `?${options.query}` : ''}`;
	const response = await fetch(url, {
		method: options.form === undefined ? 'GET' : 'POST',
		headers: {
			Authorization: auth,
			...(options.form === undefined
				? {}
				: { 'Content-Type': 'application/x-www-form-urlencoded' }),
		},
		body: options.form,
	});
	const text = await response.text();
	let body: Json = {};
	try {
		body = JSON.parse(text) as Json;
	} catch {
		// left empty: the test looks at `text`
	}
	return { status: response.status, body, text };
}

const ids = (body: Json) => (body.conversion as Json[]).map((c) => c.id);

describe('AffilBox sandbox: API v2', () => {
	it('answers ping and check-credentials with the reported texts', async () => {
		expect((await v2('ping')).body).toEqual({
			status: 'ok',
			meta: [],
			message: 'Hi there! API version 2 here!',
		});
		expect((await v2('check-credentials')).body.message).toBe(
			'Hi there! Your credentials are valid!',
		);
	});

	it.each([
		['a wrong key', () => basic(sb.v2Instance, 'wrong')],
		['a wrong instance number', () => basic('9999', sb.apiKey)],
		['no Authorization header', () => ''],
	])('answers HTTP 401 to %s, on every path', async (_, auth) => {
		for (const path of ['check-credentials', 'invoices/list', 'conversions/list']) {
			const answer = await v2(path, { auth: auth() });
			expect([path, answer.status, answer.body]).toEqual([
				path,
				401,
				{ status: 'error', message: 'Unauthorized' },
			]);
		}
		expect(sb.v2Requests.every((request) => !request.authorized)).toBe(true);
	});

	it('lists conversions in the reported shape: numbers as strings, null for empty, the seed unpadded hour', async () => {
		const { body } = await v2('conversions/list');
		expect(body.status).toBe('ok');
		expect(body.meta).toEqual([]);
		const conversions = body.conversion as Json[];
		expect(conversions).toHaveLength(seed.conversions.length);
		expect(conversions.find((c) => c.id === '1002')).toEqual({
			id: '1002',
			createDate: '2025-02-03 8:45:21',
			confirmDate: null,
			campaignName: 'Letní výprodej – obuv',
			campaignId: '11',
			value: '89.90',
			sales: '899.00',
			currency: 'CZK',
			affilId: 'zofie',
			partner: 'zofie.stastna@example.org',
			transactionId: 'OBJ-2025-0002',
			state: 'waiting',
			channel: null,
			coupon: null,
			comment: 'Zákazník & <VIP>',
		});
		expect(conversions.find((c) => c.id === '1008')?.currency).toBe('Kč');
	});

	it('filters conversions by POST form, lists given as x[0] or as x[] alike', async () => {
		const indexed = await v2('conversions/list', {
			form: 'conversionsId%5B0%5D=1002&conversionsId%5B1%5D=1005&conversionsId%5B2%5D=9999',
		});
		const appended = await v2('conversions/list', {
			form: 'conversionsId[]=1002&conversionsId[]=1005&conversionsId[]=9999',
		});
		expect(ids(indexed.body)).toEqual(['1002', '1005']);
		expect(ids(appended.body)).toEqual(['1002', '1005']);
		const filtered = await v2('conversions/list', {
			form: new URLSearchParams({
				userId: 'jdvorak',
				state: 'authorized',
				dateFrom: '2025-01-15 10:50:50',
				dateTo: '2025-12-31 23:59:59',
			}).toString(),
		});
		expect(ids(filtered.body)).toEqual(['1001']);
		const byEmail = await v2('conversions/list', {
			form: 'userId=zofie.stastna%40example.org&campaignId=11',
		});
		expect(ids(byEmail.body)).toEqual(['1002', '1006']);
		const fromId = await v2('conversions/list', { form: 'conversionFromId=1011' });
		expect(ids(fromId.body)).toEqual(['1011', '1012']);
		const byTransaction = await v2('conversions/list', {
			form: 'transactionsId%5B0%5D=OBJ-2025-0100',
		});
		expect(ids(byTransaction.body)).toEqual(['1006', '1007']);
		// The same filters as a GET query.
		expect(ids((await v2('conversions/list', { query: 'coupon=ELEKTRO5' })).body)).toEqual([
			'1004',
			'1008',
		]);
	});

	it('refuses a bad filter with HTTP 422 naming the field', async () => {
		const answer = await v2('conversions/list', { form: 'state=approved' });
		expect(answer.status).toBe(422);
		expect(answer.body).toEqual({
			status: 'error',
			message: expect.stringMatching(/^Invalid data: state /),
		});
		expect((await v2('conversions/list', { form: 'dateFrom=2025-13-01' })).status).toBe(422);
	});

	it('changes many conversions in one call, and the XML GetConversions shows it', async () => {
		const answer = await v2('conversions/change', {
			form: 'conversionId%5B0%5D=1002&conversionId%5B1%5D=1005&conversionId%5B2%5D=424242&state=authorized&comment=Schv%C3%A1leno+hromadn%C4%9B',
		});
		expect(answer).toMatchObject({ status: 200, body: { status: 'ok', meta: [] } });
		const xml = await xmlCall('GetConversions', { filter_state: 'authorized' });
		const changed = xml.filter((c) =>
			['OBJ-2025-0002', 'zakaznik@example.com'].includes(c.transactionId),
		);
		expect(changed.map((c) => [c.state, c.comment, c.confirmDate])).toEqual([
			['authorized', 'Schváleno hromadně', '2026-03-01 10:05:07'],
			['authorized', 'Schváleno hromadně', '2026-03-01 10:05:07'],
		]);
	});

	it('changes one conversion given as a single id; unknown ids are skipped, or refused when set so', async () => {
		await v2('conversions/change', { form: 'conversionId=1011&state=rejection&value=12.5' });
		expect(sb.store.conversions.find((c) => c.id === '1011')).toMatchObject({
			state: 'rejection',
			value: '12.5',
		});
		sb.setV2UnknownIds('reject');
		const refused = await v2('conversions/change', {
			form: 'conversionId[]=1002&conversionId[]=424242&state=authorized',
		});
		expect(refused.status).toBe(422);
		expect(refused.body.message).toMatch(/conversionId.*424242/);
		expect(sb.store.conversions.find((c) => c.id === '1002')?.state).toBe('waiting');
		const missingState = await v2('conversions/change', { form: 'conversionId=1002' });
		expect(missingState.status).toBe(422);
		expect(missingState.body.message).toMatch(/state/);
	});

	it('adds a conversion the XML side then lists', async () => {
		const form = new URLSearchParams({
			campaignId: '12',
			userId: 'anna.cerna@example.com',
			createDate: '2026-02-28 9:15:00',
			value: '24.4',
			sales: '305',
			transactionId: 'V2-0001',
		}).toString();
		expect((await v2('conversions/add', { form })).body).toEqual({ status: 'ok', meta: [] });
		const xml = await xmlCall('GetConversion', { conversion_id: 'V2-0001' });
		expect(xml[0]).toMatchObject({ affilId: 'anna-cerna', value: '24.4', state: 'waiting' });
		const duplicate = await v2('conversions/add', { form });
		expect(duplicate.status).toBe(422);
		expect(duplicate.body.message).toMatch(/transactionId/);
	});

	it('lists partners with person, address and company as lists of one', async () => {
		const { body } = await v2('partner/list');
		const partners = body.partner as Array<Record<string, Json[]>>;
		expect(partners).toHaveLength(seed.partners.length);
		const zofie = partners.find((p) => p.person[0].affilid === 'zofie');
		expect(zofie?.person).toEqual([
			expect.objectContaining({ id: 2, notification: true, allow: true, consent: true }),
		]);
		expect(zofie?.address).toEqual([
			{ street: 'Náměstí Míru 8', city: 'Brno', postCode: '602 00' },
		]);
		expect(zofie?.company).toHaveLength(1);
		const filtered = await v2('partner/list', {
			form: 'registerFrom=2025-01-01&lastLoginTo=2026-02-02+00%3A00%3A00',
		});
		expect(
			(filtered.body.partner as Array<Record<string, Json[]>>).map((p) => p.person[0].affilid),
		).toEqual(['kveta']);
	});

	it('adds a partner (the XML GetPartners lists it) and answers its secrets at the top level', async () => {
		const answer = await v2('partner/add', {
			form: 'email=nova%40example.com&name=Nov%C3%A1&postCode=110+00&country=CZ',
		});
		expect(answer.body).toEqual({
			status: 'ok',
			meta: [],
			instance: sb.v2Instance,
			url: 'https://partneri.sandbox.invalid',
			apiKey: expect.stringMatching(/^[a-z0-9]{16}$/),
			login: 'nova@example.com',
			password: expect.any(String),
		});
		expect(sb.v2IssuedSecrets).toEqual([answer.body.apiKey, answer.body.password]);
		const xml = await xmlCall('GetPartner', { partner_id: 'nova@example.com' });
		expect(xml).toHaveLength(1);
		expect((await v2('partner/add', { form: 'email=nova%40example.com' })).status).toBe(422);
		expect(await v2('partner/add', { form: 'name=Bez' })).toMatchObject({
			status: 422,
			body: { status: 'error', message: 'Invalid data' },
		});
	});

	it('answers dashboard and instance from the fixtures, instance in both reported forms', async () => {
		expect(((await v2('dashboard')).body.data as Json).uid).toBe('57');
		expect(((await v2('instance')).body.data as Json).expire).toBe(false);
		sb.setV2Instance('plain');
		const plain = (await v2('instance')).body.data as Json;
		expect([plain.expire, plain.conditions, 'partnerInvoiceLock' in plain]).toEqual([
			'2026-06-30',
			'Plain text terms.',
			false,
		]);
	});

	it('lists invoices under data.invoices, or as data itself when set so', async () => {
		const wrapped = (await v2('invoices/list')).body.data as { invoices: Json[] };
		expect(wrapped.invoices.map((invoice) => [invoice.id, invoice.paid])).toEqual([
			['214', false],
			['198', true],
			['221', false],
		]);
		expect(Array.isArray(wrapped.invoices[0].items)).toBe(true);
		expect(Array.isArray(wrapped.invoices[1].items)).toBe(false);
		sb.setV2InvoiceList('bare');
		const bare = (await v2('invoices/list')).body.data as Json[];
		expect(bare.map((invoice) => invoice.id)).toEqual(['214', '198', '221']);
	});

	it('answers a refused billing request with HTTP 200 and status error', async () => {
		expect((await v2('invoices/billing-request')).body).toEqual({ status: 'ok', meta: [] });
		sb.setV2BillingRequest('refused');
		expect(await v2('invoices/billing-request')).toMatchObject({
			status: 200,
			body: { status: 'error', message: "Invoice can't be created." },
		});
	});

	it('takes an uploaded invoice PDF as base64 and answers the invoice with one bare item', async () => {
		const file = Buffer.from('%PDF-1.4 sandbox').toString('base64');
		const form = new URLSearchParams({
			invoiceId: '214',
			issuedOn: '2026-01-02 00:00:00',
			due: '2026-01-16 00:00:00',
			vs: '2026000214',
			file,
		}).toString();
		const answer = await v2('invoices/upload', { form });
		const invoice = answer.body.invoice as Json;
		expect(invoice).toMatchObject({
			id: '214',
			issueDate: '2026-01-02 00:00:00',
			uploadDate: '2026-03-01 10:05:07',
			vs: '2026000214',
		});
		expect(Array.isArray(invoice.items)).toBe(true); // two items stay a list
		const notPdf = await v2('invoices/upload', {
			form: form.replace(/file=[^&]*/, `file=${Buffer.from('hello').toString('base64')}`),
		});
		expect(notPdf.status).toBe(422);
		expect(notPdf.body.message).toMatch(/file/);
		const single = await v2('invoices/upload', {
			form: form.replace('invoiceId=214', 'invoiceId=221'),
		});
		expect(Array.isArray((single.body.invoice as Json).items)).toBe(false);
	});

	it('answers an unknown path with 404 and a wrong HTTP method with 405, both as JSON', async () => {
		expect((await v2('invoices/get')).status).toBe(404);
		expect((await v2('conversions/change')).status).toBe(405);
	});

	it('records each call without its password: path, method, decoded parameters, the Basic user', async () => {
		await v2('conversions/change', { form: 'conversionId%5B0%5D=1002&state=authorized' });
		expect(sb.v2Requests).toEqual([
			expect.objectContaining({
				httpMethod: 'POST',
				path: 'conversions/change',
				params: { conversionId: ['1002'], state: 'authorized' },
				user: sb.v2Instance,
				authorized: true,
			}),
		]);
		expect(JSON.stringify(sb.v2Requests)).not.toContain(sb.apiKey);
	});

	it('serves injected faults to API v2 calls too', async () => {
		sb.injectFault({ status: 503, body: 'busy' });
		expect((await v2('ping')).status).toBe(503);
		expect((await v2('ping')).status).toBe(200);
	});
});

const builder = new XMLBuilder({ processEntities: true });
const parser = new XMLParser({
	parseTagValue: false,
	isArray: (name) => name === 'conversion' || name === 'partner',
});

/** Records of an XML API call, to show what the XML side sees. */
async function xmlCall(
	method: string,
	params: Record<string, string>,
): Promise<Record<string, string>[]> {
	const data = builder.build({
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		request: { key: sb.apiKey, method, ...params },
	});
	const response = await fetch(sb.url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ data }).toString(),
	});
	const body = parser.parse(await response.text()) as {
		response: { conversion?: Record<string, string>[]; partner?: Record<string, string>[] };
	};
	return body.response.conversion ?? body.response.partner ?? [];
}
