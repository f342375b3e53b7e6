import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorValue } from '../../helpers/locator';
import { affilBoxOperation } from '../../helpers/operation';
import { simplifyPartner } from '../../helpers/simplifyPartner';
import { requireXmlText } from '../../helpers/text';
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

export const execute = affilBoxOperation({
	simplify: simplifyPartner,
	call(i) {
		const partnerId = requireXmlText(
			locatorValue(this.getNodeParameter('partnerId', i)),
			'Partner',
		);
		return {
			method: 'GetPartner',
			params: { partner_id: partnerId },
			output: { kind: 'partner', mode: 'read' },
		};
	},
});
