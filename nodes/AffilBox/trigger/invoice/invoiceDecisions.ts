import type { IDataObject } from 'n8n-workflow';

import type { FirstCheck } from '../startFrom';
import { isStoredState, settingsHash, startsBaseline, type StoredState } from '../storedState';

/**
 * The events of the invoice trigger: an invoice AffilBox lists for the first time, and an invoice
 * AffilBox marks paid. The order is the order of what a check emits.
 */
export type InvoiceEvent = 'new' | 'paid';
export const INVOICE_EVENTS: InvoiceEvent[] = ['new', 'paid'];

/** The event's name in each item (`event`), as the editor shows the choice. */
export const INVOICE_EVENT_NAMES: Record<InvoiceEvent, string> = {
	new: 'New Invoice',
	paid: 'Invoice Paid',
};

const FLAGS: Record<InvoiceEvent, number> = { new: 1, paid: 2 };
/** The invoice's creation date could not be read: its minute is when it was first seen, kept for good. */
const UNDATED = 4;
const FLAG_SPACE = 8;

/**
 * What the invoice trigger keeps in workflow static data: `seen` maps each invoice id to one
 * number, its creation minute (for pruning) times 8 plus a bit per event already fired (or
 * recorded as already there by a baseline), and one for "undated". About 40 bytes per invoice.
 */
export type InvoiceTriggerState = StoredState<1>;

/** What, changed, starts a new baseline: the events, the filter and the window. */
export interface InvoiceTriggerConfig {
	events: InvoiceEvent[];
	onlyUnpaid: boolean;
	lookbackDays: number;
}

export function invoiceConfigHash(config: InvoiceTriggerConfig): string {
	return settingsHash([
		'invoices',
		[...config.events].sort(),
		config.events.includes('new') && config.onlyUnpaid,
		config.lookbackDays,
	]);
}

/** The stored state, if there is one this trigger can read. */
export function invoiceTriggerState(value: unknown): InvoiceTriggerState | undefined {
	return isStoredState(value, 1) ? value : undefined;
}

/** One invoice as a check saw it. */
export interface InvoiceObservation {
	/** AffilBox's invoice id: the invoice's identity across checks. */
	key: string;
	/** Creation minute (epoch minutes); undefined when `created` could not be read. */
	createdMinute?: number;
	/** Only a clear yes from AffilBox counts as paid: the trigger never fires "paid" on a guess. */
	paid: boolean;
	/** The invoice as the reader gives it (records.ts readInvoice). */
	record: IDataObject;
}

/** Everything a check's decisions rest on but the answer. */
export interface InvoiceBasis {
	state: InvoiceTriggerState | undefined;
	config: string;
	events: InvoiceEvent[];
	onlyUnpaid: boolean;
	/** Start of the lookback window (epoch minutes): invoices created before it are left alone. */
	lookbackStartMinute: number;
	nowMinute: number;
	/** What a baseline (first check, or one after the settings changed) does: Start From. */
	first: FirstCheck;
}

export interface InvoiceFire {
	event: InvoiceEvent;
	invoice: InvoiceObservation;
}

export interface InvoicePlan {
	fire: InvoiceFire[];
	next: InvoiceTriggerState;
	baseline: boolean;
}

function has(entry: number | undefined, event: InvoiceEvent): boolean {
	return entry !== undefined && (entry % FLAG_SPACE & FLAGS[event]) !== 0;
}

function withFlag(
	entry: number | undefined,
	flag: number,
	minute: number,
	undated: boolean,
): number {
	if (entry !== undefined) return entry - (entry % FLAG_SPACE) + (entry % FLAG_SPACE | flag);
	return minute * FLAG_SPACE + (flag | (undated ? UNDATED : 0));
}

/** Own keys only: an id such as `constructor` must not match what every object inherits. */
function entryOf(seen: Record<string, number>, key: string): number | undefined {
	return Object.prototype.hasOwnProperty.call(seen, key) ? seen[key] : undefined;
}

/** Whether the event applies to the invoice as seen now (fired or, by a baseline, recorded). */
function applies(event: InvoiceEvent, invoice: InvoiceObservation): boolean {
	return event === 'new' || invoice.paid;
}

/** Whether the event, applying, fires (rather than being recorded as done without firing). */
function fires(
	event: InvoiceEvent,
	invoice: InvoiceObservation,
	basis: InvoiceBasis,
	baseline: boolean,
	minute: number,
): boolean {
	// Only Unpaid: an invoice first seen already paid is recorded as known, never announced as new.
	if (event === 'new' && basis.onlyUnpaid && invoice.paid) return false;
	if (!baseline) return true;
	const from = basis.first.emitFromMinute;
	return from !== undefined && minute >= from;
}

/**
 * The step of the invoice trigger: what a check fires and what it stores, from the stored state
 * and the invoices AffilBox listed. Pure and deterministic, and nothing but firing (or a
 * baseline) changes what a later check decides: a check whose write n8n lost is simply made again
 * from the older state, with the same result.
 *
 * Per invoice, inside the window: "new" once, when first listed (with Only Unpaid, only if it is
 * unpaid then); "paid" once, when listed as paid, whether it was seen unpaid before or appears
 * already paid. A baseline records what is there and fires only what Start From asks for.
 */
export function planInvoicePoll(
	basis: InvoiceBasis,
	observations: InvoiceObservation[],
): InvoicePlan {
	const baseline = startsBaseline(basis.state, basis.config);
	const windowStart = baseline ? basis.first.windowStartMinute : basis.lookbackStartMinute;
	const seen: Record<string, number> = baseline ? {} : { ...basis.state!.seen };
	const fire: InvoiceFire[] = [];
	for (const event of INVOICE_EVENTS) {
		if (!basis.events.includes(event)) continue;
		for (const invoice of observations) {
			const minute = invoice.createdMinute ?? basis.nowMinute;
			if (minute < windowStart) continue;
			const entry = entryOf(seen, invoice.key);
			// An id listed twice in one answer has its flag from the first: it fires once.
			if (has(entry, event) || !applies(event, invoice)) continue;
			seen[invoice.key] = withFlag(
				entry,
				FLAGS[event],
				minute,
				invoice.createdMinute === undefined,
			);
			if (fires(event, invoice, basis, baseline, minute)) fire.push({ event, invoice });
		}
	}
	// Invoices created before the window are never looked at again: forget them.
	for (const [key, entry] of Object.entries(seen)) {
		const undated = (entry % FLAG_SPACE & UNDATED) !== 0;
		if (!undated && Math.floor(entry / FLAG_SPACE) < basis.lookbackStartMinute) delete seen[key];
	}
	return { fire, next: { v: 1, config: basis.config, seen }, baseline };
}
