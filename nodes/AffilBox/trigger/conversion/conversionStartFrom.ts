import type { IPollFunctions } from 'n8n-workflow';

import {
	planFirstCheck,
	readStartFromParameters,
	startFromOfEmitExisting,
	type StartFrom,
	windowFrom,
	type Window,
} from '../startFrom';

/** The conversion trigger's first version with Start From (before: Emit Existing on First Run). */
export const START_FROM_VERSION = 3;

/**
 * Where the conversion trigger starts, whichever version saved it: versions 1 and 2 read their
 * "Emit Existing on First Run" switch as the Start From it always meant. A bad choice or date
 * fails every poll, naming the field, before any request.
 */
export function readTriggerStartFrom(
	context: IPollFunctions,
	zone: string,
): { startFrom: StartFrom; startDateMinute?: number } {
	if (context.getNode().typeVersion < START_FROM_VERSION) {
		const emitExisting = context.getNodeParameter('emitExistingOnFirstRun', false) === true;
		return { startFrom: startFromOfEmitExisting(emitExisting) };
	}
	return readStartFromParameters(context, zone);
}

/**
 * The window a check asks for, and from when it fires. Start From shapes only a baseline (first
 * check, or events/filters changed); later checks look back the lookback window and fire what is
 * new, whatever Start From says now: changing it does not start over.
 */
export function checkWindow(
	baseline: boolean,
	start: { startFrom: StartFrom; startDateMinute?: number },
	lookback: Window,
): { window: Window; emitFromMinute?: number } {
	if (!baseline) return { window: lookback };
	const first = planFirstCheck(start.startFrom, start.startDateMinute, lookback.startMinute);
	const window =
		first.windowStartMinute === lookback.startMinute
			? lookback
			: windowFrom(first.windowStartMinute, lookback.zone);
	return { window, emitFromMinute: first.emitFromMinute };
}
