import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet } from '../../../shared/parameters';
import { locatorValue } from '../../helpers/locator';
import { affilBoxOperation } from '../../helpers/operation';
import { requireXmlText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import { conversionIdField, optionsCollection } from '../../descriptions/common';
import { conversionLocator, simplifyField } from '../../descriptions/v2';
import { transactionIdLocator } from '../../descriptions/v3';
import {
	fromV2,
	fromV3,
	onlyV1,
	onlyV2,
	simplifyConversionOf,
	transactionIdParameter,
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

export const execute = affilBoxOperation({
	simplify: simplifyConversionOf,
	call(i, run) {
		const transaction = transactionIdParameter(run);
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			conversion_id: requireXmlText(
				locatorValue(this.getNodeParameter(transaction.name, i)),
				transaction.field,
			),
		};
		if (isSet(extra.coupon)) params.coupon = xmlSafeText(extra.coupon, 'Coupon');
		return { method: 'GetConversion', params, output: { kind: 'conversion', mode: 'read' } };
	},
});
