import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AFFILBOX_DATE_FORMATS, formatAffilBoxDate, isEmptyDate } from '../../helpers/dates';
import { InvalidInputError } from '../../helpers/invalidInput';
import { getLicenceZone } from '../../helpers/licence';
import { parseInteger } from '../../helpers/numbers';
import { writeResultOf } from '../../helpers/output';
import { getCollection, isSet, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	campaignIdField,
	channelIdField,
	optionsCollection,
	partnerIdField,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	partnerIdField,
	campaignIdField,
	{
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the clicks happened (sent in the licence time zone)',
	},
	{
		displayName: 'Count',
		name: 'count',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		description: 'Number of clicks to record',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [channelIdField],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['click'], operation: ['add'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let zone: string | undefined;
	return await runForEachItem(this, async (i) => {
		zone ??= await getLicenceZone(this);
		const date = this.getNodeParameter('date', i);
		if (isEmptyDate(date)) throw new InvalidInputError('Date', 'Date is required');
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			partner_id: requireText(this.getNodeParameter('partnerId', i), 'Partner'),
			campaign_id: parseInteger(this.getNodeParameter('campaignId', i), 'Campaign'),
			date: formatAffilBoxDate(date, zone, AFFILBOX_DATE_FORMATS.second, 'Date'),
			count: parseInteger(this.getNodeParameter('count', i), 'Count', 1),
		};
		if (isSet(extra.channelId)) params.channelId = xmlSafeText(extra.channelId, 'Channel ID');
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'AddClick',
			params,
			toRecords: (result) => writeResultOf(result, 'click', includeRawXml),
		};
	});
}
