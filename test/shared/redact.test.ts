import { redactJson } from '../../nodes/shared/redact';

describe('redactJson', () => {
	const key = 'ab"c\\d/e f';

	it('masks the key in every text of a parsed answer, names included', () => {
		const answer = { echo: `key=${key}`, list: [key, 1, null, { [key]: true }], n: 2 };
		const text = JSON.stringify(answer);
		expect(redactJson(answer, text, key)).toEqual({
			echo: 'key=***',
			list: ['***', 1, null, { '***': true }],
			n: 2,
		});
	});

	it('returns the answer itself when its text holds no form of the key', () => {
		const answer = { id: 'c1', tracking: { clickId: 'CK-1' } };
		expect(redactJson(answer, JSON.stringify(answer), key)).toBe(answer);
		expect(redactJson(answer, JSON.stringify(answer), undefined)).toBe(answer);
	});
});
