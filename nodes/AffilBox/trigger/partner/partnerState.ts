import { isStoredState, settingsHash, type StoredState } from '../storedState';

/**
 * What the partner trigger keeps in workflow static data: `seen` maps each partner it has fired for
 * (or recorded as already there) to its registration minute, kept for pruning. One small number per
 * partner: 100,000 tracked partners are about 2 MB of JSON.
 */
export type PartnerTriggerState = StoredState<1>;

/** What, changed, starts a new baseline: the filter and the window. */
export interface PartnerTriggerConfig {
	onlyAllowed: boolean;
	lookbackDays: number;
}

export function partnerConfigHash(config: PartnerTriggerConfig): string {
	return settingsHash(['partners', config.onlyAllowed, config.lookbackDays]);
}

/** The stored state, if there is one this trigger can read. */
export function partnerTriggerState(value: unknown): PartnerTriggerState | undefined {
	return isStoredState(value, 1) ? value : undefined;
}
