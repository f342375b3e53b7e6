import type { IDataObject } from 'n8n-workflow';

import { toAffeliosDate } from './dates';
import { InvalidInputError } from './invalidInput';
import { isSet } from './parameters';
import { parseAmount, parseBoolean, optionalText } from './values';

/** How a UI field becomes an API field: its API name, its label for errors, and its value kind. */
export interface FieldSpec {
	name: string;
	api: string;
	label: string;
	kind: 'text' | 'amount' | 'date' | 'boolean';
	required?: boolean;
}

function convert(value: unknown, spec: FieldSpec, zone: string): IDataObject[string] {
	switch (spec.kind) {
		case 'amount':
			return parseAmount(value, spec.label);
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
