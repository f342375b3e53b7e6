import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AFFILBOX_DATE_FORMATS, formatAffilBoxDate } from '../../helpers/dates';
import { getLicenceZone } from '../../helpers/licence';
import { parseInteger } from '../../helpers/numbers';
import { recordsOf } from '../../helpers/output';
import { getCollection, isSet, readLimit, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { oneOf, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	CONVERSION_STATE_HINT,
	CONVERSION_STATES,
	conversionStateOptions,
	optionalCampaignIdField,
	optionsCollection,
	returnAllAndLimit,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				...optionalCampaignIdField,
				description:
					'Only conversions of this campaign. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Conversion ID',
				name: 'conversionId',
				type: 'string',
				default: '',
				description: 'Only the conversion with this transaction ID',
			},
			{
				displayName: 'Conversion IDs',
				name: 'conversionIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. ORDER-1; ORDER-2',
				description: 'Several transaction IDs separated by semicolons, commas or new lines',
			},
			{
				displayName: 'Coupon',
				name: 'coupon',
				type: 'string',
				default: '',
				description: 'Only conversions with this coupon code',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only conversions created at or after this time (sent in the licence time zone, to the minute)',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only conversions created at or before this time (sent in the licence time zone, to the minute)',
			},
			{
				displayName: 'Partner',
				name: 'partnerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. jnovak or jan.novak@example.com',
				description: 'Only conversions of this partner (affiliate ID or e-mail)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: conversionStateOptions,
				default: 'waiting',
				description:
					'Only conversions in this state. In an expression: waiting, authorized, invoiced or rejection.',
			},
		],
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['getMany'] } },
	properties,
);

function joinIds(value: unknown): string {
	return String(value)
		.split(/[;,\n]/)
		.map((id) => id.trim())
		.filter((id) => id !== '')
		.join(';');
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let zone: string | undefined;
	return await runForEachItem(this, async (i) => {
		const limit = readLimit(this, i);
		zone ??= await getLicenceZone(this);
		const filters = getCollection(this, 'filters', i);
		const params: AffilBoxParams = {};
		if (isSet(filters.partnerId)) params.partner_id = xmlSafeText(filters.partnerId, 'Partner');
		if (isSet(filters.coupon)) params.coupon = xmlSafeText(filters.coupon, 'Coupon');
		if (isSet(filters.state))
			params.filter_state = oneOf(filters.state, CONVERSION_STATES, 'State', CONVERSION_STATE_HINT);
		if (isSet(filters.createdAfter)) {
			params.filter_date_from = formatAffilBoxDate(
				filters.createdAfter,
				zone,
				AFFILBOX_DATE_FORMATS.minute,
				'Created After',
			);
		}
		if (isSet(filters.createdBefore)) {
			params.filter_date_to = formatAffilBoxDate(
				filters.createdBefore,
				zone,
				AFFILBOX_DATE_FORMATS.minute,
				'Created Before',
			);
		}
		if (isSet(filters.campaignId))
			params.campaign_id = parseInteger(filters.campaignId, 'Campaign');
		if (isSet(filters.conversionId))
			params.conversion_id = xmlSafeText(filters.conversionId, 'Conversion ID');
		if (isSet(filters.conversionIds))
			params.conversions_id = joinIds(xmlSafeText(filters.conversionIds, 'Conversion IDs'));
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'GetConversions',
			params,
			toRecords: (result) => recordsOf(result, 'conversion', includeRawXml).slice(0, limit),
		};
	});
}
