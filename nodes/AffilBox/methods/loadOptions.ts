import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { affilBoxApiCall } from '../transport';

/** Campaign dropdown: the campaign's name shown, its numeric id sent. */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { answer } = await affilBoxApiCall.call(this, 'GetCampaigns');
	return answer.records.campaign
		.filter((campaign) => campaign.id !== undefined && campaign.id !== '')
		.map((campaign) => {
			const name =
				typeof campaign.name === 'string' && campaign.name !== ''
					? campaign.name
					: `Campaign ${String(campaign.id)}`;
			const inactive = campaign.active === '0' || campaign.active === 'false' ? ' (inactive)' : '';
			return { name: `${name}${inactive}`, value: String(campaign.id) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
