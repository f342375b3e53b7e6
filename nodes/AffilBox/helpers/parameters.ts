import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

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

/** "Return All" / "Limit" of the Get Many operations; the API has no paging, so the limit is applied here. */
export function limitToSettings<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	records: T[],
): T[] {
	if (context.getNodeParameter('returnAll', itemIndex) === true) return records;
	const limit = context.getNodeParameter('limit', itemIndex) as number;
	return records.slice(0, Math.max(0, limit));
}
