import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { sleep } from 'n8n-workflow';

import seed from '../../../fixtures/affilbox/seed.json';
import { startAffilBoxSandbox } from './index';

type Sandbox = Awaited<ReturnType<typeof startAffilBoxSandbox>>;
type Fields = Record<string, string>;
type PartnerFields = { person: Fields; address: Fields; company: Fields };
type ResponseBody = {
	status: string;
	error?: { '@_code': string; '#text': string };
	created?: string;
	conversion?: Fields[];
	partner?: PartnerFields[];
	campaign?: Fields[];
	bonus?: Fields[];
	click?: Fields[];
};
/** A success answer with every record list present (empty when the answer had none). */
type Records = Required<
	Pick<ResponseBody, 'conversion' | 'partner' | 'campaign' | 'bonus' | 'click'>
> & {
	created?: string;
};
type Answer = {
	status: number;
	contentType: string;
	text: string;
	body: { response?: ResponseBody };
};

const RECORDS = ['conversion', 'partner', 'campaign', 'bonus', 'click'];
const builder = new XMLBuilder({ processEntities: true });
const parser = new XMLParser({
	ignoreAttributes: false,
	parseTagValue: false,
	trimValues: false,
	isArray: (_name, jPath) => RECORDS.some((record) => jPath === `response.${record}`),
});

// Sunday 2026-03-01 09:05:07 UTC = 10:05:07 in Prague (CET).
const FIXED_NOW = new Date('2026-03-01T09:05:07Z');
const NOW_IN_PRAGUE = '2026-03-01 10:05:07';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startAffilBoxSandbox({
		port: 0,
		host: '127.0.0.1',
		apiKey: 'sandbox-key',
		now: () => FIXED_NOW,
	});
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => sb.reset());

function requestXml(method: string, params: Record<string, string> = {}, key = sb.apiKey): string {
	return builder.build({
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		request: { key, method, ...params },
	});
}

async function post(
	form: Record<string, string>,
	url = sb.url,
	signal?: AbortSignal,
): Promise<Answer> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
		body: new URLSearchParams(form).toString(),
		signal,
	});
	const text = await response.text();
	const contentType = response.headers.get('content-type') ?? '';
	const body = contentType.startsWith('text/xml') ? parser.parse(text) : {};
	return { status: response.status, contentType, text, body };
}

async function call(
	method: string,
	params: Record<string, string> = {},
	key?: string,
): Promise<Answer> {
	return post({ data: requestXml(method, params, key) });
}

/** Records of one kind from a successful answer. */
async function ok(method: string, params: Record<string, string> = {}): Promise<Records> {
	const answer = await call(method, params);
	expect(answer.status).toBe(200);
	expect(answer.contentType).toBe('text/xml; charset=UTF-8');
	const response = answer.body.response;
	expect(response?.status).toBe('OK');
	return {
		created: response?.created,
		conversion: response?.conversion ?? [],
		partner: response?.partner ?? [],
		campaign: response?.campaign ?? [],
		bonus: response?.bonus ?? [],
		click: response?.click ?? [],
	};
}

async function apiError(
	method: string,
	params: Record<string, string>,
): Promise<{ code: string; message: string }> {
	const answer = await call(method, params);
	expect(answer.status).toBe(200);
	expect(answer.body.response?.status).toBe('ERROR');
	const error = answer.body.response?.error;
	return { code: error?.['@_code'] ?? '', message: error?.['#text'] ?? '' };
}

const ids = (records: Fields[]) => records.map((r) => r.id);

/** The partner a call the gate held was about. */
const partnerOf = (request: unknown) =>
	(request as { params: Record<string, string> }).params.partner_id;

/** A call the test gives up on after a moment, as a client with a short time-out would. */
const abandonedCall = (method: string, params: Record<string, string> = {}) =>
	post({ data: requestXml(method, params) }, sb.url, AbortSignal.timeout(100));

