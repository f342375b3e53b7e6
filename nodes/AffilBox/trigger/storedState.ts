import { createHash } from 'crypto';

/**
 * What every AffilBox trigger stores in workflow static data: a format version, the hash of the
 * settings that shaped it (changed settings start a new baseline) and what it has seen.
 */
export interface StoredState<V extends number> {
	v: V;
	config: string;
	seen: Record<string, number>;
}

/** A short, stable hash of a trigger's settings (given in a canonical order). */
export function settingsHash(canonical: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** Whether static data holds a state of this format version. */
export function isStoredState<V extends number>(
	value: unknown,
	version: V,
): value is StoredState<V> {
	const state = value as { v?: unknown; config?: unknown; seen?: unknown } | undefined;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.v === version &&
		typeof state.config === 'string' &&
		typeof state.seen === 'object' &&
		state.seen !== null
	);
}
