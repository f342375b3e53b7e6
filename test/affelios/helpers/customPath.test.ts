import { readCustomPath } from '../../../nodes/Affelios/helpers/customPath';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';

function refusal(
	path: unknown,
	pairs?: Array<{ name?: unknown; value?: unknown }>,
): InvalidInputError {
	try {
		readCustomPath(path, pairs);
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidInputError);
		return error as InvalidInputError;
	}
	throw new Error(`"${String(path)}" was accepted`);
}

describe('readCustomPath', () => {
	it.each([
		['customer/abc', 'customer/abc'],
		['/customer/abc', 'customer/abc'],
		['  customer/abc  ', 'customer/abc'],
		['/api/v1/customer/abc', 'customer/abc'],
		['api/V1/customer/abc', 'customer/abc'],
		['customer/bulk/', 'customer/bulk/'],
		['customer/a b', 'customer/a%20b'],
		['customer/Nováková', 'customer/Nov%C3%A1kov%C3%A1'],
		['customer/%C3%A1', 'customer/%C3%A1'],
		['customer/100%', 'customer/100%25'],
		['customer/a%2Fb', 'customer/a%2Fb'],
		['customer/x?', 'customer/x'],
		['customer?from=2024-01-15&q=a b', 'customer?from=2024-01-15&q=a%20b'],
		['/customer:1', 'customer:1'],
		['customer/..abc', 'customer/..abc'],
		['apiv1/customer', 'apiv1/customer'],
	])('%j → %j', (input, expected) => {
		expect(readCustomPath(input)).toBe(expected);
	});

	it('adds the Query Parameters after the query of the path, each URL-encoded', () => {
		expect(
			readCustomPath('customer?a=1', [
				{ name: 'b', value: 'x&y=z' },
				{ name: ' c d ', value: 7 },
				{ name: 'e', value: '' },
			]),
		).toBe('customer?a=1&b=x%26y%3Dz&c%20d=7&e=');
		expect(readCustomPath('customer', [{ name: 'f', value: true }])).toBe('customer?f=true');
	});

	it.each([
		['https://evil.example/api/v1/customer', /is a full URL/],
		['HTTP://api.affelios.com/api/v1/customer', /is a full URL/],
		['//evil.example/customer', /is a full URL/],
		['javascript:alert(1)', /is a full URL/],
		['customer:1', /is a full URL/],
		['../customer', /"\.\." segments/],
		['customer/../../admin', /"\.\." segments/],
		['api/v1/../../admin', /"\.\." segments/],
		['customer/%2e%2e/x', /"%2e%2e" segments/],
		['customer/.%2E', /segments/],
		['customer/./x', /"\." segments/],
		['customer\\..\\x', /backslash/],
		['customer#top', /fragment/],
		['customer\n/x', /control characters/],
		['customer//x', /empty segment/],
		['', /Path is required/],
		['   ', /Path is required/],
		['/', /names no endpoint/],
		['/api/v1/', /names no endpoint/],
		['?a=1', /names no endpoint/],
	])('refuses %j', (input, said) => {
		const error = refusal(input);
		expect(error.field).toBe('Path');
		expect(error.message).toMatch(said);
	});

	it('refuses a Query Parameter without a name, naming it', () => {
		const error = refusal('customer', [
			{ name: 'a', value: '1' },
			{ name: ' ', value: '2' },
		]);
		expect(error.field).toBe('Query Parameters');
		expect(error.message).toBe('Query Parameters → Name 2 is empty');
	});

	it('whatever it accepts stays below /api/v1/ of the Base URL, as a URL parser reads it', () => {
		const inputs = [
			'customer/abc',
			'/api/v1/customer/a b',
			'customer/..abc?x=../../y',
			'customer/a%2F..%2Fb',
			'customer/%252e%252e/x',
			'customer?next=https://evil.example/',
		];
		for (const input of inputs) {
			const url = new URL(`https://api.affelios.com/api/v1/${readCustomPath(input)}`);
			expect(url.host).toBe('api.affelios.com');
			expect(url.pathname.startsWith('/api/v1/')).toBe(true);
		}
	});
});
