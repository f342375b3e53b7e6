import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** One row of a name/value list, as n8n hands it over (either may be missing or of any type). */
export interface NameValuePair {
	name?: unknown;
	value?: unknown;
}

/**
 * A list of name/value rows the user adds one by one ("Add Parameter"): the parameters of a custom
 * call. Its value is `{ parameter: [{ name, value }, …] }`; `readPairs` reads it.
 */
export function nameValuePairsField(field: {
	displayName: string;
	name: string;
	description: string;
	addLabel: string;
	/** Shown in the empty fields, as `e.g. …`. */
	exampleName?: string;
	exampleValue?: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: field.addLabel,
		default: {},
		description: field.description,
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: field.exampleName && `e.g. ${field.exampleName}`,
						description: 'The parameter as the API documentation names it',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: field.exampleValue && `e.g. ${field.exampleValue}`,
						description: 'The value, sent as text',
					},
				],
			},
		],
	};
}

/** The rows of a `nameValuePairsField` (none when it is empty or not set). */
export function readPairs(value: unknown): NameValuePair[] {
	const rows = (value as IDataObject | undefined)?.parameter;
	return Array.isArray(rows) ? (rows as NameValuePair[]) : [];
}