describe('AffilBox sandbox: transport', () => {
	it('serves the API at /api/ with a trailing slash', () => {
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
	});

	it('answers NO DATA as plain text when the data field is missing', async () => {
		const answer = await post({ other: 'x' });
		expect(answer).toMatchObject({ status: 200, contentType: 'text/plain', text: 'NO DATA' });
		expect((await post({ data: '' })).text).toBe('NO DATA');
	});

	it('rejects data that is not a well-formed <request> document', async () => {
		const documents = [
			'<request><key>sandbox-key</key>',
			'NO XML',
			'<other><key>sandbox-key</key></other>',
			'<request><key>sandbox-key</key></request><request/>',
			'<request><key>sandbox-key</key><method>GetPartner</method><partner_id>a &nbsp; b</partner_id></request>',
			'<request>a &bogus; b<key>sandbox-key</key></request>',
		];
		for (const data of documents) {
			const answer = await post({ data });
			expect(answer.status).toBe(200);
			expect(answer.body.response).toEqual({
				status: 'ERROR',
				error: { '@_code': '400', '#text': 'Invalid XML request' },
			});
		}
	});

	it('answers a wrong or missing key with HTTP 401', async () => {
		for (const key of ['wrong-key', '']) {
			const answer = await call('GetCampaigns', {}, key);
			expect(answer.status).toBe(401);
			expect(answer.body.response?.status).toBe('ERROR');
			expect(answer.body.response?.error).toEqual({ '@_code': '401', '#text': 'Invalid API key' });
			expect(answer.text).not.toContain(key || 'sandbox-key');
		}
	});

	it('answers other verbs with 405 and other paths with a 404 HTML page', async () => {
		const get = await fetch(sb.url);
		expect(get.status).toBe(405);
		expect(await get.text()).toContain('<error code="405">');
		const other = await fetch(new URL('/api', sb.url));
		expect(other.status).toBe(404);
		expect(other.headers.get('content-type')).toContain('text/html');
		expect(await other.text()).toContain('Not Found');
	});

	it('reports unknown methods, missing and malformed parameters', async () => {
		expect(await apiError('DeleteEverything', {})).toEqual({
			code: '400',
			message: 'Unknown method: DeleteEverything',
		});
		expect(await apiError('GetPartner', {})).toEqual({
			code: '400',
			message: 'Missing parameter: partner_id',
		});
		expect(
			await apiError('AddConversion', {
				partner_id: 'zofie',
				campaign_id: '11',
				conversion_id: 'X-1',
				value: '10,5',
			}),
		).toEqual({ code: '400', message: 'Invalid value for value: expected double' });
		expect(await apiError('GetConversions', { filter_date_from: '2025-02-30 10:00' })).toEqual({
			code: '400',
			message: 'Invalid value for filter_date_from: expected date (yyyy-mm-dd hh:mm)',
		});
		expect((await apiError('GetConversions', { filter_state: 'approved' })).code).toBe('400');
	});
});

