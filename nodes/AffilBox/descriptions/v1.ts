import type { INodeProperties } from 'n8n-workflow';

import { optionalCampaignIdField } from './common';

/**
 * Fields that version 1 shows in several places and version 2 replaces (see versions.ts). Their
 * types and defaults must stay as they are: workflows saved with version 1 rely on them.
 */

/** The Campaign dropdown as a filter or optional value. */
export function campaignFieldV1(help: string): INodeProperties {
	return {
		...optionalCampaignIdField,
		description: `${help}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** A partner as plain text (affiliate ID or e-mail). */
export function partnerTextV1(description: string): INodeProperties {
	return {
		displayName: 'Partner',
		name: 'partnerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. jnovak or jan.novak@example.com',
		description,
	};
}

/** An optional amount that starts at 0. */
export function amountFieldV1(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		description,
	};
}
