import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../../shared/invalidInput';
import { readStartFrom, startFromOfEmitExisting, type StartFrom } from './startFrom';

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
	try {
		return readStartFrom(
			context.getNodeParameter('startFrom', 'now'),
			context.getNodeParameter('startDate', ''),
			zone,
		);
	} catch (error) {
		const { message, hint } = error as InvalidInputError;
		throw new NodeOperationError(context.getNode(), message, { description: hint });
	}
}
