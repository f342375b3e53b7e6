import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidInputError } from '../../shared/invalidInput';
import { isSet } from '../../shared/parameters';
import { toAffeliosDate } from './dates';
import { optionalText, readAffeliosAmount, parseBoolean } from './values';

/** How a UI field becomes an API field: its API name, its label for errors, and its value kind. */
export interface FieldSpec {
	name: string;
	api: string;
	label: string;
	kind: 'text' | 'amount' | 'date' | 'boolean';
	required?: boolean;
}

const KIND_BY_TYPE: Partial<Record<INodeProperties['type'], FieldSpec['kind']>> = {
	string: 'text',
	number: 'amount',
	dateTime: 'date',
	boolean: 'boolean',
};

/**
 * The mapping of UI fields, read off their descriptions, so that each field's name, label, kind
 * and whether it is required are stated once. `apiNames` gives the API name where it differs from
 * the field's name (e.g. countryCode → country_code).
 */
export function fieldSpecs(
	properties: INodeProperties[],
	apiNames: Record<string, string> = {},
): FieldSpec[] {
	return properties.map((property) => {
		const kind = KIND_BY_TYPE[property.type];
		if (kind === undefined) {
			throw new Error(
				`fieldSpecs: ${property.name} has type ${property.type}, which maps to no value`,
			);
		}
		const spec: FieldSpec = {
			name: property.name,
			api: apiNames[property.name] ?? property.name,
			label: property.displayName,
			kind,
		};
		if (property.required === true) spec.required = true;
		return spec;
	});
}

function convert(value: unknown, spec: FieldSpec, zone: string): IDataObject[string] {
	switch (spec.kind) {
		case 'amount':
			return readAffeliosAmount(value, spec.label);
		case 'date':
			return toAffeliosDate(value, zone, spec.label);
		case 'boolean':
			return parseBoolean(value, spec.label);
		case 'text':
			return optionalText(value);
	}
}

/** The API body for the fields that were filled in; blank ones are left out, bad ones name themselves. */
export function mapFields(values: IDataObject, specs: FieldSpec[], zone: string): IDataObject {
	const body: IDataObject = {};
	for (const spec of specs) {
		const value = values[spec.name];
		// A switch that was added and left off is a real `false`; blank text is "not given".
		const given = spec.kind === 'boolean' ? value !== undefined && value !== '' : isSet(value);
		if (given) body[spec.api] = convert(value, spec, zone);
		else if (spec.required) throw new InvalidInputError(spec.label, `${spec.label} is required`);
	}
	return body;
}
