import { checkBaseUrl, normalizeBaseUrl } from '../../../nodes/Affelios/transport/credential';
import { renderErrorBody } from '../../../nodes/Affelios/transport/problem';
import { redact } from '../../../nodes/shared/redact';

describe('renderErrorBody', () => {
	it('lists the field errors of an ASP.NET problem object', () => {
		const body = JSON.stringify({
			type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			errors: { externalId: ['Required.'], '$.regDate': ['Bad date.', 'Too old.'] },
			traceId: '00-1-2-00',
		});
		expect(renderErrorBody(body)).toBe(
			'One or more validation errors occurred. [externalId: Required.; $.regDate: Bad date. Too old.]',
		);
	});

	it('shows title and detail, or detail alone, or a message', () => {
		expect(renderErrorBody('{"title":"Conflict","detail":"Exists."}')).toBe('Conflict – Exists.');
		expect(renderErrorBody('{"detail":"Only detail"}')).toBe('Only detail');
		expect(renderErrorBody('{"title":"Same","detail":"Same"}')).toBe('Same');
		expect(renderErrorBody('{"message":"Nope"}')).toBe('Nope');
		expect(renderErrorBody('{"error":"Nope"}')).toBe('Nope');
	});

	it('reads a list of field errors too', () => {
		expect(
			renderErrorBody(
				'{"title":"Invalid","errors":[{"propertyName":"type","errorMessage":"Unknown."},"Plain."]}',
			),
		).toBe('Invalid [type: Unknown.; Plain.]');
		expect(renderErrorBody('{"errors":{"x":"single"}}')).toBe('[x: single]');
	});

	it('shows other JSON compact, text as it is, nothing as "(empty body)"', () => {
		expect(renderErrorBody('{ "a": [1, 2] }')).toBe('{"a":[1,2]}');
		expect(renderErrorBody('["x"]')).toBe('["x"]');
		expect(renderErrorBody('  Service Unavailable \n')).toBe('Service Unavailable');
		expect(renderErrorBody('{broken')).toBe('{broken');
		expect(renderErrorBody('')).toBe('(empty body)');
		expect(renderErrorBody(' \n')).toBe('(empty body)');
	});

	it('cuts long text to 500 characters', () => {
		expect(renderErrorBody('y'.repeat(600))).toBe(`${'y'.repeat(500)}…`);
	});
});

describe('redact', () => {
	const key = 'ab"c\\d/e f';

	it('masks the key raw, JSON-escaped and URL-encoded', () => {
		const text = `raw ${key} json ${JSON.stringify(key)} url ${encodeURIComponent(key)}`;
		expect(redact(text, key)).toBe('raw *** json "***" url ***');
	});

	it('leaves text alone without a key', () => {
		expect(redact('abc', undefined)).toBe('abc');
		expect(redact('abc', '')).toBe('abc');
	});
});

describe('checkBaseUrl', () => {
	it.each([
		['https://api.affelios.com', 'https://api.affelios.com'],
		[' https://api.affelios.com/ ', 'https://api.affelios.com'],
		['https://api.affelios.com/api/v1/', 'https://api.affelios.com'],
		['https://platform.affelios.com/api', 'https://platform.affelios.com'],
		['http://127.0.0.1:8082', 'http://127.0.0.1:8082'],
		['http://localhost:8082/', 'http://localhost:8082'],
	])('accepts %j as %j', (input, url) => {
		expect(checkBaseUrl(input)).toEqual({ ok: true, url });
	});

	it.each([
		['', /is empty/],
		[undefined, /is empty/],
		['api.affelios.com', /is not a valid URL/],
		['http://api.affelios.com', /must start with https:\/\//],
		['ftp://api.affelios.com', /must start with https:\/\//],
	])('refuses %j', (input, message) => {
		const check = checkBaseUrl(input);
		expect(check.ok).toBe(false);
		expect(check.ok ? '' : check.message).toMatch(message);
	});

	it('normalizes like the credential test URL expression does', () => {
		expect(normalizeBaseUrl('https://x.example//api/V1//')).toBe('https://x.example');
	});
});
