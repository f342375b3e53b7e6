import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../helpers/invalidInput';
import { parseAmount, parseInteger } from '../../helpers/numbers';
import { writeResultOf } from '../../helpers/output';
import { getCollection, isSet, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { oneOf, requireText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	CONVERSION_STATE_HINT,
	CONVERSION_STATES,
	conversionIdField,
	conversionStateOptions,
	noteField,
	optionalCampaignIdField,
	optionsCollection,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	conversionIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			optionalCampaignIdField,
			{
				displayName: 'Commission',
				name: 'commission',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: "The partner's new commission: a number without currency, e.g. 45 or 12.50",
			},
			noteField,
			{
				displayName: 'Order Value',
				name: 'orderValue',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'The new order value of the conversion: a number without currency',
			},
			{
				displayName: 'Partner',
				name: 'partnerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. jnovak or jan.novak@example.com',
				description: 'Move the conversion to this partner (affiliate ID or e-mail)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: conversionStateOptions,
				default: 'waiting',
				description:
					'New state; a conversion can also be moved back to waiting. In an expression: waiting, authorized, invoiced or rejection.',
			},
		],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const fields = getCollection(this, 'updateFields', i);
		const params: AffilBoxParams = {
			conversion_id: requireText(this.getNodeParameter('conversionId', i), 'Conversion ID'),
		};
		if (isSet(fields.partnerId)) params.partner_id = xmlSafeText(fields.partnerId, 'Partner');
		if (isSet(fields.state))
			params.state = oneOf(fields.state, CONVERSION_STATES, 'State', CONVERSION_STATE_HINT);
		// The API names are swapped against intuition: `value` is the order value here.
		if (isSet(fields.orderValue)) params.value = parseAmount(fields.orderValue, 'Order Value');
		if (isSet(fields.commission)) params.commission = parseAmount(fields.commission, 'Commission');
		if (isSet(fields.campaignId)) params.campaign_id = parseInteger(fields.campaignId, 'Campaign');
		if (isSet(fields.note)) params.note = xmlSafeText(fields.note, 'Note');
		const changes = Object.keys(params).filter(
			(name) => name !== 'conversion_id' && name !== 'campaign_id',
		);
		if (changes.length === 0) {
			throw new InvalidInputError(
				'Update Fields',
				'Update Fields: add at least one field to change',
				'Nothing would change, so no request was sent.',
			);
		}
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'UpdateConversion',
			params,
			toRecords: (result) => writeResultOf(result, 'conversion', includeRawXml),
		};
	});
}
