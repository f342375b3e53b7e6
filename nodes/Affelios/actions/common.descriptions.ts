import type { INodeProperties } from 'n8n-workflow';

import { optionsCollectionOf } from '../../shared/callOptions';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../helpers/bulkInput';

/** Fields several operations share, so they read and behave the same everywhere. */

export const countryField: INodeProperties = {
	displayName: 'Country',
	name: 'country',
	type: 'string',
	default: '',
	description: 'Country as your Affelios account records it',
};

export const countryCodeField: INodeProperties = {
	displayName: 'Country Code',
	name: 'countryCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. DE',
	description: 'Two-letter country code (sent as country_code)',
};

export const usernameField: INodeProperties = {
	displayName: 'Username',
	name: 'username',
	type: 'string',
	default: '',
	description: "The customer's username on your site",
};

export const externalProductIdField: INodeProperties = {
	displayName: 'External Product ID',
	name: 'externalProductId',
	type: 'string',
	default: '',
	description: 'Your ID of the product, as configured in Affelios',
};

export const clickKeyField: INodeProperties = {
	displayName: 'Click Key',
	name: 'clickKey',
	type: 'string',
	default: '',
	description:
		'The ClickKey Affelios passed to your site with the visitor; it ties the record to an affiliate',
};

/** Create Many: the input items are mapped through the fields below, or sent exactly as they are. */
export function inputModeField(resource: string): INodeProperties {
	return {
		displayName: 'Input Data',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		description: `Where each ${resource} sent comes from`,
		options: [
			{
				name: 'Map Fields Below',
				value: 'fields',
				description: `Build each ${resource} from the fields below (dates and amounts are checked and converted)`,
			},
			{
				name: 'Use Item JSON As Is',
				value: 'json',
				description: `Send each input item's JSON unchanged as one ${resource} (field names as the API expects them)`,
			},
		],
		default: 'fields',
	};
}

/** The Options collection of an operation: its own options, then the request options every operation has. */
export function optionsCollection(
	unit: 'items' | 'batches',
	own: INodeProperties[] = [],
): INodeProperties {
	return optionsCollectionOf(
		{
			platform: 'Affelios',
			unit,
			creates: 'Create, Create Many, a Custom API Call other than GET',
		},
		'Settings for how the requests to Affelios are sent',
		own,
	);
}

export const batchOptions: INodeProperties = optionsCollection('batches', [
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
		default: DEFAULT_BATCH_SIZE,
		description: `How many input items go into one bulk request (1 to ${MAX_BATCH_SIZE}). Each request gives one summary item.`,
	},
]);

export const itemOptions: INodeProperties = optionsCollection('items');
