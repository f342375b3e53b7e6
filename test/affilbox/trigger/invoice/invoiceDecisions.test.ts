import {
	invoiceConfigHash,
	invoiceTriggerState,
	planInvoicePoll,
	type InvoiceBasis,
	type InvoiceEvent,
	type InvoiceObservation,
	type InvoiceTriggerState,
} from '../../../../nodes/AffilBox/trigger/invoice/invoiceDecisions';
import { planFirstCheck, type StartFrom } from '../../../../nodes/AffilBox/trigger/startFrom';

const DAY = 24 * 60;
const NOW = 30_000_000;
const LOOKBACK_START = NOW - 90 * DAY;

function basis(
	state: InvoiceTriggerState | undefined,
	options: {
		events?: InvoiceEvent[];
		onlyUnpaid?: boolean;
		startFrom?: StartFrom;
		date?: number;
	} = {},
): InvoiceBasis {
	const events = options.events ?? ['new', 'paid'];
	const onlyUnpaid = options.onlyUnpaid ?? false;
	return {
		state,
		config: invoiceConfigHash({ events, onlyUnpaid, lookbackDays: 90 }),
		events,
		onlyUnpaid,
		lookbackStartMinute: LOOKBACK_START,
		nowMinute: NOW,
		first: planFirstCheck(options.startFrom ?? 'now', options.date, LOOKBACK_START),
	};
}

const invoice = (id: string, daysAgo: number | undefined, paid = false): InvoiceObservation => ({
	key: id,
	createdMinute: daysAgo === undefined ? undefined : NOW - daysAgo * DAY,
	paid,
	record: { id, paid },
});

const fired = (plan: ReturnType<typeof planInvoicePoll>) =>
	plan.fire.map(({ event, invoice: seen }) => `${event}:${seen.key}`);

describe('planInvoicePoll', () => {
	it('From Now On: the first check records what is there and fires nothing; later ones fire what is new and what gets paid', () => {
		const first = planInvoicePoll(basis(undefined), [invoice('1', 5), invoice('2', 6, true)]);
		expect(first.baseline).toBe(true);
		expect(fired(first)).toEqual([]);
		const second = planInvoicePoll(basis(first.next), [
			invoice('1', 5, true),
			invoice('2', 6, true),
			invoice('3', 0),
			invoice('4', 0, true),
		]);
		// New first, then paid; one already paid when it appears fires both.
		expect(fired(second)).toEqual(['new:3', 'new:4', 'paid:1', 'paid:4']);
		const third = planInvoicePoll(basis(second.next), [
			invoice('1', 5, true),
			invoice('3', 0, true),
			invoice('4', 0, true),
		]);
		expect(fired(third)).toEqual(['paid:3']);
	});

	it('Everything in the Lookback Window and Since a Date: the first check fires what Start From reaches', () => {
		const there = [invoice('1', 5), invoice('2', 40, true), invoice('3', 120, true)];
		expect(fired(planInvoicePoll(basis(undefined, { startFrom: 'lookback' }), there))).toEqual([
			'new:1',
			'new:2',
			'paid:2',
		]);
		const since = basis(undefined, { startFrom: 'date', date: NOW - 10 * DAY });
		expect(fired(planInvoicePoll(since, there))).toEqual(['new:1']);
		const older = basis(undefined, { startFrom: 'date', date: NOW - 200 * DAY });
		expect(fired(planInvoicePoll(older, there))).toEqual([
			'new:1',
			'new:2',
			'new:3',
			'paid:2',
			'paid:3',
		]);
	});

	it('Only Unpaid: an invoice already paid when it appears is not new (its payment still fires)', () => {
		const first = planInvoicePoll(basis(undefined, { onlyUnpaid: true }), []);
		const second = planInvoicePoll(basis(first.next, { onlyUnpaid: true }), [
			invoice('5', 0, true),
			invoice('6', 0),
		]);
		expect(fired(second)).toEqual(['new:6', 'paid:5']);
		const paidOnly = planInvoicePoll(basis(first.next, { onlyUnpaid: true, events: ['new'] }), [
			invoice('5', 0, true),
		]);
		expect(fired(paidOnly)).toEqual([]);
	});

	it('a check whose write was lost decides the same again from the older state', () => {
		const first = planInvoicePoll(basis(undefined), [invoice('1', 2)]);
		const answer = [invoice('1', 2, true), invoice('2', 1)];
		const made = planInvoicePoll(basis(first.next), answer);
		const again = planInvoicePoll(basis(first.next), answer);
		expect(fired(again)).toEqual(fired(made));
		expect(again.next).toEqual(made.next);
		expect(fired(planInvoicePoll(basis(made.next), answer))).toEqual([]);
	});

	it('an id listed twice fires once; an undated invoice counts as new now and is never pruned', () => {
		const first = planInvoicePoll(basis(undefined), []);
		const twice = planInvoicePoll(basis(first.next), [
			invoice('7', 0),
			invoice('7', 0),
			invoice('8', undefined),
		]);
		expect(fired(twice)).toEqual(['new:7', 'new:8']);
		const muchLater: InvoiceBasis = {
			...basis(twice.next),
			lookbackStartMinute: NOW + 200 * DAY,
			nowMinute: NOW + 290 * DAY,
		};
		const pruned = planInvoicePoll(muchLater, [invoice('8', undefined)]);
		expect(fired(pruned)).toEqual([]);
		expect(Object.keys(pruned.next.seen)).toEqual(['8']);
	});

	it('invoices created before the window are left alone and forgotten', () => {
		const first = planInvoicePoll(basis(undefined), [invoice('1', 80)]);
		expect(Object.keys(first.next.seen)).toEqual(['1']);
		const later: InvoiceBasis = { ...basis(first.next), lookbackStartMinute: NOW - 70 * DAY };
		const plan = planInvoicePoll(later, [invoice('1', 80, true), invoice('2', 75, true)]);
		expect(fired(plan)).toEqual([]);
		expect(plan.next.seen).toEqual({});
	});

	it('changed events, filter or window start a new baseline; Only Unpaid without New Invoice changes nothing', () => {
		const hash = (events: InvoiceEvent[], onlyUnpaid: boolean, lookbackDays = 90) =>
			invoiceConfigHash({ events, onlyUnpaid, lookbackDays });
		expect(hash(['new'], false)).not.toBe(hash(['new', 'paid'], false));
		expect(hash(['new'], false)).not.toBe(hash(['new'], true));
		expect(hash(['new'], false)).not.toBe(hash(['new'], false, 30));
		expect(hash(['paid'], false)).toBe(hash(['paid'], true));
		expect(hash(['paid', 'new'], false)).toBe(hash(['new', 'paid'], false));
		const first = planInvoicePoll(basis(undefined), [invoice('1', 1)]);
		expect(planInvoicePoll(basis(first.next, { events: ['paid'] }), []).baseline).toBe(true);
	});

	it('reads only its own stored format', () => {
		const { next } = planInvoicePoll(basis(undefined), []);
		expect(invoiceTriggerState(JSON.parse(JSON.stringify(next)))).toEqual(next);
		expect(invoiceTriggerState({ v: 2, config: 'x', seen: {} })).toBeUndefined();
		expect(invoiceTriggerState(undefined)).toBeUndefined();
	});
});
