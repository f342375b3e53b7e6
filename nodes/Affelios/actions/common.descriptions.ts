import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../helpers/bulkInput';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../helpers/requestOptions';
import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_MAX_RETRIES,
	MAX_RETRY_AFTER_MS,
	MAX_TIMEOUT_SECONDS,
	MIN_TIMEOUT_SECONDS,
} from '../transport/retryPolicy';

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

const requestsInParallelOption = (unit: string): INodeProperties => ({
	displayName: 'Requests in Parallel',
	name: 'requestsInParallel',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description: `How many ${unit} are sent to Affelios at the same time (1 to ${MAX_CONCURRENCY}). The output keeps the input order either way.`,
});

const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_MAX_RETRIES },
	default: DEFAULT_MAX_RETRIES,
	description: `How often a request is repeated after a passing failure (429 Too Many Requests, 502/503/504, a dropped connection or a time-out), with growing pauses or as long as Affelios asks (Retry-After, up to ${MAX_RETRY_AFTER_MS / 1000} s). A call that creates something is repeated only when Affelios certainly did not get it (connection refused, 429, 503 with Retry-After).`,
};

const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: MIN_TIMEOUT_SECONDS, maxValue: MAX_TIMEOUT_SECONDS, numberPrecision: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description: 'Seconds to wait for the answer to each request before giving up on it',
};

/** The Options collection of an operation: its own options, then the request options every operation has. */
export function optionsCollection(
	unit: 'items' | 'batches',
	own: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'Settings for how the requests to Affelios are sent',
		// Sorted by display name, as the editor lists them.
		options: [...own, maxRetriesOption, requestsInParallelOption(unit), timeoutOption].sort(
			(a, b) => a.displayName.localeCompare(b.displayName),
		),
	};
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
