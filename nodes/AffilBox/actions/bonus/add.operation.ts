import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorValue } from '../../helpers/locator';
import { readAffilBoxAmount, requireAmount } from '../../helpers/amounts';
import { affilBoxOperation } from '../../helpers/operation';
import { requireXmlText } from '../../helpers/text';
import { optionsCollection, partnerIdField } from '../../descriptions/common';
import { amountField, partnerLocator } from '../../descriptions/v2';
import { fromV2, isVersion2, onlyV1 } from '../../descriptions/versions';

const reasonField: INodeProperties = {
	displayName: 'Reason',
	name: 'text',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Spring campaign top seller',
	description: 'What the bonus is for; the partner sees it',
};

/** A bonus has no ID AffilBox could look it up by: crediting it again on a retry could pay it twice. */
const BONUS_NOT_ON_RETRY = {
	message:
		'Bonus not credited: this run retries an execution, and AffilBox cannot tell whether the run before credited it',
	description:
		"A bonus has no ID to look it up by. Check the partner's bonuses in AffilBox; to credit one that is missing, run the workflow anew (not Retry) with that item.",
};

const AMOUNT_HELP =
	'Bonus amount credited to the partner: a number without currency, e.g. 250 or 12.50';

const properties: INodeProperties[] = [
	...onlyV1([
		partnerIdField,
		reasonField,
		{
			displayName: 'Amount',
			name: 'value',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			required: true,
			description: AMOUNT_HELP,
		},
	]),
	...fromV2([
		partnerLocator,
		reasonField,
		amountField({ displayName: 'Amount', name: 'value', required: true, description: AMOUNT_HELP }),
	]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bonus'], operation: ['add'] } },
	properties,
);

export const execute = affilBoxOperation({
	call(i, run) {
		return {
			method: 'AddBonus',
			params: {
				partner_id: requireXmlText(locatorValue(this.getNodeParameter('partnerId', i)), 'Partner'),
				text: requireXmlText(this.getNodeParameter('text', i), 'Reason'),
				value: (isVersion2(run) ? requireAmount : readAffilBoxAmount)(
					this.getNodeParameter('value', i),
					'Amount',
				),
			},
			output: { kind: 'bonus', mode: 'write' },
			onRetry: { refuse: BONUS_NOT_ON_RETRY },
		};
	},
});
