import type { IDataObject } from 'n8n-workflow';

import { startsBaseline } from '../storedState';
import {
	entryHas,
	entryMinute,
	withEvent,
	type TriggerEvent,
	type TriggerState,
} from './conversionTriggerState';

/** One conversion as a poll saw it, for one event (the list of one state, or the new ones). */
export interface Observation {
	key: string;
	event: TriggerEvent;
	/** Creation minute (epoch minutes); undefined when the date could not be read. */
	createdMinute?: number;
	/** The conversion as sent; kept only for conversions the poll may emit (see mayEmit). */
	record?: IDataObject;
}

export interface PlanInput {
	state: TriggerState | undefined;
	config: string;
	observations: Observation[];
	/**
	 * Start of the window in epoch minutes: what the server was asked for. A baseline may reach
	 * further back than later checks (Start From: since a date older than the lookback window).
	 */
	windowStartMinute: number;
	nowMinute: number;
	/**
	 * What a baseline (first check, or events/filters changed) fires for: conversions created at
	 * or after this minute. Undefined: it fires nothing and only records (Start From: from now on).
	 * Later checks ignore it.
	 */
	emitFromMinute?: number;
}

/** Everything planPoll needs but the observations: known before the first answer arrives. */
export type PlanBasis = Omit<PlanInput, 'observations'>;

function beforeWindow(observation: Observation, windowStartMinute: number): boolean {
	return observation.createdMinute !== undefined && observation.createdMinute < windowStartMinute;
}

/**
 * Whether a baseline fires for this conversion. One whose date cannot be read counts as created
 * where the server's own date filter put it: at the window's start.
 */
function firesOnBaseline(observation: Observation, basis: PlanBasis): boolean {
	if (basis.emitFromMinute === undefined) return false;
	const created = observation.createdMinute ?? basis.windowStartMinute;
	return created >= basis.emitFromMinute;
}

/**
 * Whether planPoll may emit this conversion, judged from the stored state alone, as the answer is
 * read: only such conversions need their whole record kept (planPoll then also drops repeats).
 */
export function mayEmit(basis: PlanBasis): (observation: Observation) => boolean {
	const baseline = startsBaseline(basis.state, basis.config);
	if (baseline && basis.emitFromMinute === undefined) return () => false;
	const seen = baseline ? {} : basis.state!.seen;
	return (observation) =>
		!beforeWindow(observation, basis.windowStartMinute) &&
		!entryHas(seen[observation.key], observation.event) &&
		(!baseline || firesOnBaseline(observation, basis));
}

export interface Plan {
	emit: Observation[];
	next: TriggerState;
	/** True when this poll started a new state (first run, or events/filters changed). */
	baseline: boolean;
}

/**
 * Decides what a poll emits and what it stores, from the stored state and what the server
 * answered. Pure and deterministic: a poll whose stored result was lost reaches the same decisions
 * again from the older state, so nothing is missed and nothing repeats.
 */
export function planPoll(input: PlanInput): Plan {
	const baseline = startsBaseline(input.state, input.config);
	const seen: Record<string, number> = baseline ? {} : { ...input.state!.seen };
	const emit: Observation[] = [];

	for (const observation of input.observations) {
		// Older than the window: the server should not have sent it; ignoring it keeps pruning safe.
		if (beforeWindow(observation, input.windowStartMinute)) continue;
		const entry = seen[observation.key];
		if (entryHas(entry, observation.event)) continue;
		seen[observation.key] = withEvent(
			entry,
			observation.event,
			observation.createdMinute ?? input.nowMinute,
		);
		if (!baseline || firesOnBaseline(observation, input)) emit.push(observation);
	}

	// Entries of conversions created before the window can never be observed again: drop them.
	for (const [key, entry] of Object.entries(seen)) {
		if (entryMinute(entry) < input.windowStartMinute) delete seen[key];
	}

	return { emit, next: { v: 2, config: input.config, seen }, baseline };
}
