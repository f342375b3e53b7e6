import type { INodeProperties } from 'n8n-workflow';

import { fieldSpecs } from '../../helpers/fieldMap';
import {
	clickKeyField,
	countryCodeField,
	countryField,
	externalProductIdField,
	usernameField,
} from '../common.descriptions';

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

export const customerExternalIdField: INodeProperties = {
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
	{ ...customerExternalIdField, required: false },
	{ ...registrationDateField, required: false },
	revShareExcludedField,
	usernameField,
];

const COUNTRY_CODE = { countryCode: 'country_code' };

/** Create's body, in the order the API documents it. */
export const CUSTOMER_FIELDS = fieldSpecs(
	[
		customerExternalIdField,
		externalBrandIdField,
		registrationDateField,
		brandIdField,
		clickIdField,
		usernameField,
		countryField,
		countryCodeField,
		revShareExcludedField,
		cpaExcludedField,
	],
	COUNTRY_CODE,
);

/** The bulk call names two fields differently: `regDate` and `clickKey`. */
export const BULK_CUSTOMER_FIELDS = fieldSpecs(
	[
		customerExternalIdField,
		externalBrandIdField,
		registrationDateField,
		clickKeyField,
		externalProductIdField,
		usernameField,
		countryField,
		countryCodeField,
	],
	{ ...COUNTRY_CODE, registrationDate: 'regDate' },
);
