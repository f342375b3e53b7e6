import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordsOf } from '../../helpers/output';
import { wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText } from '../../helpers/text';
import { optionsCollection, partnerIdField } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['get'] } },
	[partnerIdField, optionsCollection] as INodeProperties[],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const includeRawXml = wantsRawXml(this, i);
		return {
			method: 'GetPartner',
			params: { partner_id: requireText(this.getNodeParameter('partnerId', i), 'Partner') },
			toRecords: (result) => recordsOf(result, 'partner', includeRawXml),
		};
	});
}
