import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/invalidInput';
import { readJsonObject } from '../../../shared/jsonField';
import { nameValuePairsField, readPairs } from '../../../shared/pairsField';
import { optionsCollection } from '../../descriptions/common';
import { affilBoxOperation } from '../../helpers/operation';
import { requireXmlText, xmlSafeText } from '../../helpers/text';
import { mayCreate, type AffilBoxParams } from '../../transport';

const METHOD_FIELD = 'Method';
const PARAMETERS_FIELD = 'Parameters';
const JSON_FIELD = 'Parameters (JSON)';

const properties: INodeProperties[] = [
	{
		displayName: METHOD_FIELD,
		name: 'method',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. GetConversions',
		description:
			'The AffilBox API method to call, as the API documentation names it (names are case-sensitive)',
	},
	nameValuePairsField({
		displayName: PARAMETERS_FIELD,
		name: 'parameters',
		description: "The method's parameters, each sent as an element of the request document",
		addLabel: 'Add Parameter',
		exampleName: 'filter_state',
		exampleValue: 'waiting',
	}),
	{
		displayName: JSON_FIELD,
		name: 'parametersJson',
		type: 'json',
		default: '',
		placeholder: '{"filter_state": "waiting"}',
		description:
			'More parameters as a JSON object of names and texts, numbers or booleans; added to those above',
	},
	{
		displayName:
			'The API key is added by the credential. The answer is output as AffilBox sends it: its records, or its top-level fields; Options → Include Raw XML shows the whole answer.',
		name: 'customMethodNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customCall'], operation: ['customMethod'] } },
	properties,
);

// XML element names without namespaces (no colon), not starting with "xml" (reserved by XML).
const ELEMENT_NAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
// The credential places the key, and the method is its own field.
const PLACED_BY_THE_NODE = new Set(['key', 'method']);

/** A method or parameter name the request document can carry as is, or an error naming `field`. */
export function readElementName(value: unknown, field: string): string {
	const name = requireXmlText(value, field).trim();
	if (!ELEMENT_NAME.test(name) || name.toLowerCase().startsWith('xml')) {
		throw new InvalidInputError(
			field,
			`${field} "${name}" is not a name AffilBox's XML can carry`,
			'Use letters, digits, "_", "-" and "." only, starting with a letter or "_" (not "xml")',
		);
	}
	return name;
}

/** One parameter's name, checked, and refused when the node sets it itself. */
function readParameterName(value: unknown, field: string): string {
	const name = readElementName(value, field);
	if (PLACED_BY_THE_NODE.has(name.toLowerCase())) {
		throw new InvalidInputError(
			field,
			`${field} "${name}" cannot be set here`,
			name.toLowerCase() === 'key'
				? 'The API key is added from the AffilBox credential'
				: 'The method is the Method field',
		);
	}
	return name;
}

function readJsonValue(value: unknown, name: string): string | number | boolean | undefined {
	if (value === null) return undefined;
	if (typeof value === 'string') return xmlSafeText(value, `${JSON_FIELD} → ${name}`);
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	throw new InvalidInputError(
		JSON_FIELD,
		`${JSON_FIELD} → ${name} must be a text, number or boolean, got ${Array.isArray(value) ? 'an array' : 'an object'}`,
		'AffilBox methods take flat parameters',
	);
}

/**
 * The parameters of both fields, checked: names as XML element names (never key or method),
 * values as texts XML can carry; a name given twice is refused rather than one silently winning.
 */
export function readCustomParameters(pairs: unknown, json: unknown): AffilBoxParams {
	const params: AffilBoxParams = {};
	const add = (name: string, value: string | number | boolean | undefined, field: string) => {
		if (Object.prototype.hasOwnProperty.call(params, name)) {
			throw new InvalidInputError(field, `${field}: parameter "${name}" is given twice`);
		}
		params[name] = value;
	};
	readPairs(pairs).forEach((row, index) => {
		const field = `${PARAMETERS_FIELD} → Name ${index + 1}`;
		const name = readParameterName(row.name, field);
		add(name, xmlSafeText(row.value ?? '', `${PARAMETERS_FIELD} → ${name}`), PARAMETERS_FIELD);
	});
	for (const [key, value] of Object.entries(readJsonObject(json, JSON_FIELD) ?? {})) {
		const name = readParameterName(key, `${JSON_FIELD} → name`);
		add(name, readJsonValue(value, name), JSON_FIELD);
	}
	return params;
}

/** A method the node does not know may create something: AffilBox keeps no key to look it up by. */
const NOT_ON_RETRY = {
	message:
		'Custom method not sent: this run retries an execution, and AffilBox cannot tell whether the run before did it',
	description:
		'Check in AffilBox what the run before did; to send the call again, run the workflow anew (not Retry) with that item.',
};

export const execute = affilBoxOperation({
	call(i) {
		const method = readElementName(this.getNodeParameter('method', i), METHOD_FIELD);
		return {
			method,
			params: readCustomParameters(
				this.getNodeParameter('parameters', i, {}),
				this.getNodeParameter('parametersJson', i, ''),
			),
			output: { kind: 'any', mode: 'write' },
			onRetry: mayCreate(method) ? { refuse: NOT_ON_RETRY } : undefined,
		};
	},
});
