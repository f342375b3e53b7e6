import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';
import { loadOptionsContext, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();

/** Opens the campaign dropdown of version 1 the way the editor does. */
async function campaignDropdown(credentials: Record<string, string> = {}) {
	const context = loadOptionsContext(sandbox(), {
		typeVersion: 1,
		parameters: { resource: 'conversion', operation: 'add' },
		credentials,
	});
	return await new AffilBox().methods.loadOptions.getCampaigns.call(context);
}

describe('Campaign dropdown', () => {
	it('lists campaigns by name and number, sorted, inactive ones last and marked, sending the number', async () => {
		expect(await campaignDropdown()).toEqual([
			{ name: 'Elektronika "Premium" (13)', value: '13' },
			{ name: 'Knihy & <Hry> pro děti (12)', value: '12' },
			{ name: 'Letní výprodej – obuv (11)', value: '11' },
			{ name: 'Zimní kolekce 2024 (14) · inactive', value: '14' },
		]);
	});

	it('shows the key problem instead of an empty list', async () => {
		await expect(campaignDropdown({ apiKey: 'wrong' })).rejects.toThrow(
			'AffilBox rejected the API key',
		);
	});
});
