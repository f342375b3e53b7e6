import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readWholeNumber } from '../../../shared/numbers';
import { getCollection, isSet } from '../../../shared/parameters';
import { pointToCampaignField } from '../../helpers/ambiguousConversion';
import { locatorValue } from '../../helpers/locator';
import { affilBoxOperation } from '../../helpers/operation';
import { oneOf, requireXmlText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	conversionIdField,
	noteField,
	optionalCampaignIdField,
	optionsCollectionSkipping,
} from '../../descriptions/common';
import { conversionLocator, optionalCampaignLocator, simplifyField } from '../../descriptions/v2';
import { transactionIdLocator } from '../../descriptions/v3';
import {
	fromV2,
	fromV3,
	isVersion2,
	onlyV1,
	onlyV2,
	simplifyConversionOf,
	transactionIdParameter,
} from '../../descriptions/versions';

const CAMPAIGN_HELP =
	'Needed only when the same transaction ID exists in several campaigns (AffilBox then asks for it)';

const additionalFields = (campaign: INodeProperties): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Optional values for the decision',
	options: [campaign, noteField],
});

const DECISIONS = ['approve', 'reject'] as const;

const properties: INodeProperties[] = [
	...onlyV1([conversionIdField]),
	...onlyV2([conversionLocator]),
	...fromV3([transactionIdLocator]),
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		options: [
			{ name: 'Approve', value: 'approve', description: 'The conversion becomes authorized' },
			{ name: 'Reject', value: 'reject', description: 'The conversion becomes rejected' },
		],
		default: 'approve',
		required: true,
		description:
			'Whether to approve the conversion (authorized) or reject it. In an expression: approve or reject (any other value is refused).',
	},
	...onlyV1([additionalFields({ ...optionalCampaignIdField, displayName: 'Campaign Name or ID' })]),
	...fromV2([additionalFields(optionalCampaignLocator(CAMPAIGN_HELP)), simplifyField]),
	optionsCollectionSkipping(
		'the conversion already is in the decided state (approved, or rejected)',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['confirm'] } },
	properties,
);

export const execute = affilBoxOperation({
	simplify: simplifyConversionOf,
	call(i, run) {
		const campaignField = isVersion2(run)
			? 'Additional Fields → Campaign'
			: 'Additional Fields → Campaign Name or ID';
		const transaction = transactionIdParameter(run);
		const extra = getCollection(this, 'additionalFields', i);
		const campaignId = locatorValue(extra.campaignId);
		const params: AffilBoxParams = {
			conversion_id: requireXmlText(
				locatorValue(this.getNodeParameter(transaction.name, i)),
				transaction.field,
			),
			value: oneOf(this.getNodeParameter('decision', i), DECISIONS, 'Decision') === 'approve',
		};
		if (isSet(campaignId)) params.campaign_id = readWholeNumber(campaignId, 'Campaign');
		if (isSet(extra.note)) params.note = xmlSafeText(extra.note, 'Note');
		const lookup: AffilBoxParams = {
			conversion_id: params.conversion_id,
			filter_state: params.value ? 'authorized' : 'rejection',
		};
		if (params.campaign_id !== undefined) lookup.campaign_id = params.campaign_id;
		return {
			method: 'ConfirmConversion',
			params,
			output: { kind: 'conversion', mode: 'write' },
			explainError: isSet(campaignId) ? undefined : pointToCampaignField(campaignField),
			// Retried: a conversion already in the state decided is left as it is (one decision each).
			onRetry: {
				lookup: { method: 'GetConversions', params: lookup },
				done: (found) => found.answer.records.conversion.length === 1,
			},
		};
	},
});
