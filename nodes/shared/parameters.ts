import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from './invalidInput';

/** A collection parameter ("Additional Fields", "Update Fields", "Options") as a plain object. */
export function getCollection(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject {
	return context.getNodeParameter(name, itemIndex, {}) as IDataObject;
}

/** Collection entries left blank in the UI are not sent at all. */
export function isSet(value: unknown): boolean {
	return (
		value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
	);
}

/** Required text: whitespace-only counts as missing; the value itself is sent unchanged. */
export function requireText(value: unknown, field: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	if (text.trim() === '') throw new InvalidInputError(field, `${field} is required`);
	return text;
}
