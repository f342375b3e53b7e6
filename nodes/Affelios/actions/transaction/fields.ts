import type { INodeProperties } from 'n8n-workflow';

import { fieldSpecs } from '../../helpers/fieldMap';
import {
	clickKeyField,
	countryCodeField,
	countryField,
	externalProductIdField,
} from '../common.descriptions';

/** The transaction's fields: descriptions for the UI, and how each maps into the API body. */

export const transactionIdField: INodeProperties = {
	displayName: 'Transaction ID',
	name: 'transactionId',
	type: 'string',
	default: '',
	required: true,
	description: "Affelios' own ID of the transaction, not your External ID",
};

export const transactionExternalIdField: INodeProperties = {
	displayName: 'External ID',
	name: 'externalId',
	type: 'string',
	default: '',
	placeholder: 'e.g. order-2024-0042',
	description:
		'Your ID of the transaction (e.g. the order or payment number). Recommended: Affelios returns no ID for new transactions.',
};

function amountField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: 0,
		description: `${description}: a number without currency`,
	};
}

function textField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', description };
}

/** All optional, as the API documents them; sorted as the editor shows them. */
export const optionalTransactionFields: INodeProperties[] = [
	textField('Affiliate ID', 'affiliateId', "Affelios' ID of the affiliate to credit"),
	textField('Category', 'category', 'Free category for your reports'),
	clickKeyField,
	countryField,
	countryCodeField,
	amountField('CPA Commission', 'cpaCommission', 'CPA commission amount'),
	amountField('Deposit Amount', 'depositAmount', 'Deposit amount'),
	textField('External Brand ID', 'externalBrandId', 'Your ID of the brand or shop'),
	textField('External Customer ID', 'externalCustomerId', 'Your ID of the customer (External ID)'),
	externalProductIdField,
	amountField('Fixed Commission', 'fixedCommission', 'Fixed commission amount'),
	amountField('Gross Revenue', 'grossRevenue', 'Gross revenue amount'),
	textField('Label', 'label', 'Free label for your reports'),
	textField('Note', 'note', 'Free text stored with the transaction'),
	textField('Operator ID', 'operatorId', "Affelios' ID of the operator"),
	amountField('Rev Share Commission', 'revShareCommission', 'Revenue-share commission amount'),
	{
		displayName: 'Transaction Date',
		name: 'transactionDate',
		type: 'dateTime',
		default: '',
		description:
			"When the transaction happened. Sent in UTC. A date or time without a time zone is read in the workflow's time zone.",
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'string',
		default: '',
		placeholder: 'e.g. deposit',
		description:
			'Transaction type as your Affelios account names it (Affelios does not list the values)',
	},
	amountField('Wagered Amount', 'wageredAmount', 'Wagered amount'),
];

/** The body of a transaction: External ID and every optional field. */
export const TRANSACTION_FIELDS = fieldSpecs(
	[transactionExternalIdField, ...optionalTransactionFields],
	{
		countryCode: 'country_code',
	},
);
