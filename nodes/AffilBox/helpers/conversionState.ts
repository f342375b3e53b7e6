import { oneOf } from './text';

export const CONVERSION_STATES = ['authorized', 'invoiced', 'rejection', 'waiting'] as const;
export type ConversionState = (typeof CONVERSION_STATES)[number];
export const CONVERSION_STATE_HINT = 'A rejected conversion has the state "rejection".';

/** Version 1's State: whatever it holds must be one of AffilBox's four states (never a default). */
export function requireConversionState(value: unknown, field: string): ConversionState {
	return oneOf(value, CONVERSION_STATES, field, CONVERSION_STATE_HINT);
}

/**
 * A State field of version 2: empty means "not given" (nothing is preselected), anything else must
 * be one of AffilBox's four states. `rejected` is accepted for `rejection`, the word the UI shows.
 */
export function readConversionState(value: unknown, field: string): ConversionState | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim().toLowerCase();
	if (text === '') return undefined;
	return requireConversionState(text === 'rejected' ? 'rejection' : text, field);
}
