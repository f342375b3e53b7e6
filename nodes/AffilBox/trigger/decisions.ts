import type { IDataObject } from 'n8n-workflow';

import { entryHas, entryMinute, withEvent, type TriggerEvent, type TriggerState } from './state';

/** One conversion as a poll saw it in the list of one state. */
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
	/** Start of the lookback window in epoch minutes: what the server was asked for. */
	windowStartMinute: number;
	nowMinute: number;
	emitExistingOnFirstRun: boolean;
}

/** Everything planPoll needs but the observations: known before the first answer arrives. */
export type PlanBasis = Omit<PlanInput, 'observations'>;

function isBaseline(basis: PlanBasis): boolean {
	return basis.state === undefined || basis.state.config !== basis.config;
}

function beforeWindow(observation: Observation, windowStartMinute: number): boolean {
	return observation.createdMinute !== undefined && observation.createdMinute < windowStartMinute;
}

/**
 * Whether planPoll may emit this conversion, judged from the stored state alone, as the answer is
 * read: only such conversions need their whole record kept (planPoll then also drops repeats).
 */
export function mayEmit(basis: PlanBasis): (observation: Observation) => boolean {
	if (isBaseline(basis) && !basis.emitExistingOnFirstRun) return () => false;
	const seen = isBaseline(basis) ? {} : basis.state!.seen;
	return (observation) =>
		!beforeWindow(observation, basis.windowStartMinute) &&
		!entryHas(seen[observation.key], observation.event);
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
	const baseline = isBaseline(input);
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
		if (!baseline || input.emitExistingOnFirstRun) emit.push(observation);
	}

	// Entries of conversions created before the window can never be observed again: drop them.
	for (const [key, entry] of Object.entries(seen)) {
		if (entryMinute(entry) < input.windowStartMinute) delete seen[key];
	}

	return { emit, next: { v: 1, config: input.config, seen }, baseline };
}
