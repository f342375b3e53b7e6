import { errorBodyText, readV2Answer } from '../../../../nodes/AffilBox/transport/apiV2/answer';
import { checkV2ApiUrl } from '../../../../nodes/AffilBox/transport/apiV2/credential';
import { encodeV2Params, hasV2Params } from '../../../../nodes/AffilBox/transport/apiV2/formBody';
import { listMethod } from '../../../../nodes/AffilBox/transport/apiV2';

describe('API v2 parameters on the wire', () => {
	it('as PHP http_build_query sends them: indexed lists, + for a space, 1/0 for booleans, null left out', () => {
		expect(
			encodeV2Params({
				conversionId: [1, 2, 3],
				state: 'authorized',
				comment: 'Schváleno: a&b (ok)!',
				flag: true,
				off: false,
				none: null,
				missing: undefined,
				zero: 0,
				empty: '',
			}),
		).toBe(
			'conversionId%5B0%5D=1&conversionId%5B1%5D=2&conversionId%5B2%5D=3&state=authorized&comment=Schv%C3%A1leno%3A+a%26b+%28ok%29%21&flag=1&off=0&zero=0&empty=',
		);
		expect(encodeV2Params({ conversionId: 23 })).toBe('conversionId=23');
		expect(encodeV2Params({ dateFrom: '2025-01-01 00:00:00' })).toBe(
			'dateFrom=2025-01-01+00%3A00%3A00',
		);
	});

	it('lists are GET without parameters, POST with them', () => {
		expect([hasV2Params({}), hasV2Params({ a: null }), hasV2Params({ a: [] })]).toEqual([
			false,
			false,
			false,
		]);
		expect([listMethod({}), listMethod({ state: 'waiting' })]).toEqual(['GET', 'POST']);
	});
});

describe('API v2 answers', () => {
	it('ok, or no status at all, is success; status "error" is an error with its message, even with HTTP 200', () => {
		expect(readV2Answer('{"status":"ok","meta":[],"data":{}}')).toEqual({
			kind: 'ok',
			body: { status: 'ok', meta: [], data: {} },
		});
		expect(readV2Answer('{"conversion":[]}').kind).toBe('ok');
		expect(readV2Answer('{"status":"error","message":"Invoice can\'t be created."}')).toEqual({
			kind: 'apiError',
			message: "Invoice can't be created.",
			fields: [],
		});
		expect(readV2Answer('{"status":"ERROR"}')).toEqual({
			kind: 'apiError',
			message: undefined,
			fields: [],
		});
	});

	it('field details are read where given', () => {
		expect(
			readV2Answer(
				'{"status":"error","message":"Invalid data","errors":{"email":["The email field is required."]}}',
			),
		).toEqual({
			kind: 'apiError',
			message: 'Invalid data',
			fields: ['email: The email field is required.'],
		});
		expect(
			errorBodyText('{"status":"error","message":"Invalid data","errors":{"email":["required"]}}'),
		).toBe('Invalid data [email: required]');
	});

	it('a body that is not JSON (or only a JSON string) is told apart', () => {
		expect(readV2Answer('not json')).toEqual({ kind: 'notJson', text: 'not json' });
		expect(readV2Answer('"ok"').kind).toBe('notJson');
		expect(readV2Answer('').kind).toBe('notJson');
		expect(errorBodyText('<html>502</html>')).toBe('<html>502</html>');
		expect(errorBodyText('')).toBe('(empty body)');
		expect(errorBodyText('x'.repeat(600))).toHaveLength(501);
	});
});

describe('API v2 URL', () => {
	it('https, or http on loopback; trailing slashes dropped', () => {
		expect(checkV2ApiUrl('https://api.affilbox.cz/')).toEqual({
			ok: true,
			url: 'https://api.affilbox.cz',
		});
		expect(checkV2ApiUrl(' http://127.0.0.1:8081/v2 ')).toEqual({
			ok: true,
			url: 'http://127.0.0.1:8081/v2',
		});
		expect(checkV2ApiUrl('http://localhost:1/v2').ok).toBe(true);
		expect(checkV2ApiUrl('http://api.affilbox.cz')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/https/),
		});
		expect(checkV2ApiUrl('')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
		expect(checkV2ApiUrl('api.affilbox.cz').ok).toBe(false);
		expect(checkV2ApiUrl('ftp://api.affilbox.cz').ok).toBe(false);
	});
});
