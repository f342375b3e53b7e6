import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { affilBoxApiCall } from '../transport';
import { campaignEntries } from './labels';

/** Campaign dropdown of version 1: name and number shown, inactive ones last; the number is sent. */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { answer } = await affilBoxApiCall.call(this, 'GetCampaigns');
	return campaignEntries(answer.records.campaign).map((entry) => ({
		name: entry.label,
		value: entry.id,
	}));
}
