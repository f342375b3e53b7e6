import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseInteger } from './numbers';

/** Reads the "Options → Include Raw XML" switch that every operation has. */
export function wantsRawXml(context: IExecuteFunctions, itemIndex: number): boolean {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.includeRawXml === true;
}

/** A collection parameter ("Additional Fields", "Filters", "Update Fields") as a plain object. */
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

/**
 * "Return All" / "Limit" of the Get Many operations, read and checked before the request. The API
 * has no paging, so the limit is applied to the full answer: undefined means keep everything.
 */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex) === true) return undefined;
	return parseInteger(context.getNodeParameter('limit', itemIndex), 'Limit', 1);
}
