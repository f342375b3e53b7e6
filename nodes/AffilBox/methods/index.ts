import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { affilBoxApiCall } from '../transport';
import { campaignEntries } from './labels';

/**
 * What the node and the conversion trigger offer the editor: the pickers' list searches
 * (listSearch.ts) and version 1's Campaign dropdown; labels.ts words the entries of both.
 */
export * as listSearch from './listSearch';

/** Campaign dropdown of version 1: name and number shown, inactive ones last; the number is sent. */
async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { answer } = await affilBoxApiCall.call(this, 'GetCampaigns');
	return campaignEntries(answer.records.campaign).map((entry) => ({
		name: entry.label,
		value: entry.id,
	}));
}

export const loadOptions = { getCampaigns };
