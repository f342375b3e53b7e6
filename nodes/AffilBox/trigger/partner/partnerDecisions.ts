import type { IDataObject } from 'n8n-workflow';

import type { FirstCheck } from '../startFrom';
import { isStoredState, settingsHash, startsBaseline, type StoredState } from '../storedState';

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

/** One partner as a poll saw it. */
export interface PartnerObservation {
	key: string;
	/** Registration minute (epoch minutes); undefined when the date could not be read. */
	registeredMinute?: number;
	allowed: boolean;
	/** The partner as sent; kept only for partners the poll may fire for (see mayFire). */
	record?: IDataObject;
}

/** Everything a poll's decisions rest on but the answer: known before the first partner arrives. */
export interface PartnerBasis {
	state: PartnerTriggerState | undefined;
	config: string;
	onlyAllowed: boolean;
	/** Start of the lookback window (epoch minutes), where every check but a baseline starts. */
	lookbackStartMinute: number;
	nowMinute: number;
	/** What a baseline (first check, or one after the filter or window changed) does: Start From. */
	first: FirstCheck;
}

/** Where this check's window starts: a baseline may reach further back ("since a date"). */
export function checkWindowStart(basis: PartnerBasis): number {
	return startsBaseline(basis.state, basis.config)
		? basis.first.windowStartMinute
		: basis.lookbackStartMinute;
}

/** Own keys only: a key such as `constructor` must not match what every object inherits. */
function tracked(seen: Record<string, number>, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(seen, key);
}

/** An undated partner counts as registered now: it is new when first seen, and pruned in time. */
function minuteOf(observation: PartnerObservation, basis: PartnerBasis): number {
	return observation.registeredMinute ?? basis.nowMinute;
}

/**
 * The judgement both functions below share, for one partner not yet in `seen`: undefined when the
 * partner is not tracked at all (outside the window, or not allowed while the filter is on: it fires
 * once it is allowed), else whether it fires (false: recorded as already there, by a baseline).
 */
function judge(
	observation: PartnerObservation,
	basis: PartnerBasis,
	windowStart: number,
): boolean | undefined {
	const minute = minuteOf(observation, basis);
	if (minute < windowStart) return undefined;
	if (basis.onlyAllowed && !observation.allowed) return undefined;
	if (!startsBaseline(basis.state, basis.config)) return true;
	const from = basis.first.emitFromMinute;
	return from !== undefined && minute >= from;
}

/**
 * Whether planPartnerPoll may fire for this partner, judged from the stored state alone, while the
 * answer is read: only those partners keep their whole record.
 */
export function mayFire(basis: PartnerBasis): (observation: PartnerObservation) => boolean {
	const windowStart = checkWindowStart(basis);
	const seen = startsBaseline(basis.state, basis.config) ? {} : basis.state!.seen;
	return (observation) =>
		!tracked(seen, observation.key) && judge(observation, basis, windowStart) === true;
}

export interface PartnerPlan {
	fire: PartnerObservation[];
	next: PartnerTriggerState;
	baseline: boolean;
}

/**
 * Decides what a poll fires for and what it stores, from the stored state and the answer. Pure and
 * deterministic, and nothing but firing changes what a later poll decides (a partner is added to
 * `seen` only when it fires, or by a baseline): a poll whose write was lost is simply made again.
 */
export function planPartnerPoll(
	basis: PartnerBasis,
	observations: PartnerObservation[],
): PartnerPlan {
	const baseline = startsBaseline(basis.state, basis.config);
	const windowStart = checkWindowStart(basis);
	const seen: Record<string, number> = baseline ? {} : { ...basis.state!.seen };
	const fire: PartnerObservation[] = [];
	for (const observation of observations) {
		if (tracked(seen, observation.key)) continue;
		const fires = judge(observation, basis, windowStart);
		if (fires === undefined) continue;
		seen[observation.key] = minuteOf(observation, basis);
		if (fires) fire.push(observation);
	}
	// Partners registered before the lookback window are never asked for again: forget them.
	for (const [key, minute] of Object.entries(seen)) {
		if (minute < basis.lookbackStartMinute) delete seen[key];
	}
	return { fire, next: { v: 1, config: basis.config, seen }, baseline };
}
