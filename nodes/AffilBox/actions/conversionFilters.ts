import type { INodeProperties } from 'n8n-workflow';

/** The Filters collection of conversion lists: Get Many and the trigger. */
export const CAMPAIGN_FILTER_HELP = 'Only conversions of this campaign';
export const PARTNER_FILTER_HELP = 'Only conversions of this partner (affiliate ID or e-mail)';

export function conversionFilters(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only conversions that match all the filters added here',
		options,
	};
}