describe('AffilBox sandbox: conversions', () => {
	it('AddConversion stores a waiting conversion and computes the commission from the order value', async () => {
		const response = await ok('AddConversion', {
			partner_id: 'zofie.stastna@example.org',
			campaign_id: '12',
			conversion_id: 'TEST-0001',
			value: '10.5',
			orderValue: '1234.50',
			count_value: 'true',
			channelId: 'web',
			currency: 'EUR',
			note: 'první',
		});
		expect(response.conversion).toEqual([
			{
				id: '1013',
				createDate: NOW_IN_PRAGUE,
				confirmDate: '',
				campaignId: '12',
				campaignName: 'Knihy & <Hry> pro děti',
				value: '98.76',
				sales: '1234.50',
				currency: 'EUR',
				affilId: 'zofie',
				partner: 'zofie.stastna@example.org',
				transactionId: 'TEST-0001',
				state: 'waiting',
				channel: 'web',
				coupon: '',
				comment: 'první',
			},
		]);
		expect(sb.store.conversions).toHaveLength(seed.conversions.length + 1);

		const plain = await ok('AddConversion', {
			partner_id: 'kveta',
			campaign_id: '11',
			conversion_id: 'TEST-0002',
			value: '630',
		});
		expect(plain.conversion[0]).toMatchObject({
			value: '630',
			sales: '',
			currency: 'CZK',
			affilId: 'kveta',
		});

		const duplicate = await apiError('AddConversion', {
			partner_id: 'kveta',
			campaign_id: '11',
			conversion_id: 'TEST-0002',
			value: '1',
		});
		expect(duplicate.code).toBe('409');
		expect(
			(
				await apiError('AddConversion', {
					partner_id: 'kveta',
					campaign_id: '99',
					conversion_id: 'X',
					value: '1',
				})
			).code,
		).toBe('404');
	});

	it('ConfirmConversion approves, rejects and needs campaign_id for an ambiguous id', async () => {
		const approved = await ok('ConfirmConversion', {
			conversion_id: 'OBJ-2025-0002',
			value: 'true',
			note: 'OK & hotovo',
		});
		expect(approved.conversion[0]).toMatchObject({
			id: '1002',
			state: 'authorized',
			confirmDate: NOW_IN_PRAGUE,
			comment: 'OK & hotovo',
		});
		expect(
			await apiError('ConfirmConversion', { conversion_id: 'OBJ-2025-0100', value: 'false' }),
		).toEqual({
			code: '409',
			message: 'Ambiguous conversion_id: exists in several campaigns, give campaign_id',
		});
		const rejected = await ok('ConfirmConversion', {
			conversion_id: 'OBJ-2025-0100',
			value: 'false',
			campaign_id: '12',
		});
		expect(rejected.conversion[0]).toMatchObject({ id: '1007', state: 'rejection' });
		expect((await apiError('ConfirmConversion', { conversion_id: 'NOPE', value: '1' })).code).toBe(
			'404',
		);
	});

	it('GetConversions filters by state, dates, partner and id lists', async () => {
		expect(ids((await ok('GetConversions', { filter_state: 'waiting' })).conversion)).toEqual([
			'1002',
			'1005',
			'1007',
			'1011',
		]);
		expect(ids((await ok('GetConversions', {})).conversion)).toHaveLength(seed.conversions.length);
		expect(
			ids(
				(
					await ok('GetConversions', {
						filter_date_from: '2025-02-03 08:45',
						filter_date_to: '2025-08-05 09:03',
					})
				).conversion,
			),
		).toEqual(['1002', '1003', '1004', '1005', '1006']);
		expect(
			ids((await ok('GetConversions', { partner_id: 'petr.novak@example.net' })).conversion),
		).toEqual(['1004', '1008', '1010']);
		expect(
			ids(
				(await ok('GetConversions', { conversions_id: 'OBJ-2025-0001; OBJ-2025-0003' })).conversion,
			),
		).toEqual(['1001', '1003']);
		expect(
			ids((await ok('GetConversions', { coupon: 'LETO10', campaign_id: '11' })).conversion),
		).toEqual(['1001', '1009', '1011']);

		const empty = await call('GetConversions', { coupon: 'NOTHING' });
		expect(empty.body).toEqual({
			'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
			response: { status: 'OK' },
		});
	});

	it('GetConversion answers one conversion and reflects store changes', async () => {
		expect((await ok('GetConversion', { conversion_id: 'OBJ-2025-0004' })).conversion).toEqual([
			expect.objectContaining({
				id: '1004',
				state: 'invoiced',
				campaignName: 'Elektronika "Premium"',
			}),
		]);
		sb.store.conversions.find((c) => c.id === '1004')!.state = 'rejection';
		expect(
			(await ok('GetConversion', { conversion_id: 'OBJ-2025-0004' })).conversion[0].state,
		).toBe('rejection');
		expect(
			await apiError('GetConversion', { conversion_id: 'OBJ-2025-0001', coupon: 'WRONG' }),
		).toEqual({
			code: '404',
			message: 'Conversion not found: OBJ-2025-0001',
		});
	});

	it('UpdateConversion changes owner, state, order value, commission and note', async () => {
		const updated = await ok('UpdateConversion', {
			conversion_id: 'OBJ-2025-0100',
			campaign_id: '11',
			partner_id: 'kveta',
			state: 'waiting',
			value: '1300.00',
			commission: '130.00',
			note: 'přepočteno',
		});
		expect(updated.conversion[0]).toMatchObject({
			id: '1006',
			affilId: 'kveta',
			partner: 'kveta.horakova@example.com',
			state: 'waiting',
			confirmDate: '',
			sales: '1300.00',
			value: '130.00',
			comment: 'přepočteno',
		});
		expect(
			(await apiError('UpdateConversion', { conversion_id: 'OBJ-2025-0001', partner_id: 'nobody' }))
				.code,
		).toBe('404');
	});
});

