import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet } from '../../../shared/parameters';
import { affilBoxOperation } from '../../helpers/operation';
import { simplifyPartner } from '../../helpers/simplifyPartner';
import { checkEmail, requireXmlText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxCallResult, AffilBoxParams } from '../../transport';
import { optionsCollection, partnerEmailField } from '../../descriptions/common';
import { simplifyField } from '../../descriptions/v2';
import { fromV2 } from '../../descriptions/versions';

const properties: INodeProperties[] = [
	partnerEmailField('E-mail of the partner to find, or to create when none has it'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional values for a partner that gets created',
		options: [
			{
				displayName: 'Affiliate ID',
				name: 'affilId',
				type: 'string',
				default: '',
				description: 'Custom affiliate ID for a new partner; AffilBox generates one when empty',
			},
		],
	},
	...fromV2([simplifyField]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['getOrCreate'] } },
	properties,
);

/** The partner records, with `created: true|false` when the server says whether it created one. */
function withCreated(partner: IDataObject, result: AffilBoxCallResult): IDataObject {
	const created = result.answer.fields.created;
	return created === undefined
		? partner
		: { ...partner, created: String(created) === '1' || String(created) === 'true' };
}

export const execute = affilBoxOperation({
	simplify: simplifyPartner,
	call(i) {
		const email = checkEmail(requireXmlText(this.getNodeParameter('email', i), 'Email'), 'Email');
		const extra = getCollection(this, 'additionalFields', i);
		const params: AffilBoxParams = { email };
		if (isSet(extra.affilId)) params.affilid = xmlSafeText(extra.affilId, 'Affiliate ID');
		return {
			method: 'GetOrCreatePartner',
			params,
			output: { kind: 'partner', mode: 'read', adjust: withCreated },
		};
	},
});
