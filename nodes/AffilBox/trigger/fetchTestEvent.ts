import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * "Fetch Test Event" of both triggers: which record it shows (the newest), and what it says when it
 * finds nothing to show, in each trigger's own words (pollConversions.ts, pollPartners.ts): what it
 * looked for, where it looked (the Lookback Window counts from creation or registration), and what
 * to change. n8n shows the error in the editor; returning nothing would leave only its generic
 * "No trigger output".
 */

export function daysText(count: number): string {
	return count === 1 ? 'day' : `${count} days`;
}

export function listedWithOr(words: string[]): string {
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The error "Fetch Test Event" shows for what a finder said. */
export function nothingToFetch(
	node: INode,
	found: { message: string; description: string },
): NodeOperationError {
	return new NodeOperationError(node, found.message, {
		description: found.description,
		level: 'warning',
	});
}

/** Reads the minute (of creation or registration) "Fetch Test Event" compares by. */
export type MinuteOf<T> = (observation: T) => number | undefined;

/** Whether `observation` is newer than `than` (none yet: yes); an unreadable minute is the oldest. */
export function isNewer<T>(observation: T, than: T | undefined, minuteOf: MinuteOf<T>): boolean {
	return !than || (minuteOf(observation) ?? -Infinity) > (minuteOf(than) ?? -Infinity);
}

/**
 * "Fetch Test Event" reads a whole answer but shows only its newest record: per answer read, this
 * says which observations keep their record, dropping the previous newest one's whenever a newer
 * one comes in, so at most one whole record is held at a time. Only `eligible` ones compete.
 */
export function newestRecordOnly<T extends { record?: IDataObject }>(
	minuteOf: MinuteOf<T>,
	eligible: (observation: T) => boolean = () => true,
): () => (observation: T) => boolean {
	return () => {
		let newest: T | undefined;
		return (observation) => {
			if (!eligible(observation) || !isNewer(observation, newest, minuteOf)) return false;
			if (newest) delete newest.record;
			newest = observation;
			return true;
		};
	};
}
