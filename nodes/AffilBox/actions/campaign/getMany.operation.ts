import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet } from '../../../shared/parameters';
import { locatorValue } from '../../helpers/locator';
import { recordsOf } from '../../helpers/output';
import { readLimit, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const limit = readLimit(this, i);
		const filters = getCollection(this, 'filters', i);
		const params: AffilBoxParams = {};
		const partnerId = locatorValue(filters.partnerId);
		if (isSet(partnerId)) params.partner_id = xmlSafeText(partnerId, 'Partner');
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'GetCampaigns',
			params,
			// Only what is returned is kept; with a limit, reading stops once it is reached.
			reading: { only: 'campaign', limit },
			toRecords: (result) => recordsOf(result, 'campaign', includeRawXml),
		};
	});
}
