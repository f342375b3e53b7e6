import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet } from '../../../shared/parameters';
import { locatorValue } from '../../helpers/locator';
import { recordsOf } from '../../helpers/output';
import { wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import { conversionIdField, optionsCollection } from '../../descriptions/common';
import { conversionLocator, simplifyField } from '../../descriptions/v2';
import { transactionIdLocator } from '../../descriptions/v3';
import {
	conversionParameter,
	conversionSimplifier,
	fromV2,
	fromV3,
	onlyV1,
	onlyV2,
} from '../../descriptions/versions';

const properties: INodeProperties[] = [
	...onlyV1([conversionIdField]),
	...onlyV2([conversionLocator]),
	...fromV3([transactionIdLocator]),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional values to narrow down the conversion',
		options: [
			{
				displayName: 'Coupon',
				name: 'coupon',
				type: 'string',
				default: '',
				description:
					'Only the conversion with this coupon code, for a transaction ID that has several conversions',
			},
		],
	},
	...fromV2([simplifyField]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const simplifier = conversionSimplifier(this);
	const conversion = conversionParameter(this);
	return await runForEachItem(this, async (i) => {
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			conversion_id: requireText(
				locatorValue(this.getNodeParameter(conversion.name, i)),
				conversion.field,
			),
		};
		if (isSet(extra.coupon)) params.coupon = xmlSafeText(extra.coupon, 'Coupon');
		const includeRawXml = wantsRawXml(this, i);
		const shape = await simplifier(i);
		return {
			method: 'GetConversion',
			params,
			toRecords: (result) => shape(recordsOf(result, 'conversion', includeRawXml)),
		};
	});
}
