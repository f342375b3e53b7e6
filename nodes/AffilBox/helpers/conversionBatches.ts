import { InvalidInputError } from '../../shared/invalidInput';

/**
 * Conversion → Change Many's pure parts: the conversion IDs an item gives, and how the entries of
 * all items are cut into batches that can share one conversions/change call.
 */

/**
 * AffilBox's internal conversion IDs (the `id` of API v2's conversions/list, whole numbers): one,
 * a list, or text with several separated by commas, semicolons, spaces or new lines.
 */
export function readConversionIds(value: unknown, field: string): string[] {
	const parts = (Array.isArray(value) ? value : [value]).flatMap((entry) =>
		typeof entry === 'number'
			? [String(entry)]
			: typeof entry === 'string'
				? entry.split(/[\s,;]+/)
				: [entry],
	);
	const ids: string[] = [];
	for (const part of parts) {
		if (part === '' || part === undefined || part === null) continue;
		const text = String(part).trim();
		if (!/^\d+$/.test(text)) {
			throw new InvalidInputError(
				field,
				`${field}: "${typeof part === 'object' ? JSON.stringify(part) : text}" is not an AffilBox conversion ID`,
				'Use the internal ID of a conversion (the id field of API v2, a whole number such as 5120), not your transaction ID. Several IDs: a list, or text separated by commas.',
			);
		}
		ids.push(text);
	}
	if (ids.length === 0) throw new InvalidInputError(field, `${field} is required`);
	return ids;
}

/** One conversion ID of one input item. */
export interface ConversionEntry {
	itemIndex: number;
	conversionId: string;
}

/** A call's worth of entries: they share `key` (the same values to set). */
export interface ConversionBatch {
	key: string;
	entries: ConversionEntry[];
	/** The distinct IDs of the entries, in first-seen order: what the call sends. */
	ids: string[];
	/** 1-based, as error items show it. */
	batch: number;
}

/**
 * Entries grouped by what they set (items whose fields differ cannot share a call), each group in
 * input order and cut into batches of at most `size` distinct IDs.
 */
export function conversionBatches(
	items: Array<{ itemIndex: number; key: string; ids: string[] }>,
	size: number,
): ConversionBatch[] {
	const groups = new Map<string, ConversionEntry[]>();
	for (const { itemIndex, key, ids } of items) {
		const group = groups.get(key) ?? [];
		for (const conversionId of ids) group.push({ itemIndex, conversionId });
		groups.set(key, group);
	}
	const batches: ConversionBatch[] = [];
	for (const [key, entries] of groups) {
		let current: ConversionBatch | undefined;
		for (const entry of entries) {
			if (
				current === undefined ||
				(!current.ids.includes(entry.conversionId) && current.ids.length >= size)
			) {
				current = { key, entries: [], ids: [], batch: batches.length + 1 };
				batches.push(current);
			}
			current.entries.push(entry);
			if (!current.ids.includes(entry.conversionId)) current.ids.push(entry.conversionId);
		}
	}
	return batches;
}
