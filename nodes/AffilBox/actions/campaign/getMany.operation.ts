import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordsOf } from '../../helpers/output';
import { getCollection, isSet, readLimit, wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import { optionsCollection, returnAllAndLimit } from '../common.descriptions';

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
				displayName: 'Partner',
				name: 'partnerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. jnovak or jan.novak@example.com',
				description: 'Only campaigns of this partner (affiliate ID or e-mail)',
			},
		],
	},
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
		if (isSet(filters.partnerId)) params.partner_id = xmlSafeText(filters.partnerId, 'Partner');
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'GetCampaigns',
			params,
			toRecords: (result) => recordsOf(result, 'campaign', includeRawXml).slice(0, limit),
		};
	});
}
