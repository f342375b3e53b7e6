import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isEmptyDate } from '../../../shared/dates';
import { InvalidInputError } from '../../../shared/invalidInput';
import { readWholeNumber } from '../../../shared/numbers';
import { getCollection, isSet } from '../../../shared/parameters';
import { AFFILBOX_DATE_FORMATS, formatAffilBoxDate } from '../../helpers/dates';
import { locatorValue } from '../../helpers/locator';
import { affilBoxOperation } from '../../helpers/operation';
import { requireXmlText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	campaignIdField,
	channelIdField,
	optionsCollection,
	partnerIdField,
} from '../../descriptions/common';
import { campaignLocator, partnerLocator } from '../../descriptions/v2';
import { fromV2, onlyV1 } from '../../descriptions/versions';

const properties: INodeProperties[] = [
	...onlyV1([partnerIdField, campaignIdField]),
	...fromV2([partnerLocator, campaignLocator]),
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
		description: 'Optional values AffilBox stores with the clicks',
		options: [channelIdField],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['click'], operation: ['add'] } },
	properties,
);

export const execute = affilBoxOperation({
	async call(i, run) {
		const zone = await run.licenceZone();
		const date = this.getNodeParameter('date', i);
		if (isEmptyDate(date)) throw new InvalidInputError('Date', 'Date is required');
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = {
			partner_id: requireXmlText(locatorValue(this.getNodeParameter('partnerId', i)), 'Partner'),
			campaign_id: readWholeNumber(
				locatorValue(this.getNodeParameter('campaignId', i)),
				'Campaign',
			),
			date: formatAffilBoxDate(date, zone, AFFILBOX_DATE_FORMATS.second, 'Date'),
			count: readWholeNumber(this.getNodeParameter('count', i), 'Count', { min: 1 }),
		};
		if (isSet(extra.channelId)) params.channelId = xmlSafeText(extra.channelId, 'Channel ID');
		return { method: 'AddClick', params, output: { kind: 'click', mode: 'write' } };
	},
});
