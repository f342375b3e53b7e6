import type { InvoiceEvent } from '../../nodes/AffilBox/trigger/invoice/invoiceDecisions';
import { planFirstCheck, type StartFrom } from '../../nodes/AffilBox/trigger/startFrom';

/** An invoice as the randomized invoice trigger tests know it; no creation minute: undated. */
export interface WorldInvoice {
	id: string;
	createdMinute?: number;
	paid: boolean;
}

export interface OracleConfig {
	events: InvoiceEvent[];
	onlyUnpaid: boolean;
	startFrom: StartFrom;
	startDateMinute?: number;
	lookbackDays: number;
}

/** What a randomized run counts of its sequences' outcomes. */
export interface SequenceTotals {
	sequences: number;
	fired: number;
	missed: number;
	duplicated: number;
	unexpected: number;
	firstFailingSeed?: number;
}

const DAY = 24 * 60;

/**
 * What the invoice trigger must fire, told from the world alone (never from the trigger's state),
 * for the randomized tests of its step and of the node in the engine: fed with the invoices as
 * they were at each check that ran to its end (its decisions kept or not), it lists each
 * `event:id` that must fire, once. Paid invoices never become unpaid in these tests.
 */
export class InvoiceOracle {
	/** Each invoice a check has seen, and whether it was seen paid. */
	private readonly known = new Map<string, boolean>();
	readonly expected: string[] = [];
	private baselineDone = false;

	constructor(private readonly config: OracleConfig) {}

	check(world: WorldInvoice[], nowMinute: number): void {
		const baseline = !this.baselineDone;
		this.baselineDone = true;
		const { events, onlyUnpaid, startFrom, startDateMinute, lookbackDays } = this.config;
		const lookbackStart = nowMinute - lookbackDays * DAY;
		const first = planFirstCheck(startFrom, startDateMinute, lookbackStart);
		for (const invoice of world) {
			const created = invoice.createdMinute ?? nowMinute;
			if (created < (baseline ? first.windowStartMinute : lookbackStart)) continue;
			const announced =
				!baseline || (first.emitFromMinute !== undefined && created >= first.emitFromMinute);
			const seenPaid = this.known.get(invoice.id);
			if (seenPaid === undefined && events.includes('new') && announced) {
				if (!(onlyUnpaid && invoice.paid)) this.expected.push(`new:${invoice.id}`);
			}
			if (events.includes('paid') && invoice.paid && seenPaid !== true && announced) {
				this.expected.push(`paid:${invoice.id}`);
			}
			this.known.set(invoice.id, invoice.paid || seenPaid === true);
		}
	}

	/**
	 * Adds to `totals` what `actual` (every `event:id` fired in sequence `seed`, in order) missed,
	 * repeated or fired unexpectedly, and notes the first failing seed.
	 */
	tally(totals: SequenceTotals, actual: string[], seed: number): void {
		const missed = this.expected.filter((id) => !actual.includes(id));
		const duplicated = actual.filter((id, index) => actual.indexOf(id) !== index);
		const unexpected = actual.filter((id) => !this.expected.includes(id));
		totals.sequences += 1;
		totals.fired += actual.length;
		totals.missed += missed.length;
		totals.duplicated += duplicated.length;
		totals.unexpected += unexpected.length;
		if (missed.length + duplicated.length + unexpected.length > 0) totals.firstFailingSeed ??= seed;
	}
}
