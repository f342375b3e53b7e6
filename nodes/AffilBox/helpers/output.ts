import type { IDataObject } from 'n8n-workflow';

import type { AffilBoxCallResult, AffilBoxRecordKind } from '../transport';

function withRaw(
	record: IDataObject,
	result: AffilBoxCallResult,
	includeRawXml: boolean,
): IDataObject {
	return includeRawXml ? { ...record, rawXml: result.rawXml } : record;
}

/** One output item per record of the kind, fields as the server sent them. */
export function recordsOf(
	result: AffilBoxCallResult,
	kind: AffilBoxRecordKind,
	includeRawXml: boolean,
): IDataObject[] {
	return result.answer.records[kind].map((record) => withRaw(record, result, includeRawXml));
}

/**
 * Writes answer with the record they touched when the server sends one; otherwise the answer's
 * top-level fields (e.g. status, message), so the item still shows what the server said.
 */
export function writeResultOf(
	result: AffilBoxCallResult,
	kind: AffilBoxRecordKind,
	includeRawXml: boolean,
): IDataObject[] {
	const records = recordsOf(result, kind, includeRawXml);
	if (records.length > 0) return records;
	return [withRaw({ success: true, ...result.answer.fields }, result, includeRawXml)];
}
