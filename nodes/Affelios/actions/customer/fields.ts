import type { INodeProperties } from 'n8n-workflow';

import type { FieldSpec } from '../../helpers/fieldMap';
import { countryCodeField, countryField, usernameField } from '../common.descriptions';

/** The customer's fields: descriptions for the UI, and how each maps into the API body. */

export const customerIdField: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	default: '',
	required: true,
	description:
		"Affelios' own ID of the customer (the ID returned by Create or Get), not your External ID",
};

export const externalIdField: INodeProperties = {
	displayName: 'External ID',
	name: 'externalId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. user-10042',
	description: 'Your ID of the customer, e.g. the user ID in your shop',
};

export const externalBrandIdField: INodeProperties = {
	displayName: 'External Brand ID',
	name: 'externalBrandId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. shop-eu',
	description: 'Your ID of the brand or shop, as configured in Affelios',
};

export const registrationDateField: INodeProperties = {
	displayName: 'Registration Date',
	name: 'registrationDate',
	type: 'dateTime',
	default: '',
	required: true,
	description:
		"When the customer registered. Sent in UTC. A date or time without a time zone is read in the workflow's time zone.",
};

const brandIdField: INodeProperties = {
	displayName: 'Brand ID',
	name: 'brandId',
	type: 'string',
	default: '',
	description: "Affelios' own ID of the brand",
};

const clickIdField: INodeProperties = {
	displayName: 'Click ID',
	name: 'clickId',
	type: 'string',
	default: '',
	description:
		'The ClickKey Affelios passed to your site with the visitor. Without it Affelios may reject the customer or count it as organic.',
};

const cpaExcludedField: INodeProperties = {
	displayName: 'CPA Excluded',
	name: 'cpaExcluded',
	type: 'boolean',
	default: false,
	description: 'Whether the customer is excluded from CPA commission',
};

const revShareExcludedField: INodeProperties = {
	displayName: 'Rev Share Excluded',
	name: 'revShareExcluded',
	type: 'boolean',
	default: false,
	description: 'Whether the customer is excluded from revenue-share commission',
};

/** Optional fields of Create, sorted as the editor shows them. */
export const optionalCustomerFields: INodeProperties[] = [
	brandIdField,
	clickIdField,
	countryField,
	countryCodeField,
	cpaExcludedField,
	revShareExcludedField,
	usernameField,
];

/** Update may change every field Create sets. */
export const updatableCustomerFields: INodeProperties[] = [
	brandIdField,
	clickIdField,
	countryField,
	countryCodeField,
	cpaExcludedField,
	{ ...externalBrandIdField, required: false },
	{ ...externalIdField, required: false },
	{ ...registrationDateField, required: false },
	revShareExcludedField,
	usernameField,
];

export const CUSTOMER_FIELDS: FieldSpec[] = [
	{ name: 'externalId', api: 'externalId', label: 'External ID', kind: 'text', required: true },
	{
		name: 'externalBrandId',
		api: 'externalBrandId',
		label: 'External Brand ID',
		kind: 'text',
		required: true,
	},
	{
		name: 'registrationDate',
		api: 'registrationDate',
		label: 'Registration Date',
		kind: 'date',
		required: true,
	},
	{ name: 'brandId', api: 'brandId', label: 'Brand ID', kind: 'text' },
	{ name: 'clickId', api: 'clickId', label: 'Click ID', kind: 'text' },
	{ name: 'username', api: 'username', label: 'Username', kind: 'text' },
	{ name: 'country', api: 'country', label: 'Country', kind: 'text' },
	{ name: 'countryCode', api: 'country_code', label: 'Country Code', kind: 'text' },
	{
		name: 'revShareExcluded',
		api: 'revShareExcluded',
		label: 'Rev Share Excluded',
		kind: 'boolean',
	},
	{ name: 'cpaExcluded', api: 'cpaExcluded', label: 'CPA Excluded', kind: 'boolean' },
];

/** The bulk call names two fields differently: `regDate` and `clickKey`. */
export const BULK_CUSTOMER_FIELDS: FieldSpec[] = [
	{ name: 'externalId', api: 'externalId', label: 'External ID', kind: 'text', required: true },
	{
		name: 'externalBrandId',
		api: 'externalBrandId',
		label: 'External Brand ID',
		kind: 'text',
		required: true,
	},
	{
		name: 'registrationDate',
		api: 'regDate',
		label: 'Registration Date',
		kind: 'date',
		required: true,
	},
	{ name: 'clickKey', api: 'clickKey', label: 'Click Key', kind: 'text' },
	{
		name: 'externalProductId',
		api: 'externalProductId',
		label: 'External Product ID',
		kind: 'text',
	},
	{ name: 'username', api: 'username', label: 'Username', kind: 'text' },
	{ name: 'country', api: 'country', label: 'Country', kind: 'text' },
	{ name: 'countryCode', api: 'country_code', label: 'Country Code', kind: 'text' },
];
