import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** The events the trigger fires; each is a conversion state the API can filter by. */
export type TriggerEvent = 'authorized' | 'invoiced';
export const TRIGGER_EVENTS: TriggerEvent[] = ['authorized', 'invoiced'];

const EVENT_FLAGS: Record<TriggerEvent, number> = { authorized: 1, invoiced: 2 };
const FLAG_SPACE = 4;

/**
 * What the trigger keeps in workflow static data. `seen` maps a conversion key to one number:
 * the conversion's creation minute (for pruning) times 4, plus a bit per event already emitted.
 * One small number per conversion keeps 100,000 tracked conversions to about 2 MB of JSON.
 */
export interface TriggerState {
	v: 1;
	config: string;
	seen: Record<string, number>;
}

export interface TriggerConfig {
	events: TriggerEvent[];
	campaignId: string;
	partnerId: string;
	lookbackDays: number;
}

/** A change of events or filters starts over, like n8n's own triggers do when their source changes. */
export function configHash(config: TriggerConfig): string {
	const canonical = JSON.stringify([
		[...config.events].sort(),
		config.campaignId.trim(),
		config.partnerId.trim(),
		config.lookbackDays,
	]);
	return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function isTriggerState(value: unknown): value is TriggerState {
	const state = value as TriggerState | undefined;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.v === 1 &&
		typeof state.config === 'string' &&
		typeof state.seen === 'object' &&
		state.seen !== null
	);
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
