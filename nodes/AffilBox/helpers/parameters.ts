import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readWholeNumber } from '../../shared/numbers';

/** Reads the "Options → Include Raw XML" switch that every operation has. */
export function wantsRawXml(context: IExecuteFunctions, itemIndex: number): boolean {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.includeRawXml === true;
}

/**
 * "Return All" / "Limit" of the Get Many operations, read and checked before the request. The API
 * has no paging, so the limit is applied to the full answer: undefined means keep everything.
 */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex) === true) return undefined;
	return readWholeNumber(context.getNodeParameter('limit', itemIndex), 'Limit', { min: 1 });
}
