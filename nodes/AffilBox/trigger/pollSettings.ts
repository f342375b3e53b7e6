import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readTimeoutMs, timeoutOption, type TimeoutLimits } from '../../shared/callOptions';
import type { InvalidInputError } from '../../shared/invalidInput';
import { readWholeNumber } from '../../shared/numbers';
import { getLicenceZone } from '../helpers/licence';

/** What both triggers read from their parameters the same way: input errors, zone, window, Options. */

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
export async function licenceZone(
	context: IPollFunctions,
	credentialType?: string,
): Promise<string> {
	try {
		return await getLicenceZone(context, credentialType);
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

/**
 * Seconds each answer of a check may take, the whole transfer included: one answer holds the whole
 * lookback window (100,000 conversions are about 46 MB, tens of seconds on a slow link).
 */
export const TRIGGER_TIMEOUT: TimeoutLimits = { default: 120, min: 1, max: 600 };

/**
 * n8n's `N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS` (n8n 2.x; 120 by default): n8n gives the
 * activation of a workflow 0.7 of it, the check it runs then included. n8n does not tell a poll,
 * so the trigger is told here.
 */
export const PUBLICATION_LEASE = { default: 120, min: 10, max: 86_400 } as const;

export interface TriggerOptions {
	timeoutMs: number;
	publicationLeaseSeconds: number;
}

const defaultLease = PUBLICATION_LEASE.default;

/** The triggers' Options: every version has them; left empty, a saved trigger behaves as before. */
export const triggerOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description: 'How long AffilBox may take to answer, and how long n8n gives an activation',
	options: [
		{
			displayName: 'Publication Lease (Seconds)',
			name: 'publicationLease',
			type: 'number',
			typeOptions: {
				minValue: PUBLICATION_LEASE.min,
				maxValue: PUBLICATION_LEASE.max,
				numberPrecision: 0,
			},
			default: defaultLease,
			description:
				"Set it to your n8n's N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS if you changed that (120 by default). n8n 2.x gives activating a workflow 0.7 of it, this trigger's check at activation included; the check stops in time to say why it could not finish, instead of n8n's \"exceeded its deadline\".",
		},
		timeoutOption(
			TRIGGER_TIMEOUT,
			`Seconds each answer of AffilBox may take, the whole transfer included (${TRIGGER_TIMEOUT.min} to ${TRIGGER_TIMEOUT.max}). One answer holds everything the lookback window holds.`,
		),
	],
};

/** The Options as set; a bad value fails every check, naming the option, before any request. */
export function readTriggerOptions(context: IPollFunctions): TriggerOptions {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return readTriggerInput(context, () => ({
		timeoutMs: readTimeoutMs(options.timeout, TRIGGER_TIMEOUT),
		publicationLeaseSeconds:
			options.publicationLease === undefined
				? PUBLICATION_LEASE.default
				: readWholeNumber(options.publicationLease, 'Publication Lease', PUBLICATION_LEASE),
	}));
}
