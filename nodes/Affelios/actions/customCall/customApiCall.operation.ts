import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/invalidInput';
import { readJsonField } from '../../../shared/jsonField';
import { nameValuePairsField, readPairs } from '../../../shared/pairsField';
import { readCustomPath } from '../../helpers/customPath';
import { affeliosOperation } from '../../helpers/operation';
import type { AffeliosAnswer } from '../../transport';
import { itemOptions } from '../common.descriptions';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const WITH_BODY: readonly string[] = ['POST', 'PUT', 'PATCH'];
const BODY_FIELD = 'Body (JSON)';

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		options: METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
		description: 'The HTTP method of the call',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. customer/3f2a…',
		description:
			"The endpoint below the credential's Base URL and /api/v1/ (a leading /api/v1/ may be given too), with a query after ? if you like. Full URLs and .. are refused: the key goes only to the credential's host.",
	},
	nameValuePairsField({
		displayName: 'Query Parameters',
		name: 'queryParameters',
		description: 'Added to the query of the path, each name and value URL-encoded',
		addLabel: 'Add Query Parameter',
	}),
	{
		displayName: BODY_FIELD,
		name: 'jsonBody',
		type: 'json',
		default: '',
		placeholder: '{"externalId": "CRM-1", "externalBrandId": "shop-eu"}',
		description:
			'The JSON sent as the request body (an object, or an array for bulk calls); empty: no body',
		displayOptions: { show: { method: [...WITH_BODY] } },
	},
	{
		displayName:
			'The API key is added by the credential (X-Api-Key). A JSON answer becomes the output: an array one item per element, anything else one item; an answer without a body gives success and the status.',
		name: 'customApiCallNotice',
		type: 'notice',
		default: '',
	},
	itemOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customCall'], operation: ['customApiCall'] } },
	properties,
);

function readMethod(value: unknown): IHttpRequestMethods {
	const method = typeof value === 'string' ? value.trim().toUpperCase() : '';
	const known = METHODS.find((candidate) => candidate === method);
	if (known === undefined) {
		throw new InvalidInputError(
			'Method',
			`Method "${String(value)}" is not one of ${METHODS.join(', ')}`,
		);
	}
	return known;
}

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How an answer becomes output, as n8n's HTTP Request node does it: a JSON array gives one item per
 * element (none when empty), an object one item as it is; a JSON value that is no object is put
 * under `data`; no body at all gives `{ success: true, statusCode }` (e.g. 202 for a transaction).
 */
export function customCallOutput(answer: AffeliosAnswer): IDataObject | IDataObject[] {
	const { data, statusCode } = answer;
	if (data === undefined) return { success: true, statusCode };
	const asItem = (value: unknown): IDataObject =>
		isRecord(value) ? value : { data: value as IDataObject[keyof IDataObject] };
	return Array.isArray(data) ? data.map(asItem) : asItem(data);
}

/** The endpoints Affelios documents (the update's method is not documented). */
const DOCUMENTED =
	'customer and customer/bulk (POST), customer/{id} (GET, and its update), transaction and transaction/bulk (POST), transaction/{id} (GET)';

/** A 404 or 405 of a custom call is most often a Path (or Method) Affelios does not have. */
function pathAdvice(statusCode: number): string | undefined {
	if (statusCode !== 404 && statusCode !== 405) return undefined;
	return `Check the Path and Method: Affelios documents ${DOCUMENTED} below /api/v1/.`;
}

export const execute = affeliosOperation({
	call(i) {
		const method = readMethod(this.getNodeParameter('method', i));
		const pairs = readPairs(this.getNodeParameter('queryParameters', i, {}));
		const path = readCustomPath(this.getNodeParameter('path', i), pairs);
		const body = WITH_BODY.includes(method)
			? readJsonField(this.getNodeParameter('jsonBody', i, ''), BODY_FIELD)
			: undefined;
		return {
			request: {
				method,
				path,
				body,
				expectJson: 'orEmpty',
				// A call the node does not know may create something: not repeated once it may have
				// reached Affelios. Only GET is known to change nothing.
				creates: method === 'GET' ? undefined : `Custom API Call ${method} (item ${i})`,
				explainStatus: pathAdvice,
			},
			output: customCallOutput,
		};
	},
});
