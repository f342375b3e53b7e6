import { createHash } from 'crypto';

/**
 * What every AffilBox trigger stores in workflow static data: a format version, the hash of the
 * settings that shaped it (changed settings start a new baseline) and what it has seen; since the
 * state is kept twice (stateStore.ts), also which write it is and whether that check fired.
 * States written before then lack the last two, and read as write 0.
 */
export interface StoredState<V extends number> {
	v: V;
	config: string;
	seen: Record<string, number>;
	/** The write's number: one more than the newest state the check read. */
	n?: number;
	/** Whether the check that wrote it returned items. */
	fired?: boolean;
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

/**
 * Whether a check with this stored state and these settings (their hash, see settingsHash) is a
 * baseline: the first one, or the first after the settings changed. It starts over.
 */
export function startsBaseline(state: { config: string } | undefined, config: string): boolean {
	return state === undefined || state.config !== config;
}