describe('AffilBox sandbox: partners, bonuses, clicks, campaigns', () => {
	it('GetPartner finds a partner by affilid or e-mail', async () => {
		const byId = await ok('GetPartner', { partner_id: 'zofie' });
		expect(byId.partner).toHaveLength(1);
		expect(byId.partner[0].person).toMatchObject({
			id: '2',
			name: 'Žofie',
			surname: 'Šťastná',
			email: 'zofie.stastna@example.org',
		});
		expect(byId.partner[0].company).toEqual({
			name: '',
			ic: '',
			dic: '',
			description: '',
			dph: '',
		});
		expect(
			(await ok('GetPartner', { partner_id: 'anna.cerna@example.com' })).partner[0].person.affilid,
		).toBe('anna-cerna');
		expect(await apiError('GetPartner', { partner_id: 'nobody' })).toEqual({
			code: '404',
			message: 'Partner not found: nobody',
		});
	});

	it('GetPartners lists all partners and filters by dates and consent', async () => {
		const affilIds = (response: Records) => response.partner.map((p) => p.person.affilid);
		expect(affilIds(await ok('GetPartners'))).toEqual([
			'jdvorak',
			'zofie',
			'petr.novak',
			'anna-cerna',
			'kveta',
		]);
		expect(affilIds(await ok('GetPartners', { register_from: '2025-01-01' }))).toEqual([
			'zofie',
			'kveta',
		]);
		expect(affilIds(await ok('GetPartners', { last_login_to: '2025-12-31' }))).toEqual([
			'anna-cerna',
		]);
		expect(affilIds(await ok('GetPartners', { souhlas_sdeleni: '2025-01-01' }))).toEqual(['zofie']);
		expect((await apiError('GetPartners', { register_to: '2025-13-01' })).code).toBe('400');
	});

	it('GetOrCreatePartner finds or creates a partner', async () => {
		const existing = await ok('GetOrCreatePartner', { email: 'JIRI.DVORAK@example.com' });
		expect(existing.created).toBe('0');
		expect(existing.partner[0].person.affilid).toBe('jdvorak');

		const created = await ok('GetOrCreatePartner', { email: 'Nový.Partner@example.com' });
		expect(created.created).toBe('1');
		expect(created.partner[0].person).toMatchObject({
			id: '6',
			affilid: 'novy.partner',
			register: NOW_IN_PRAGUE,
		});
		const answer = await call('GetOrCreatePartner', {
			email: 'another@example.com',
			affilid: 'own-id',
		});
		expect(answer.text.indexOf('<created>1</created>')).toBeLessThan(
			answer.text.indexOf('<partner>'),
		);

		expect(
			(await apiError('GetOrCreatePartner', { email: 'third@example.com', affilid: 'zofie' })).code,
		).toBe('409');
		expect(await apiError('GetOrCreatePartner', { email: 'not-an-email' })).toEqual({
			code: '400',
			message: 'Invalid value for email: expected e-mail',
		});
	});

	it('AddBonus credits a partner', async () => {
		const response = await ok('AddBonus', {
			partner_id: 'petr.novak@example.net',
			text: 'Odměna & díky',
			value: '250.5',
		});
		expect(response.bonus).toEqual([
			{
				id: '3',
				affilId: 'petr.novak',
				partner: 'petr.novak@example.net',
				text: 'Odměna & díky',
				value: '250.5',
				date: NOW_IN_PRAGUE,
			},
		]);
	});

	it('AddClick records clicks', async () => {
		const response = await ok('AddClick', {
			partner_id: 'jdvorak',
			campaign_id: '13',
			date: '2026-03-01 9:05:00',
			count: '7',
			channelId: 'blog',
		});
		expect(response.click).toEqual([
			{
				id: '3',
				affilId: 'jdvorak',
				campaignId: '13',
				date: '2026-03-01 09:05:00',
				count: '7',
				channel: 'blog',
			},
		]);
		expect(
			await apiError('AddClick', {
				partner_id: 'jdvorak',
				campaign_id: '13',
				date: '2026-03-01 09:05:00',
				count: '0',
			}),
		).toEqual({
			code: '400',
			message: 'Invalid value for count: expected int >= 1',
		});
	});

	it('GetCampaigns lists all campaigns or those of one partner', async () => {
		const all = await ok('GetCampaigns');
		expect(ids(all.campaign)).toEqual(['11', '12', '13', '14']);
		expect(all.campaign[1].name).toBe('Knihy & <Hry> pro děti');
		expect(ids((await ok('GetCampaigns', { partner_id: 'petr.novak' })).campaign)).toEqual([
			'13',
			'14',
		]);
		expect((await apiError('GetCampaigns', { partner_id: 'nobody' })).code).toBe('404');
	});
});

