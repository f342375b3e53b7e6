import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseInteger } from '../../helpers/numbers';
import { writeResultOf } from '../../helpers/output';
import { getCollection, isSet, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { oneOf, requireText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	conversionIdField,
	noteField,
	optionalCampaignIdField,
	optionsCollection,
} from '../common.descriptions';

const DECISIONS = ['approve', 'reject'] as const;

const properties: INodeProperties[] = [
	conversionIdField,
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
		description: 'In an expression: approve or reject (any other value is refused)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ ...optionalCampaignIdField, displayName: 'Campaign Name or ID' }, noteField],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['confirm'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			conversion_id: requireText(this.getNodeParameter('conversionId', i), 'Conversion ID'),
			value: oneOf(this.getNodeParameter('decision', i), DECISIONS, 'Decision') === 'approve',
		};
		if (isSet(extra.campaignId)) params.campaign_id = parseInteger(extra.campaignId, 'Campaign');
		if (isSet(extra.note)) params.note = xmlSafeText(extra.note, 'Note');
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'ConfirmConversion',
			params,
			toRecords: (result) => writeResultOf(result, 'conversion', includeRawXml),
		};
	});
}
