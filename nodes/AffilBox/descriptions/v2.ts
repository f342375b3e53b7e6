import type { INodeProperties } from 'n8n-workflow';

import { CONVERSION_STATE_CHOICES } from '../helpers/conversionState';
import { RECENT_CONVERSION_DAYS } from '../methods/labels';

/**
 * Fields of version 2 that replace a version-1 field of the same name (see versions.ts): pickers
 * ("From List" with search, or "By ID") for partners, campaigns and conversions, amounts and states
 * without a value that would be sent unnoticed, and Simplify.
 */

export const partnerLocator: INodeProperties = {
	displayName: 'Partner',
	name: 'partnerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The partner: pick one from the list (type to search by name, e-mail or affiliate ID), or give their affiliate ID or e-mail',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPartners', searchable: true },
		},
		{
			// The editor labels a mode named `id` "By ID" (a longer label would not fit its selector).
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'Affiliate ID or e-mail, e.g. jnovak',
		},
	],
};

/** The same picker where a partner is only a filter or an optional change. */
export function optionalPartnerLocator(description: string): INodeProperties {
	return { ...partnerLocator, required: false, description };
}

export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaignId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The campaign: pick one from the list (shown with its number), or give its number (var kampan = … in its tracking code)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'Campaign number, e.g. 12',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d+\\s*$',
						errorMessage:
							'A campaign number has digits only: see var kampan = … in its tracking code',
					},
				},
			],
		},
	],
};

/** An optional campaign: empty means "not given", which the editor shows without an error. */
export function optionalCampaignLocator(description: string): INodeProperties {
	return { ...campaignLocator, required: false, description };
}

/**
 * What the Conversion picker's list holds, shown under it: the list reaches back only so far, and
 * an empty list must not look like a licence without conversions.
 */
export const RECENT_CONVERSIONS_HINT = `From List shows the conversions created in the last ${RECENT_CONVERSION_DAYS} days, newest first. For an older one, choose By ID and enter its transaction ID.`;

/** The picker of a conversion by its transaction ID, under the name and label a version gives it. */
export function conversionLocatorOf(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description:
			'Your transaction ID of the conversion (order number or customer e-mail, not an AffilBox internal number), or pick a recent conversion from the list',
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'Transaction ID, e.g. ORDER-2025-0042',
			},
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				hint: RECENT_CONVERSIONS_HINT,
				typeOptions: { searchListMethod: 'searchConversions', searchable: true },
			},
		],
	};
}

/** Version 2's picker, named like the text field of Add (see versions.ts). */
export const conversionLocator = conversionLocatorOf('conversionId', 'Conversion');

/** An amount the user must type: empty (never 0) until they do, and refused at run time when empty. */
export function amountField(field: Omit<INodeProperties, 'type' | 'default'>): INodeProperties {
	return { ...field, type: 'number', typeOptions: { numberPrecision: 2 }, default: null };
}

/**
 * A conversion state with no preselected value: adding the field shows an empty choice, not
 * "Waiting". Arbitrary values are allowed so the empty choice is not flagged as unsupported; the node
 * checks the value itself (see helpers/conversionState.ts).
 */
export function stateField(description: string): INodeProperties {
	return {
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: CONVERSION_STATE_CHOICES,
		default: '',
		placeholder: 'Choose a state',
		allowArbitraryValues: true,
		description,
	};
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return flat items with the fields most workflows use (IDs, partner, campaign, amounts as numbers, dates in ISO 8601 with the licence time zone offset) instead of everything exactly as AffilBox sent it',
};
