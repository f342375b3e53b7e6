import type { IDataObject } from 'n8n-workflow';

import { AffilBoxApi } from '../../credentials/AffilBoxApi.credentials';
import { testCredential } from '../support/harness/credentialTest';
import { sandboxCredentials, useAffilBoxSandbox, type AffilBoxSandbox } from '../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();
const credentialType = new AffilBoxApi();

/** The credential dialog's Test button, with the sandbox's URL and key unless overridden. */
async function testOn(target: AffilBoxSandbox, overrides: IDataObject = {}) {
	return await testCredential({
		credentialType,
		credentials: sandboxCredentials(target, overrides),
	});
}

describe('AffilBox credential test (GetCampaigns)', () => {
	it('passes with the right URL and key, and makes one read-only call', async () => {
		expect(await testOn(sandbox())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox().requests.map((call: { method: string }) => call.method)).toEqual([
			'GetCampaigns',
		]);
	});

	it('reports a wrong key in plain words', async () => {
		expect(await testOn(sandbox(), { apiKey: 'wrong' })).toEqual({
			status: 'Error',
			message: 'AffilBox rejected the API key: copy it again from Settings → User settings',
		});
	});

	it('reports a wrong URL in plain words', async () => {
		const result = await testOn(sandbox(), {
			apiUrl: sandbox().url.replace('/api/', '/ap/'),
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'No AffilBox API answers at this URL: copy the API URL from Settings → User settings',
		});
	});

	it('refuses http:// for a real host without sending anything', async () => {
		const result = await testOn(sandbox(), { apiUrl: 'http://c1234.affilbox.cz/api/' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/uses http:\/\/, which AffilBox refuses/);
		expect(sandbox().requests).toHaveLength(0);
	});
});
