import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet } from '../../../shared/parameters';
import { locatorValue } from '../../helpers/locator';
import { affilBoxOperation, readLimit } from '../../helpers/operation';
import { xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import { optionsCollection, returnAllAndLimit } from '../../descriptions/common';
import { partnerTextV1 } from '../../descriptions/v1';
import { optionalPartnerLocator } from '../../descriptions/v2';
import { fromV2, onlyV1 } from '../../descriptions/versions';

const PARTNER_FILTER_HELP = 'Only campaigns of this partner (affiliate ID or e-mail)';

const filtersField = (partner: INodeProperties): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Only campaigns that match the filters added here',
	options: [partner],
});

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	...onlyV1([filtersField(partnerTextV1(PARTNER_FILTER_HELP))]),
	...fromV2([filtersField(optionalPartnerLocator(PARTNER_FILTER_HELP))]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getMany'] } },
	properties,
);

export const execute = affilBoxOperation({
	call(i) {
		const limit = readLimit(this, i);
		const filters = getCollection(this, 'filters', i);
		const params: AffilBoxParams = {};
		const partnerId = locatorValue(filters.partnerId);
		if (isSet(partnerId)) params.partner_id = xmlSafeText(partnerId, 'Partner');
		// Only what is returned is kept; with a limit, reading stops once it is reached.
		return { method: 'GetCampaigns', params, output: { kind: 'campaign', mode: 'list', limit } };
	},
});
