import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readWholeNumber } from '../../../shared/numbers';
import { getCollection, isSet } from '../../../shared/parameters';
import { locatorValue } from '../../helpers/locator';
import { readAffilBoxAmount, REMOVE_OR_FILL, requireAmount } from '../../helpers/amounts';
import { affilBoxOperation } from '../../helpers/operation';
import { requireXmlText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	campaignIdField,
	channelIdField,
	conversionIdField,
	noteField,
	optionsCollectionSkipping,
	partnerIdField,
} from '../../descriptions/common';
import { amountFieldV1 } from '../../descriptions/v1';
import { amountField, campaignLocator, partnerLocator, simplifyField } from '../../descriptions/v2';
import { newTransactionIdField } from '../../descriptions/v3';
import {
	beforeV3,
	fromV2,
	fromV3,
	isVersion2,
	isVersion3,
	onlyV1,
	simplifyConversionOf,
} from '../../descriptions/versions';

const ORDER_VALUE_HELP = 'Order total without VAT, shipping and packing: a number without currency';

const additionalFieldsV1: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Optional values AffilBox stores with the conversion',
	options: [
		channelIdField,
		{
			displayName: 'Compute Commission From Order Value',
			name: 'countValue',
			type: 'boolean',
			default: false,
			description:
				"Whether AffilBox computes the commission from Order Value using the campaign's conversion code",
		},
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'e.g. CZK',
			description: 'Currency code (needs the Currencies plugin in AffilBox)',
		},
		noteField,
		amountFieldV1('Order Value', 'orderValue', ORDER_VALUE_HELP),
	],
};

const properties: INodeProperties[] = [
	...onlyV1([partnerIdField, campaignIdField]),
	...fromV2([partnerLocator, campaignLocator]),
	...beforeV3([conversionIdField]),
	...fromV3([newTransactionIdField]),
	...onlyV1([
		{
			displayName: 'Commission',
			name: 'value',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			required: true,
			description:
				"The partner's final commission for this conversion: a number without currency, e.g. 45 or 12.50",
		},
		additionalFieldsV1,
	]),
	...fromV2([
		amountField({
			displayName: 'Commission',
			name: 'value',
			required: true,
			description:
				"The partner's final commission for this conversion, a number without currency (with Compute Commission From Order Value on, AffilBox computes it and this value is only sent along)",
		}),
		{
			...additionalFieldsV1,
			options: (additionalFieldsV1.options as INodeProperties[]).map((option) =>
				option.name === 'orderValue'
					? amountField({
							displayName: 'Order Value',
							name: 'orderValue',
							description: ORDER_VALUE_HELP,
						})
					: option,
			),
		},
		simplifyField,
	]),
	optionsCollectionSkipping(
		'AffilBox already has a conversion of this transaction ID in this campaign (it outputs that one)',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['add'] } },
	properties,
);

export const execute = affilBoxOperation({
	simplify: simplifyConversionOf,
	call(i, run) {
		const v2 = isVersion2(run);
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			partner_id: requireXmlText(locatorValue(this.getNodeParameter('partnerId', i)), 'Partner'),
			campaign_id: readWholeNumber(
				locatorValue(this.getNodeParameter('campaignId', i)),
				'Campaign',
			),
			conversion_id: isVersion3(run)
				? requireXmlText(this.getNodeParameter('newTransactionId', i), 'Transaction ID')
				: requireXmlText(this.getNodeParameter('conversionId', i), 'Conversion ID'),
			value: (v2 ? requireAmount : readAffilBoxAmount)(
				this.getNodeParameter('value', i),
				'Commission',
			),
		};
		if (isSet(extra.channelId)) params.channelId = xmlSafeText(extra.channelId, 'Channel ID');
		if (v2 && extra.orderValue !== undefined) {
			params.orderValue = requireAmount(extra.orderValue, 'Order Value', REMOVE_OR_FILL);
		} else if (isSet(extra.orderValue)) {
			params.orderValue = readAffilBoxAmount(extra.orderValue, 'Order Value');
		}
		if (extra.countValue !== undefined) params.count_value = extra.countValue === true;
		if (isSet(extra.note)) params.note = xmlSafeText(extra.note, 'Note');
		if (isSet(extra.currency)) params.currency = xmlSafeText(extra.currency, 'Currency');
		return {
			method: 'AddConversion',
			params,
			output: { kind: 'conversion', mode: 'write' },
			// Retried: a conversion the run before added (same transaction ID and campaign) is not added again.
			onRetry: {
				lookup: {
					method: 'GetConversions',
					params: { conversion_id: params.conversion_id, campaign_id: params.campaign_id },
				},
				done: (found) => found.answer.records.conversion.length > 0,
			},
		};
	},
});
