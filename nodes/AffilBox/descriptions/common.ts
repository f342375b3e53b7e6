import type { INodeProperties } from 'n8n-workflow';

import { optionsCollectionOf } from '../../shared/callOptions';

/** Fields that several operations share, so they read and behave the same everywhere. */

export const partnerIdField: INodeProperties = {
	displayName: 'Partner',
	name: 'partnerId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. jnovak or jan.novak@example.com',
	description: "The partner's affiliate ID (affilId) or e-mail",
};

export const campaignIdField: INodeProperties = {
	displayName: 'Campaign Name or ID',
	name: 'campaignId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCampaigns' },
	default: '',
	required: true,
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const optionalCampaignIdField: INodeProperties = {
	...campaignIdField,
	required: false,
	description:
		'Needed only when the same transaction ID exists in several campaigns. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** A partner's e-mail (Get or Create, Create), `description` saying what it is used for. */
export function partnerEmailField(description: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description,
	};
}

export const conversionIdField: INodeProperties = {
	displayName: 'Conversion ID',
	name: 'conversionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ORDER-2025-0042',
	description:
		'Your transaction ID of the conversion (order number or customer e-mail), not an AffilBox internal ID',
};

export const noteField: INodeProperties = {
	displayName: 'Note',
	name: 'note',
	type: 'string',
	default: '',
	description: 'Free text stored with the conversion',
};

export const channelIdField: INodeProperties = {
	displayName: 'Channel ID',
	name: 'channelId',
	type: 'string',
	default: '',
	description: "The partner's promotion channel",
};

export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: 'AffilBox always sends the full list; the node keeps the first ones',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/**
 * Shown on every operation: the raw answer, and how the calls are sent (parallelism, retries,
 * time-out: defaults and bounds from the shared call options, which also read them).
 */
const includeRawXmlOption: INodeProperties = {
	displayName: 'Include Raw XML',
	name: 'includeRawXml',
	type: 'boolean',
	default: false,
	description: 'Whether to add the raw XML answer to each output item (field rawXml)',
};

const CALL_WORDS = { platform: 'AffilBox', unit: 'items', creates: 'Add, Get or Create' };
const OPTIONS_HELP =
	'How the calls are sent (parallel requests, retries, time-out) and whether to add the raw answer';

export const optionsCollection: INodeProperties = optionsCollectionOf(CALL_WORDS, OPTIONS_HELP, [
	includeRawXmlOption,
]);

/**
 * The Options of an operation that may be run twice for the same item (a caller sending a batch
 * again after an error, a run n8n lost part way): with Skip If Already Done it asks AffilBox
 * first. `what` says what it looks for. A retried execution always asks (helpers/operation.ts).
 */
export function optionsCollectionSkipping(what: string): INodeProperties {
	return optionsCollectionOf(CALL_WORDS, OPTIONS_HELP, [
		includeRawXmlOption,
		{
			displayName: 'Skip If Already Done',
			name: 'skipIfAlreadyDone',
			type: 'boolean',
			default: false,
			description: `Whether to look it up in AffilBox first and leave it as it is when ${what}: for workflows that may get the same item twice, e.g. a webhook whose caller sends the batch again after an error. A retried execution always does this.`,
		},
	]);
}

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
