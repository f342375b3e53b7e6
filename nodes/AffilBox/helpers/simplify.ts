import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getLicenceZone } from './licence';

type Records = (records: IDataObject[]) => IDataObject[];

const asSent: Records = (records) => records;

/**
 * The Simplify switch of version 2 (on by default there; version 1 has no such field, so its output
 * stays exactly as AffilBox sent it). Returns, per item, what to do with the item's records: map each
 * with `simplify` in the licence's time zone (read once per run), or keep them as they are.
 */
export function simplifierFor(
	context: IExecuteFunctions,
	simplify: (record: IDataObject, zone: string) => IDataObject,
): (itemIndex: number) => Promise<Records> {
	let zone: Promise<string> | undefined;
	return async (itemIndex) => {
		if (context.getNodeParameter('simplify', itemIndex, false) !== true) return asSent;
		zone ??= getLicenceZone(context);
		const licenceZone = await zone;
		return (records) => records.map((record) => simplify(record, licenceZone));
	};
}
