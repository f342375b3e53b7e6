import type { IDataObject } from 'n8n-workflow';

import { isStoredState, settingsHash, type StoredState } from '../storedState';

/**
 * The events the trigger fires: a new conversion (whatever its state), or a conversion reaching one
 * of the states the API filters by. The order is the order of the calls and of what a poll emits.
 */
export type TriggerEvent = 'created' | 'authorized' | 'invoiced' | 'rejected';
export const TRIGGER_EVENTS: TriggerEvent[] = ['created', 'authorized', 'invoiced', 'rejected'];

/** The events that are a conversion state, with the `filter_state` value the API knows them by. */
export type StateEvent = Exclude<TriggerEvent, 'created'>;
export const EVENT_STATE: Record<StateEvent, string> = {
	authorized: 'authorized',
	invoiced: 'invoiced',
	rejected: 'rejection',
};

export function isStateEvent(event: TriggerEvent): event is StateEvent {
	return event !== 'created';
}

// Authorized and invoiced keep the bits they had in state version 1, so migrating is a shift.
const EVENT_FLAGS: Record<TriggerEvent, number> = {
	authorized: 1,
	invoiced: 2,
	rejected: 4,
	created: 8,
};
const FLAG_SPACE = 16;
/** State version 1 (authorized and invoiced only) kept 2 bits per conversion. */
const V1_FLAG_SPACE = 4;

/**
 * What the trigger keeps in workflow static data. `seen` maps a conversion key to one number:
 * the conversion's creation minute (for pruning) times 16, plus a bit per event already emitted.
 * One small number per conversion keeps 100,000 tracked conversions to about 2 MB of JSON.
 */
export type TriggerState = StoredState<2>;

export interface TriggerConfig {
	events: TriggerEvent[];
	campaignId: string;
	partnerId: string;
	lookbackDays: number;
}

/** A change of events or filters starts over, like n8n's own triggers do when their source changes. */
export function configHash(config: TriggerConfig): string {
	return settingsHash([
		[...config.events].sort(),
		config.campaignId.trim(),
		config.partnerId.trim(),
		config.lookbackDays,
	]);
}

/**
 * The stored state, if there is one this trigger can read. State version 1 (written before the
 * Created and Rejected events) is moved to 16 flags per entry as it is read; its config hash is
 * kept, so a workflow that watched authorized/invoiced goes on where it was. Only what a poll
 * writes replaces it, so a lost write reads the same version-1 state, and migrates it, again.
 */
export function readTriggerState(value: unknown): TriggerState | undefined {
	if (isStoredState(value, 2)) return value as TriggerState;
	if (!isStoredState(value, 1)) return undefined;
	const old = value as { config: string; seen: Record<string, unknown> };
	const seen: Record<string, number> = {};
	for (const [key, entry] of Object.entries(old.seen)) {
		if (typeof entry !== 'number' || !Number.isFinite(entry)) continue;
		seen[key] = encodeEntry(Math.floor(entry / V1_FLAG_SPACE), entry % V1_FLAG_SPACE);
	}
	return { v: 2, config: old.config, seen };
}

export function encodeEntry(createdMinute: number, flags: number): number {
	return createdMinute * FLAG_SPACE + flags;
}

export function entryMinute(entry: number): number {
	return Math.floor(entry / FLAG_SPACE);
}

export function entryHas(entry: number | undefined, event: TriggerEvent): boolean {
	return entry !== undefined && (entry % FLAG_SPACE & EVENT_FLAGS[event]) !== 0;
}

export function withEvent(
	entry: number | undefined,
	event: TriggerEvent,
	createdMinute: number,
): number {
	const flags = entry === undefined ? 0 : entry % FLAG_SPACE;
	const minute = entry === undefined ? createdMinute : entryMinute(entry);
	return encodeEntry(minute, flags | EVENT_FLAGS[event]);
}

/**
 * Identifies a conversion across polls: AffilBox's own id when the answer has one, otherwise your
 * transaction id within its campaign (the same transaction id may exist in several campaigns).
 */
export function conversionKey(record: IDataObject): string | undefined {
	const id = record.id;
	if ((typeof id === 'string' && id.trim() !== '') || typeof id === 'number')
		return String(id).trim();
	const transactionId = record.transactionId ?? record.conversion_id;
	if (typeof transactionId !== 'string' || transactionId === '') return undefined;
	return `t:${String(record.campaignId ?? '')}:${transactionId}`;
}
