import { createHash } from 'crypto';

/**
 * What the partner trigger keeps in workflow static data: `seen` maps each partner it has fired for
 * (or recorded as already there) to its registration minute, kept for pruning. One small number per
 * partner: 100,000 tracked partners are about 2 MB of JSON.
 */
export interface PartnerTriggerState {
	v: 1;
	config: string;
	seen: Record<string, number>;
}

/** What, changed, starts a new baseline: the filter and the window. */
export interface PartnerTriggerConfig {
	onlyAllowed: boolean;
	lookbackDays: number;
}

export function partnerConfigHash(config: PartnerTriggerConfig): string {
	const canonical = JSON.stringify(['partners', config.onlyAllowed, config.lookbackDays]);
	return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function isPartnerTriggerState(value: unknown): value is PartnerTriggerState {
	const state = value as PartnerTriggerState | undefined;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.v === 1 &&
		typeof state.config === 'string' &&
		typeof state.seen === 'object' &&
		state.seen !== null
	);
}
