import type { IDataObject } from 'n8n-workflow';

/**
 * The body of a PUT: the customer as Affelios sent it, with the changes on top, so a full replace
 * keeps every field the user did not touch. Affelios reports `brandId` and `clickId` inside
 * `tracking`, while the write body names them at the top level: they are lifted there too.
 */
export function mergeForPut(current: IDataObject, changes: IDataObject): IDataObject {
	const merged: IDataObject = { ...current };
	const tracking = current.tracking as IDataObject | undefined | null;
	for (const name of ['brandId', 'clickId']) {
		const tracked = tracking?.[name];
		if (merged[name] === undefined && tracked !== undefined && tracked !== null) {
			merged[name] = tracked;
		}
	}
	return { ...merged, ...changes };
}
