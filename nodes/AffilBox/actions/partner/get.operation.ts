import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/numbers';
import { recordsOf } from '../../helpers/output';
import { wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { affilBoxApiCall } from '../../transport';
import { optionsCollection, partnerIdField } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['get'] } },
	[partnerIdField, optionsCollection] as INodeProperties[],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const partnerId = requireText(this.getNodeParameter('partnerId', i), 'Partner');
		const result = await affilBoxApiCall.call(this, 'GetPartner', { partner_id: partnerId }, i);
		return recordsOf(result, 'partner', wantsRawXml(this, i));
	});
}
