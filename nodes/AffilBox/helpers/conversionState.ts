import { oneOfChoices, type LabelledChoice } from './text';

export type ConversionState = 'authorized' | 'invoiced' | 'rejection' | 'waiting';

/** AffilBox's four states: the State choice's options, as the editor labels them and AffilBox names them. */
export const CONVERSION_STATE_CHOICES: Array<LabelledChoice<ConversionState>> = [
	{ name: 'Authorized', value: 'authorized' },
	{ name: 'Invoiced', value: 'invoiced' },
	{ name: 'Rejected', value: 'rejection' },
	{ name: 'Waiting', value: 'waiting' },
];
export const CONVERSION_STATE_HINT = 'A rejected conversion has the state "rejection".';

/**
 * Version 1's State: whatever it holds must be one of AffilBox's four states (never a default),
 * typed as AffilBox names it or as the editor labels it (`Rejected`, `rejected`: `rejection`).
 */
export function requireConversionState(value: unknown, field: string): ConversionState {
	return oneOfChoices(value, CONVERSION_STATE_CHOICES, field, CONVERSION_STATE_HINT);
}

/**
 * A State field of version 2 and later: empty means "not given" (nothing is preselected), anything
 * else is read as version 1's.
 */
export function readConversionState(value: unknown, field: string): ConversionState | undefined {
	if (value === undefined || value === null) return undefined;
	if (String(value).trim() === '') return undefined;
	return requireConversionState(value, field);
}
