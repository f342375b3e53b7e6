import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readWholeNumber } from '../../../shared/numbers';
import { getCollection, isSet } from '../../../shared/parameters';
import {
	CONVERSION_STATE_CHOICES,
	readConversionState,
	requireConversionState,
} from '../../helpers/conversionState';
import { AFFILBOX_DATE_FORMATS, formatAffilBoxDate } from '../../helpers/dates';
import { locatorValue } from '../../helpers/locator';
import { affilBoxOperation, readLimit } from '../../helpers/operation';
import { xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import {
	CAMPAIGN_FILTER_HELP,
	conversionFilters,
	optionsCollection,
	PARTNER_FILTER_HELP,
	returnAllAndLimit,
} from '../../descriptions/common';
import { campaignFieldV1, partnerTextV1 } from '../../descriptions/v1';
import {
	optionalCampaignLocator,
	optionalPartnerLocator,
	simplifyField,
	stateField,
} from '../../descriptions/v2';
import { fromV2, isVersion2, onlyV1, simplifyConversionOf } from '../../descriptions/versions';

const couponFilter: INodeProperties = {
	displayName: 'Coupon',
	name: 'coupon',
	type: 'string',
	default: '',
	description: 'Only conversions made with this coupon code',
};

const createdFilters: INodeProperties[] = [
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
];

const filtersV1 = conversionFilters([
	campaignFieldV1(CAMPAIGN_FILTER_HELP),
	{
		displayName: 'Conversion ID',
		name: 'conversionId',
		type: 'string',
		default: '',
		description:
			'Only the conversion with exactly this transaction ID. To match any of several IDs, use Conversion IDs instead.',
	},
	{
		displayName: 'Conversion IDs',
		name: 'conversionIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. ORDER-1; ORDER-2',
		description:
			'Conversions with any of these transaction IDs, separated by semicolons, commas or new lines. Given together with Conversion ID, a conversion must match both.',
	},
	couponFilter,
	...createdFilters,
	partnerTextV1(PARTNER_FILTER_HELP),
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: CONVERSION_STATE_CHOICES,
		default: 'waiting',
		description:
			'Only conversions in this state. In an expression: waiting, authorized, invoiced or rejection.',
	},
]);

// One filter for one or several transaction IDs; the node sends whichever parameter fits.
const filtersV2 = conversionFilters([
	optionalCampaignLocator(CAMPAIGN_FILTER_HELP),
	couponFilter,
	...createdFilters,
	optionalPartnerLocator(PARTNER_FILTER_HELP),
	stateField('Only conversions in this state'),
	{
		displayName: 'Transaction IDs',
		name: 'transactionIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. ORDER-1 or ORDER-1; ORDER-2',
		description:
			'Only conversions with this transaction ID, or with any of several separated by semicolons, commas or new lines',
	},
]);

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	...onlyV1([filtersV1]),
	...fromV2([filtersV2, simplifyField]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['getMany'] } },
	properties,
);

function splitIds(value: unknown): string[] {
	return String(value)
		.split(/[;,\n]/)
		.map((id) => id.trim())
		.filter((id) => id !== '');
}

export const execute = affilBoxOperation({
	simplify: simplifyConversionOf,
	async call(i, run) {
		const v2 = isVersion2(run);
		const limit = readLimit(this, i);
		const zone = await run.licenceZone();
		const filters = getCollection(this, 'filters', i);
		const partnerId = locatorValue(filters.partnerId);
		const campaignId = locatorValue(filters.campaignId);
		const params: AffilBoxParams = {};
		if (isSet(partnerId)) params.partner_id = xmlSafeText(partnerId, 'Partner');
		if (isSet(filters.coupon)) params.coupon = xmlSafeText(filters.coupon, 'Coupon');
		if (v2) {
			const state = readConversionState(filters.state, 'State');
			if (state) params.filter_state = state;
		} else if (isSet(filters.state)) {
			params.filter_state = requireConversionState(filters.state, 'State');
		}
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
		if (isSet(campaignId)) params.campaign_id = readWholeNumber(campaignId, 'Campaign');
		if (isSet(filters.conversionId))
			params.conversion_id = xmlSafeText(filters.conversionId, 'Conversion ID');
		if (isSet(filters.conversionIds))
			params.conversions_id = splitIds(xmlSafeText(filters.conversionIds, 'Conversion IDs')).join(
				';',
			);
		if (isSet(filters.transactionIds)) {
			const ids = splitIds(xmlSafeText(filters.transactionIds, 'Transaction IDs'));
			if (ids.length === 1) params.conversion_id = ids[0];
			else if (ids.length > 1) params.conversions_id = ids.join(';');
		}
		// Only what is returned is kept; with a limit, reading stops once it is reached.
		return {
			method: 'GetConversions',
			params,
			output: { kind: 'conversion', mode: 'list', limit },
		};
	},
});
