import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/invalidInput';
import { readWholeNumber } from '../../../shared/numbers';
import { getCollection, isSet } from '../../../shared/parameters';
import { pointToCampaignField } from '../../helpers/ambiguousConversion';
import {
	CONVERSION_STATE_CHOICES,
	readConversionState,
	requireConversionState,
} from '../../helpers/conversionState';
import { locatorValue } from '../../helpers/locator';
import { readAffilBoxAmount, REMOVE_OR_FILL, requireAmount } from '../../helpers/amounts';
import { affilBoxOperation } from '../../helpers/operation';
import { requireXmlText, xmlSafeText } from '../../helpers/text';
import type { AffilBoxParams } from '../../transport';
import { conversionIdField, noteField, optionsCollection } from '../../descriptions/common';
import { amountFieldV1, campaignFieldV1, partnerTextV1 } from '../../descriptions/v1';
import {
	amountField,
	conversionLocator,
	optionalCampaignLocator,
	optionalPartnerLocator,
	simplifyField,
	stateField,
} from '../../descriptions/v2';
import { transactionIdLocator } from '../../descriptions/v3';
import {
	fromV2,
	fromV3,
	isVersion2,
	onlyV1,
	onlyV2,
	simplifyConversionOf,
	transactionIdParameter,
} from '../../descriptions/versions';

const COMMISSION_HELP = "The partner's new commission: a number without currency, e.g. 45 or 12.50";
const ORDER_VALUE_HELP = 'The new order value of the conversion: a number without currency';
const PARTNER_HELP = 'Move the conversion to this partner (affiliate ID or e-mail)';
const STATE_HELP =
	'New state; a conversion can also be moved back to waiting. In an expression: waiting, authorized, invoiced or rejection.';
const CAMPAIGN_HELP =
	'The campaign of the conversion: needed only when the same transaction ID exists in several campaigns (AffilBox then asks for it)';

const updateFieldsV1: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'The values to change; what is not added here stays as it is',
	options: [
		campaignFieldV1(CAMPAIGN_HELP),
		amountFieldV1('Commission', 'commission', COMMISSION_HELP),
		noteField,
		amountFieldV1('Order Value', 'orderValue', ORDER_VALUE_HELP),
		partnerTextV1(PARTNER_HELP),
		{
			displayName: 'State',
			name: 'state',
			type: 'options',
			options: CONVERSION_STATE_CHOICES,
			default: 'waiting',
			description: STATE_HELP,
		},
	],
};

const updateFieldsV2: INodeProperties = {
	...updateFieldsV1,
	options: [
		optionalCampaignLocator(CAMPAIGN_HELP),
		amountField({ displayName: 'Commission', name: 'commission', description: COMMISSION_HELP }),
		noteField,
		amountField({ displayName: 'Order Value', name: 'orderValue', description: ORDER_VALUE_HELP }),
		optionalPartnerLocator(PARTNER_HELP),
		stateField(STATE_HELP),
	],
};

const properties: INodeProperties[] = [
	...onlyV1([conversionIdField, updateFieldsV1]),
	...onlyV2([conversionLocator]),
	...fromV3([transactionIdLocator]),
	...fromV2([updateFieldsV2, simplifyField]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['update'] } },
	properties,
);

/** Version 2: an amount added to Update Fields must be filled in (it starts empty, never 0). */
function amount(v2: boolean, value: unknown, field: string): string | undefined {
	if (v2) return value === undefined ? undefined : requireAmount(value, field, REMOVE_OR_FILL);
	return isSet(value) ? readAffilBoxAmount(value, field) : undefined;
}

export const execute = affilBoxOperation({
	simplify: simplifyConversionOf,
	call(i, run) {
		const v2 = isVersion2(run);
		const campaignField = v2 ? 'Update Fields → Campaign' : 'Update Fields → Campaign Name or ID';
		const transaction = transactionIdParameter(run);
		const fields = getCollection(this, 'updateFields', i);
		const partnerId = locatorValue(fields.partnerId);
		const campaignId = locatorValue(fields.campaignId);
		const params: AffilBoxParams = {
			conversion_id: requireXmlText(
				locatorValue(this.getNodeParameter(transaction.name, i)),
				transaction.field,
			),
		};
		if (isSet(partnerId)) params.partner_id = xmlSafeText(partnerId, 'Partner');
		if (v2) {
			const state = readConversionState(fields.state, 'State');
			if (state) params.state = state;
		} else if (isSet(fields.state)) {
			params.state = requireConversionState(fields.state, 'State');
		}
		// The API names are swapped against intuition: `value` is the order value here.
		const orderValue = amount(v2, fields.orderValue, 'Order Value');
		if (orderValue !== undefined) params.value = orderValue;
		const commission = amount(v2, fields.commission, 'Commission');
		if (commission !== undefined) params.commission = commission;
		if (isSet(campaignId)) params.campaign_id = readWholeNumber(campaignId, 'Campaign');
		if (isSet(fields.note)) params.note = xmlSafeText(fields.note, 'Note');
		const changes = Object.keys(params).filter(
			(name) => name !== 'conversion_id' && name !== 'campaign_id',
		);
		if (changes.length === 0) {
			throw new InvalidInputError(
				'Update Fields',
				'Update Fields: add at least one field to change',
				'Nothing would change, so no request was sent.',
			);
		}
		return {
			method: 'UpdateConversion',
			params,
			output: { kind: 'conversion', mode: 'write' },
			explainError: isSet(campaignId) ? undefined : pointToCampaignField(campaignField),
		};
	},
});
