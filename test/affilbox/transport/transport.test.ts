import { XMLParser } from 'fast-xml-parser';

import { CREATING_METHODS, mayCreate } from '../../../nodes/AffilBox/transport';
import { KEY_SLOT, placeApiKey, checkApiUrl } from '../../../nodes/AffilBox/transport/credential';
import { buildRequestXml } from '../../../nodes/AffilBox/transport/requestXml';
import { escapeXmlText, redact } from '../../../nodes/shared/redact';

const TRICKY = `a<b & "c" 'd' ]]> <key>x</key> ž Ďábel 😀 \t two  spaces`;

function parse(xml: string) {
	return new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true }).parse(
		xml,
	) as {
		request: Record<string, string>;
	};
}

describe('buildRequestXml', () => {
	it('writes the declaration, an empty key slot first, the method, then the parameters', () => {
		const xml = buildRequestXml('AddBonus', {
			partner_id: 'jnovak',
			value: '12.50',
			skipped: undefined,
		});
		expect(xml).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><request><key></key><method>AddBonus</method><partner_id>jnovak</partner_id><value>12.50</value></request>',
		);
	});

	it('escapes every value so it arrives exactly and cannot fake a key element', () => {
		const xml = buildRequestXml('AddBonus', { text: TRICKY });
		expect(xml.split(KEY_SLOT)).toHaveLength(2);
		expect(parse(xml).request.text).toBe(TRICKY);
	});

	it('writes booleans as true/false', () => {
		const xml = buildRequestXml('ConfirmConversion', { value: false, count_value: true });
		expect(xml).toContain('<value>false</value><count_value>true</count_value>');
	});
});

describe('placeApiKey', () => {
	it('puts the escaped key into the slot and nowhere else', () => {
		const key = `k&<"'>ey`;
		const xml = placeApiKey(buildRequestXml('GetCampaigns', { note: '' }), key);
		expect(xml).toContain(`<request><key>${escapeXmlText(key)}</key><method>`);
		expect(parse(xml as string).request.key).toBe(key);
	});

	it('is idempotent: n8n re-authenticates a request it retries after a 401', () => {
		const once = placeApiKey(buildRequestXml('GetCampaigns'), 'first&key') as string;
		const twice = placeApiKey(once, 'second<key') as string;
		expect(twice).toBe(placeApiKey(buildRequestXml('GetCampaigns'), 'second<key'));
		expect(parse(twice).request.key).toBe('second<key');
	});

	it('refuses a document without a slot', () => {
		expect(placeApiKey('<request><method>X</method></request>', 'k')).toBeUndefined();
	});
});

describe('checkApiUrl', () => {
	it.each([
		'https://c1234.affilbox.cz/api/',
		' https://partner.example.shop/api ',
		'http://127.0.0.1:8081/api/',
		'http://localhost/api/',
		'http://[::1]:9/api/',
	])('accepts %j', (url) => {
		expect(checkApiUrl(url)).toEqual({ ok: true, url: url.trim() });
	});

	it.each([
		['http://c1234.affilbox.cz/api/', /uses http:\/\/, which AffilBox refuses/],
		['ftp://c1234.affilbox.cz/api/', /must start with https:\/\//],
		['c1234.affilbox.cz/api/', /is not a valid URL/],
		['', /API URL is empty/],
	])('rejects %j', (url, message) => {
		const check = checkApiUrl(url);
		expect(check.ok).toBe(false);
		expect(check.ok ? '' : check.message).toMatch(message);
	});
});

describe('redact', () => {
	it('masks the key, raw and XML-escaped, wherever a server echoes it', () => {
		expect(redact('bad key s3cr&t! in <key>s3cr&amp;t!</key>', 's3cr&t!')).toBe(
			'bad key *** in <key>***</key>',
		);
		expect(redact('nothing here', undefined)).toBe('nothing here');
	});
});

describe('redact, every encoding', () => {
	it('masks the key fully XML-escaped and URL-encoded too', () => {
		const key = `a"b'c&d`;
		const text = `${escapeXmlText(key)} | ${encodeURIComponent(key)} | ${key}`;
		expect(redact(text, key)).toBe('*** | *** | ***');
	});
});

describe('CREATING_METHODS', () => {
	it('the creating methods are the four the API documents as creating something', () => {
		expect([...CREATING_METHODS].sort()).toEqual(
			['AddBonus', 'AddClick', 'AddConversion', 'GetOrCreatePartner'].sort(),
		);
	});
});

describe('mayCreate', () => {
	it('holds the creating methods and any method the node does not know, not the repeatable ones', () => {
		for (const method of CREATING_METHODS) expect(mayCreate(method)).toBe(true);
		for (const method of [
			'GetConversions',
			'GetConversion',
			'GetPartner',
			'GetPartners',
			'GetCampaigns',
		])
			expect(mayCreate(method)).toBe(false);
		expect(mayCreate('ConfirmConversion')).toBe(false);
		expect(mayCreate('UpdateConversion')).toBe(false);
		// AffilBox may add methods; one the node does not know could create something.
		expect(mayCreate('AddInvoice')).toBe(true);
		expect(mayCreate('getpartner')).toBe(true);
	});
});
