import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InvalidInputError } from '../../shared/invalidInput';
import { getLicenceZone } from '../helpers/licence';

/**
 * Runs a reader of a trigger's parameters; a bad value (an InvalidInputError naming the field) is
 * raised as the node's own error, with its hint as the description.
 */
export function readTriggerInput<T>(context: IPollFunctions, read: () => T): T {
	try {
		return read();
	} catch (error) {
		const { message, hint } = error as InvalidInputError;
		throw new NodeOperationError(context.getNode(), message, { description: hint });
	}
}

/** The licence zone, its error raised as the node's own (a trigger has no per-item runner to do it). */
export async function licenceZone(context: IPollFunctions): Promise<string> {
	try {
		return await getLicenceZone(context);
	} catch (error) {
		// Keeps the message; a NodeOperationError (e.g. a missing credential) passes through as it is.
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

/** The Lookback Window (Days) field: a whole number of days ≥ 1, or an error naming the field. */
export function readLookbackDays(context: IPollFunctions, fallback: number): number {
	const lookbackDays = Number(context.getNodeParameter('lookbackDays', fallback));
	if (!Number.isInteger(lookbackDays) || lookbackDays < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`Lookback Window must be a whole number of days ≥ 1, got ${String(lookbackDays)}`,
		);
	}
	return lookbackDays;
}
