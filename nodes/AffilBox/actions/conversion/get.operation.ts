import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordsOf } from '../../helpers/output';
import { getCollection, isSet, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import { conversionIdField, optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversionIdField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Coupon',
				name: 'coupon',
				type: 'string',
				default: '',
				description: 'Only the conversion with this coupon code',
			},
		],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			conversion_id: requireText(this.getNodeParameter('conversionId', i), 'Conversion ID'),
		};
		if (isSet(extra.coupon)) params.coupon = xmlSafeText(extra.coupon, 'Coupon');
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'GetConversion',
			params,
			toRecords: (result) => recordsOf(result, 'conversion', includeRawXml),
		};
	});
}
