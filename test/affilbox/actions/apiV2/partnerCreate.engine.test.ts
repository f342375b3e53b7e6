import { captureConsole } from '../../../support/harness/secretLeaks';
import {
	jsonOf,
	runAffilBox,
	runAffilBoxV2,
	useAffilBoxSandbox,
} from '../../../support/workflows/affilBoxWorkflow';

/** Partner → Create (API v2 partner/add): the new partner's password and API key are secrets. */
const sandbox = useAffilBoxSandbox();
const consoleLines = captureConsole();
const base = { resource: 'partner', operation: 'create' };

/** Every place a user could see a value: output, execution data, errors, the console. */
function everywhere(result: Awaited<ReturnType<typeof runAffilBoxV2>>): string {
	return [
		JSON.stringify(result.items),
		JSON.stringify(result.run),
		JSON.stringify(result.error ?? null),
		consoleLines.join('\n'),
	].join('\n');
}

describe('Partner → Create', () => {
	it('registers the partner and says the secrets were issued, without them', async () => {
		const result = await runAffilBoxV2(sandbox(), {
			...base,
			email: ' nova@example.com ',
			additionalFields: { name: 'Nová', surname: 'Partnerka', city: 'Brno', postCode: '602 00' },
		});
		expect(jsonOf(result)).toEqual([
			{
				instance: sandbox().v2Instance,
				url: 'https://partneri.sandbox.invalid',
				login: 'nova@example.com',
				passwordIssued: true,
				apiKeyIssued: true,
			},
		]);
		expect(sandbox().v2Requests.map((r) => [r.httpMethod, r.path, r.params])).toEqual([
			[
				'POST',
				'partner/add',
				{
					email: 'nova@example.com',
					name: 'Nová',
					surname: 'Partnerka',
					city: 'Brno',
					postCode: '602 00',
				},
			],
		]);
		const [apiKey, password] = sandbox().v2IssuedSecrets;
		const seen = everywhere(result);
		expect(seen).not.toContain(apiKey);
		expect(seen).not.toContain(password);
		// The XML API sees the new partner.
		const found = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'get',
			partnerId: 'nova@example.com',
		});
		expect(jsonOf(found)[0].person).toEqual(
			expect.objectContaining({ name: 'Nová', surname: 'Partnerka' }),
		);
	});

	it('gives the password and API key only with the option on, clearly named', async () => {
		const result = await runAffilBoxV2(sandbox(), {
			...base,
			email: 'nova@example.com',
			options: { includeSecrets: true },
		});
		const [apiKey, password] = sandbox().v2IssuedSecrets;
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				login: 'nova@example.com',
				password,
				apiKey,
				passwordIssued: true,
			}),
		]);
	});

	it('reports an e-mail already registered, per item with Continue On Fail', async () => {
		const result = await runAffilBoxV2(
			sandbox(),
			{ ...base, email: '={{ $json.email }}' },
			{
				inputItems: [{ email: 'jiri.dvorak@example.com' }, { email: 'nova@example.com' }],
				continueOnFail: true,
			},
		);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/email/) }),
			expect.objectContaining({ login: 'nova@example.com', passwordIssued: true }),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [apiKey, password] = sandbox().v2IssuedSecrets;
		expect(everywhere(result)).not.toContain(apiKey);
		expect(everywhere(result)).not.toContain(password);
	});

	it.each([
		['={{ "  " }}', 'Email is required'],
		['not-an-address', 'Email: "not-an-address" is not an e-mail address'],
	])('refuses the e-mail %j before any request', async (email, message) => {
		const result = await runAffilBoxV2(sandbox(), { ...base, email });
		expect(result.error?.message).toBe(message);
		expect(sandbox().v2Requests).toHaveLength(0);
	});

	it('a dropped connection is not repeated and says the partner may have been created', async () => {
		sandbox().injectFault({ dropConnection: true });
		const result = await runAffilBoxV2(sandbox(), { ...base, email: 'nova@example.com' });
		expect(result.error?.message).toMatch(/may have been/);
		expect(sandbox().v2Requests.filter((r) => r.path === 'partner/add').length).toBeLessThanOrEqual(
			1,
		);
	});

	it('in a retried execution registers nobody and says why; a new run registers', async () => {
		const retried = await runAffilBoxV2(
			sandbox(),
			{ ...base, email: 'nova@example.com' },
			{ mode: 'retry', continueOnFail: true },
		);
		expect(jsonOf(retried)).toEqual([
			expect.objectContaining({
				error:
					'Partner not created: this run retries an execution, and the run before may have registered them',
			}),
		]);
		expect(retried.items[0]?.pairedItem).toEqual({ item: 0 });
		expect(sandbox().v2Requests).toHaveLength(0);
		const anew = await runAffilBoxV2(sandbox(), { ...base, email: 'nova@example.com' });
		expect(jsonOf(anew)).toEqual([expect.objectContaining({ login: 'nova@example.com' })]);
	});
});
