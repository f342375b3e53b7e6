import {
	jsonOf,
	lastCall,
	runAffilBox,
	useAffilBoxSandbox,
} from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();
const base = { resource: 'customCall', operation: 'customMethod' };

describe('Custom Call → Custom Method', () => {
	it('sends any method with pairs and JSON parameters, and outputs the records', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			method: 'GetPartner',
			parameters: { parameter: [{ name: 'partner_id', value: 'zofie' }] },
		});
		expect(result.error).toBeUndefined();
		expect(lastCall(sandbox())).toEqual(
			expect.objectContaining({ method: 'GetPartner', params: { partner_id: 'zofie' } }),
		);
		expect(jsonOf(result).length).toBeGreaterThan(0);
		expect(result.items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('refuses bad names, key and method, and bad JSON before any request', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ method: 'Get Partner' }, /^Method "Get Partner" is not a name/],
			[
				{ method: 'X', parameters: { parameter: [{ name: 'key', value: 'k' }] } },
				/cannot be set here/,
			],
			[{ method: 'X', parametersJson: '{"method": "Y"}' }, /cannot be set here/],
			[{ method: 'X', parametersJson: '{"a": ' }, /^Parameters \(JSON\) is not valid JSON/],
			[{ method: 'X', parametersJson: '{"a<b": 1}' }, /is not a name/],
		];
		for (const [parameters, said] of cases) {
			const result = await runAffilBox(sandbox(), { ...base, ...parameters });
			expect(result.error?.message).toMatch(said);
		}
		expect(sandbox().requests).toHaveLength(0);
	});

	it('an unknown method gives the API error; with Continue On Fail an error item', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ ...base, method: 'NoSuchMethod' },
			{ continueOnFail: true },
		);
		expect(String(result.items[0]?.json.error)).toMatch(/Unknown method/);
	});
});
