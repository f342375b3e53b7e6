import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet, requireText } from '../../../shared/parameters';
import { partnerEmailField } from '../../descriptions/common';
import { API_V2_MARKER, affilBoxV2Operation, v2OptionsCollection } from '../../helpers/operationV2';
import { checkEmail } from '../../helpers/text';
import type { V2Params } from '../../transport/apiV2';
import { PARTNER_ADDED_SECRET_FIELDS, topLevelFieldsOf } from '../../transport/apiV2/records';
import { idOf, textOrNull } from '../../transport/apiV2/values';

const text = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

/** Additional fields as partner/add takes them (all text). */
const ADDITIONAL_FIELDS: INodeProperties[] = [
	text('City', 'city', "The partner's city"),
	text('Company', 'company', "The partner's company name"),
	{
		...text('Company Number (IČO)', 'ic', "The partner's company number"),
		placeholder: 'e.g. 12345678',
	},
	{ ...text('Country', 'country', "The partner's country code"), placeholder: 'e.g. CZ' },
	text('First Name', 'name', "The partner's first name"),
	text('Last Name', 'surname', "The partner's last name"),
	text('Phone', 'phone', "The partner's phone number"),
	text('Postcode', 'postCode', "The partner's postcode"),
	text('Street', 'street', "The partner's street and number"),
	{
		...text('VAT Number (DIČ)', 'dic', "The partner's VAT number"),
		placeholder: 'e.g. CZ12345678',
	},
];

const INCLUDE_SECRETS = 'includeSecrets';

const properties: INodeProperties[] = [
	API_V2_MARKER,
	partnerEmailField('E-mail of the new partner; AffilBox refuses one that is already registered'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "The new partner's details, as AffilBox API v2 takes them (all optional)",
		options: ADDITIONAL_FIELDS,
	},
	v2OptionsCollection([
		{
			displayName: "Include New Partner's Password and API Key",
			name: INCLUDE_SECRETS,
			type: 'boolean',
			default: false,
			description:
				"Whether to put the new partner's password and API key, which AffilBox sends once in plain text, into the output (fields password and apiKey), e.g. to e-mail the login to the partner",
			hint: 'They are then stored in the execution data like any output: anyone who can see the executions can read them. Off: the output only says that they were issued.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['create'] } },
	properties,
);

/**
 * partner/add's answer: login, portal URL and instance as they came; the new partner's password
 * and API key only when asked for (they are secrets: off, the output says they were issued).
 */
export function createdPartnerOutput(body: IDataObject, includeSecrets: boolean): IDataObject {
	const fields = topLevelFieldsOf(body);
	const output: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (!(PARTNER_ADDED_SECRET_FIELDS as readonly string[]).includes(name)) {
			output[name] = value as IDataObject[string];
		}
	}
	output.instance = idOf(fields.instance);
	output.login = textOrNull(fields.login) as IDataObject[string];
	output.url = textOrNull(fields.url) as IDataObject[string];
	for (const name of PARTNER_ADDED_SECRET_FIELDS) {
		const issued = typeof fields[name] === 'string' && fields[name] !== '';
		output[`${name}Issued`] = issued;
		if (includeSecrets && issued) output[name] = fields[name] as string;
	}
	return output;
}

/**
 * AffilBox does not say what partner/add answers to an e-mail already registered, and its answer
 * (the new password) cannot be read again: a retried execution must not register twice.
 */
const NOT_ON_RETRY = {
	message:
		'Partner not created: this run retries an execution, and the run before may have registered them',
	description:
		'Check in AffilBox whether the partner is registered (Partner → Get by e-mail); to create them, run the workflow anew (not Retry) with that item.',
};

export const execute = affilBoxV2Operation({
	call(i) {
		const email = checkEmail(requireText(this.getNodeParameter('email', i), 'Email'), 'Email');
		const extra = getCollection(this, 'additionalFields', i);
		const params: V2Params = { email };
		for (const field of ADDITIONAL_FIELDS) {
			if (isSet(extra[field.name])) params[field.name] = String(extra[field.name]).trim();
		}
		const includeSecrets = getCollection(this, 'options', i)[INCLUDE_SECRETS] === true;
		return {
			method: 'POST',
			endpoint: 'partner/add',
			params,
			output: (body) => [createdPartnerOutput(body as IDataObject, includeSecrets)],
			refuseOnRetry: NOT_ON_RETRY,
		};
	},
});
