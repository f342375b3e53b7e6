import { DateTime } from 'luxon';
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/invalidInput';

import type { CallSettings } from '../../transport';
import { affilBoxV2Call } from '../../transport/apiV2';
import { V2_CREDENTIAL_TYPE } from '../../transport/apiV2/credential';
import { invoicesIn, readInvoice } from '../../transport/apiV2/records';
import { timedCheck } from '../checkDeadline';
import { daysText, isNewer, listedWithOr, nothingToFetch } from '../fetchTestEvent';
import { licenceZone, readLookbackDays, readTriggerInput } from '../pollSettings';
import { lookbackWindow, readFirstCheck, toMinute } from '../startFrom';
import { entriesBefore, TriggerStateStore } from '../stateStore';
import { startsBaseline } from '../storedState';
import {
	INVOICE_EVENT_NAMES,
	INVOICE_EVENTS,
	invoiceConfigHash,
	invoiceTriggerState,
	planInvoicePoll,
	type InvoiceBasis,
	type InvoiceEvent,
	type InvoiceFire,
	type InvoiceObservation,
	type InvoiceTriggerConfig,
} from './invoiceDecisions';

/** 90 days: invoices are paid weeks after they are issued; the window is how long "paid" may take. */
export const INVOICE_LOOKBACK_DAYS = 90;

function readConfig(context: IPollFunctions): InvoiceTriggerConfig {
	const chosen = context.getNodeParameter('events', ['new']) as unknown;
	const events = readTriggerInput(context, () => {
		const list = Array.isArray(chosen) ? chosen : [chosen];
		const unknown = list.filter((event) => !INVOICE_EVENTS.includes(event as InvoiceEvent));
		if (unknown.length > 0 || list.length === 0) {
			throw new InvalidInputError(
				'Events',
				list.length === 0
					? 'Events: choose at least one event'
					: `Events: "${unknown.join('", "')}" is not an event`,
				`Choose ${listedWithOr(Object.values(INVOICE_EVENT_NAMES))}.`,
			);
		}
		return INVOICE_EVENTS.filter((event) => list.includes(event));
	});
	return {
		events,
		onlyUnpaid: events.includes('new') && context.getNodeParameter('onlyUnpaid', false) === true,
		lookbackDays: readLookbackDays(context, INVOICE_LOOKBACK_DAYS),
	};
}

/** The minute an ISO date (as the reader gives `created`) falls in; undefined when unreadable. */
function minuteOfIso(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const date = DateTime.fromISO(value, { setZone: true });
	return date.isValid ? toMinute(date.toMillis()) : undefined;
}

/**
 * Asks AffilBox for its invoices (`GET invoices/list`: the API has no filter or cursor for them,
 * as far as is known, so every check reads the whole list) and reads each as the reader does.
 * Invoices without an id cannot be told apart across checks and are left out. Any failure
 * throws (a NodeApiError from the transport) before anything is decided or stored.
 */
async function observeInvoices(
	context: IPollFunctions,
	zone: string,
	settings: CallSettings,
): Promise<InvoiceObservation[]> {
	const body = await affilBoxV2Call.call(context, {
		method: 'GET',
		path: 'invoices/list',
		settings,
	});
	const observations: InvoiceObservation[] = [];
	for (const raw of invoicesIn(body)) {
		const record = readInvoice(raw, zone);
		if (typeof record.id !== 'string') continue;
		observations.push({
			key: record.id,
			createdMinute: minuteOfIso(record.created),
			paid: record.paid === true,
			record,
		});
	}
	return observations;
}

/** Each fire as an item: the invoice as the reader gives it, with the event's name. */
function toItems(fires: InvoiceFire[]): INodeExecutionData[] {
	return fires.map(({ event, invoice }) => ({
		json: { event: INVOICE_EVENT_NAMES[event], ...invoice.record },
	}));
}

/** What "Fetch Test Event" says when no invoice matches (see fetchTestEvent.ts). */
function invoicesNotFound(config: InvoiceTriggerConfig): { message: string; description: string } {
	const which = config.events.includes('new')
		? config.onlyUnpaid
			? 'unpaid invoice'
			: 'invoice'
		: 'paid invoice';
	return {
		message: `No ${which} created in the last ${daysText(config.lookbackDays)}`,
		description: `Fetch Test Event shows the newest ${which} AffilBox lists that was created inside the Lookback Window. To see one: widen the Lookback Window (Days)${config.onlyUnpaid ? ', switch off Only Unpaid' : ''}, or wait for a partner invoice in AffilBox and fetch again. Which invoices an API v2 key lists (a merchant's: all partners'?) is not documented. The active workflow is not affected.`,
	};
}

/** "Fetch Test Event": the newest invoice the first chosen event would fire for; nothing is stored. */
function fetchTestEvent(
	context: IPollFunctions,
	config: InvoiceTriggerConfig,
	observations: InvoiceObservation[],
	lookbackStartMinute: number,
): INodeExecutionData[][] {
	const event = config.events[0];
	let newest: InvoiceObservation | undefined;
	for (const invoice of observations) {
		if ((invoice.createdMinute ?? Infinity) < lookbackStartMinute) continue;
		if (event === 'paid' ? !invoice.paid : config.onlyUnpaid && invoice.paid) continue;
		if (isNewer(invoice, newest, (candidate) => candidate.createdMinute)) newest = invoice;
	}
	if (newest === undefined) throw nothingToFetch(context.getNode(), invoicesNotFound(config));
	return [toItems([{ event, invoice: newest }])];
}

export async function pollInvoices(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const config = readConfig(context);
	const words = { lookbackDays: config.lookbackDays, calls: 1, hasEvents: false };
	return await timedCheck(context, startedAt, words, (settings) =>
		runCheck(context, config, settings),
	);
}

async function runCheck(
	context: IPollFunctions,
	config: InvoiceTriggerConfig,
	settings: CallSettings,
): Promise<INodeExecutionData[][] | null> {
	const zone = await licenceZone(context, V2_CREDENTIAL_TYPE);
	const now = Date.now();
	const lookbackStartMinute = lookbackWindow(now, config.lookbackDays, zone).startMinute;

	if (context.getMode() === 'manual') {
		const observations = await observeInvoices(context, zone, settings);
		return fetchTestEvent(context, config, observations, lookbackStartMinute);
	}

	const store = new TriggerStateStore(context, invoiceTriggerState);
	const hash = invoiceConfigHash(config);
	const later: InvoiceBasis = {
		state: store.read(hash),
		config: hash,
		events: config.events,
		onlyUnpaid: config.onlyUnpaid,
		lookbackStartMinute,
		nowMinute: toMinute(now),
		first: { windowStartMinute: lookbackStartMinute },
	};
	// Only a baseline reads Start From: a start date that no longer reads cannot stop later checks.
	const basis: InvoiceBasis = startsBaseline(later.state, later.config)
		? { ...later, first: readFirstCheck(context, zone, lookbackStartMinute) }
		: later;
	const observations = await observeInvoices(context, zone, settings);
	const plan = planInvoicePoll(basis, observations);
	const firedKeys = new Set(plan.fire.map(({ invoice }) => invoice.key));
	store.write(plan.next, entriesBefore(firedKeys, plan.baseline ? undefined : basis.state?.seen));
	return plan.fire.length > 0 ? [toItems(plan.fire)] : null;
}
