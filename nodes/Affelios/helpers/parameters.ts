import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

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