describe('AffilBox sandbox: test helpers', () => {
	it('records values byte-exact as decoded from the XML', async () => {
		const note = 'a<b & "c" ]]> ž 😀';
		const data = requestXml('AddConversion', {
			partner_id: 'zofie',
			campaign_id: '11',
			conversion_id: ' spaced id ',
			value: '1',
			note,
		});
		expect(data).toContain('a&lt;b &amp; &quot;c&quot; ]]&gt; ž 😀');
		const answer = await post({ data });
		expect(answer.body.response?.conversion?.[0]).toMatchObject({
			comment: note,
			transactionId: ' spaced id ',
		});
		expect(sb.requests).toHaveLength(1);
		expect(sb.requests[0]).toEqual({
			method: 'AddConversion',
			key: 'sandbox-key',
			rawXml: data,
			params: {
				partner_id: 'zofie',
				campaign_id: '11',
				conversion_id: ' spaced id ',
				value: '1',
				note,
			},
		});
	});

	it('decodes CDATA and character references like an XML parser', async () => {
		// A fixed document (no values spliced in): CDATA, character references, CRLF inside a value.
		const data =
			'<?xml version="1.0" encoding="UTF-8"?>\r\n<request>\r\n  <key>sandbox-key</key><method>GetPartner</method>' +
			'<partner_id>zofie</partner_id><extra><![CDATA[a<b&c]]>&#x1F600;&#233;&amp;lt;\r\n</extra></request>';
		await post({ data });
		expect(sb.requests[0].params).toEqual({ partner_id: 'zofie', extra: 'a<b&c😀é&lt;\n' });
	});

	it('injects HTTP faults and dropped connections, then answers normally', async () => {
		sb.injectFault({
			times: 1,
			status: 500,
			body: 'Internal Server Error',
			contentType: 'text/plain',
		});
		const failed = await call('GetCampaigns');
		expect(failed).toMatchObject({
			status: 500,
			contentType: 'text/plain',
			text: 'Internal Server Error',
		});

		sb.injectFault({ dropConnection: true });
		await expect(call('GetCampaigns')).rejects.toThrow();

		expect((await call('GetCampaigns')).status).toBe(200);
		expect(sb.requests.map((r) => r.method)).toEqual([
			'GetCampaigns',
			'GetCampaigns',
			'GetCampaigns',
		]);
	});

	it('reset() restores the seed and clears requests and faults', async () => {
		await ok('AddBonus', { partner_id: 'zofie', text: 'x', value: '1' });
		const conversions = sb.store.conversions;
		conversions.length = 0;
		sb.injectFault({ times: 5 });
		sb.reset();
		expect(sb.requests).toHaveLength(0);
		expect(sb.store.conversions).toBe(conversions);
		expect(sb.store).toEqual({
			campaigns: seed.campaigns,
			partners: seed.partners,
			conversions: seed.conversions,
			bonuses: seed.bonuses,
			clicks: seed.clicks,
			invoices: seed.invoices,
		});
		expect((await call('GetCampaigns')).status).toBe(200);
	});

	it('holds calls at the door until k wait at once, lets them go in reverse, and counts the calls served at once', async () => {
		const held = sb.hold({ count: 2, order: 'reverse' });
		const slow = call('GetPartner', { partner_id: 'zofie' });
		await held.whenWaiting(1);
		expect(sb.concurrency.current).toBe(1);
		const fast = call('GetPartner', { partner_id: 'jdvorak' });
		expect((await fast).status).toBe(200);
		expect((await slow).status).toBe(200);
		// The later call was answered first, the earlier one only after it.
		expect(held.released.map((request) => partnerOf(request))).toEqual(['jdvorak', 'zofie']);
		expect(held).toMatchObject({ held: 2, timedOut: false });
		expect(sb.concurrency.peak).toBe(2);
		expect(sb.concurrency.current).toBe(0);
		// Once open, the gate lets calls through at once.
		expect((await call('GetCampaigns')).status).toBe(200);
	});

	it('holds only the calls `only` accepts', async () => {
		const held = sb.hold({ count: 1, only: (request) => partnerOf(request) === 'zofie' });
		expect((await call('GetPartner', { partner_id: 'jdvorak' })).status).toBe(200);
		expect((await call('GetPartner', { partner_id: 'zofie' })).status).toBe(200);
		expect(held.released.map((request) => partnerOf(request))).toEqual(['zofie']);
	});

	it('release() opens a barrier whose count never comes: the held calls go on, in order, and are carried out', async () => {
		// A bound beyond the test's own time-out: only release() can let these go.
		const held = sb.hold({ count: 99, boundMs: 60_000 });
		const first = call('AddBonus', { partner_id: 'zofie', text: 'held 1', value: '1' });
		const second = call('AddBonus', { partner_id: 'zofie', text: 'held 2', value: '1' });
		await held.whenWaiting(2);
		expect(sb.store.bonuses.some((bonus) => bonus.text.startsWith('held'))).toBe(false);
		held.release();
		expect((await first).status).toBe(200);
		expect((await second).status).toBe(200);
		expect(held).toMatchObject({ held: 2, timedOut: false });
		expect(sb.store.bonuses.filter((bonus) => bonus.text.startsWith('held'))).toHaveLength(2);
	});

	it('when fewer than k come within the bound, lets those go and says how many came', async () => {
		const held = sb.hold({ count: 3, boundMs: 50 });
		expect((await call('GetCampaigns')).status).toBe(200);
		expect(held).toMatchObject({ held: 1, timedOut: true });
	});

	it('gives faults to calls in the order they arrive, whatever the order they are answered in', async () => {
		const held = sb.hold({ count: 2, order: 'reverse' });
		sb.injectFault({ status: 503 });
		const first = call('GetPartner', { partner_id: 'zofie' });
		await held.whenWaiting(1);
		const second = call('GetPartner', { partner_id: 'jdvorak' });
		expect((await second).status).toBe(200);
		expect((await first).status).toBe(503);
		expect(held.released.map((request) => partnerOf(request))).toEqual(['jdvorak', 'zofie']);
	});

	it('a hanging fault answers nothing until the client gives up; with passThrough the call is then carried out', async () => {
		sb.injectFault({ hang: true });
		await expect(abandonedCall('GetCampaigns')).rejects.toThrow();
		expect(sb.requests).toHaveLength(1);
		sb.injectFault({ hang: true, passThrough: true });
		await expect(
			abandonedCall('AddBonus', { partner_id: 'zofie', text: 'late', value: '1' }),
		).rejects.toThrow();
		while (!sb.store.bonuses.some((bonus) => bonus.text === 'late')) await sleep(10);
		expect(sb.requests.map((request) => request.method)).toEqual(['GetCampaigns', 'AddBonus']);
	});

	it('reset() lets held calls go, disarms the gate and starts a new concurrency peak', async () => {
		// A bound beyond the test's own time-out: a gate still armed after reset() would fail the test.
		const held = sb.hold({ count: 3, boundMs: 60_000 });
		const waiting = call('GetCampaigns');
		await held.whenWaiting(1);
		sb.reset();
		expect((await waiting).status).toBe(200);
		expect((await call('GetCampaigns')).status).toBe(200);
		expect(sb.concurrency.peak).toBe(1);
	});
});
