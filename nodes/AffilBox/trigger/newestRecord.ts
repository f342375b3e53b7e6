import type { IDataObject } from 'n8n-workflow';

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
