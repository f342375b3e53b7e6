import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseAmount, parseInteger } from '../../helpers/numbers';
import { writeResultOf } from '../../helpers/output';
import { getCollection, isSet, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	campaignIdField,
	channelIdField,
	conversionIdField,
	noteField,
	optionsCollection,
	partnerIdField,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	partnerIdField,
	campaignIdField,
	conversionIdField,
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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
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
			{
				displayName: 'Order Value',
				name: 'orderValue',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'Order total without VAT, shipping and packing: a number without currency',
			},
		],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['add'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			partner_id: requireText(this.getNodeParameter('partnerId', i), 'Partner'),
			campaign_id: parseInteger(this.getNodeParameter('campaignId', i), 'Campaign'),
			conversion_id: requireText(this.getNodeParameter('conversionId', i), 'Conversion ID'),
			value: parseAmount(this.getNodeParameter('value', i), 'Commission'),
		};
		if (isSet(extra.channelId)) params.channelId = xmlSafeText(extra.channelId, 'Channel ID');
		if (isSet(extra.orderValue)) params.orderValue = parseAmount(extra.orderValue, 'Order Value');
		if (extra.countValue !== undefined) params.count_value = extra.countValue === true;
		if (isSet(extra.note)) params.note = xmlSafeText(extra.note, 'Note');
		if (isSet(extra.currency)) params.currency = xmlSafeText(extra.currency, 'Currency');
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'AddConversion',
			params,
			toRecords: (result) => writeResultOf(result, 'conversion', includeRawXml),
		};
	});
}
