import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorValue } from '../../helpers/locator';
import { recordsOf } from '../../helpers/output';
import { wantsRawXml } from '../../helpers/parameters';
import { runForEachItem } from '../../helpers/runForEachItem';
import { simplifierFor } from '../../helpers/simplify';
import { simplifyPartner } from '../../helpers/simplifyPartner';
import { requireText } from '../../helpers/text';
import { optionsCollection, partnerIdField } from '../../descriptions/common';
import { partnerLocator, simplifyField } from '../../descriptions/v2';
import { fromV2, onlyV1 } from '../../descriptions/versions';

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['get'] } },
	[
		...onlyV1([partnerIdField]),
		...fromV2([partnerLocator, simplifyField]),
		optionsCollection,
	] as INodeProperties[],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const simplifier = simplifierFor(this, simplifyPartner);
	return await runForEachItem(this, async (i) => {
		const includeRawXml = wantsRawXml(this, i);
		const partnerId = requireText(locatorValue(this.getNodeParameter('partnerId', i)), 'Partner');
		const shape = await simplifier(i);
		return {
			method: 'GetPartner',
			params: { partner_id: partnerId },
			toRecords: (result) => shape(recordsOf(result, 'partner', includeRawXml)),
		};
	});
}
