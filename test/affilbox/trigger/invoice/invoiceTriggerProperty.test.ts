/* eslint-disable no-console -- prints the run's totals for the record */
import {
	invoiceConfigHash,
	planInvoicePoll,
	type InvoiceBasis,
	type InvoiceEvent,
	type InvoiceObservation,
	type InvoiceTriggerState,
} from '../../../../nodes/AffilBox/trigger/invoice/invoiceDecisions';
import { planFirstCheck, type StartFrom } from '../../../../nodes/AffilBox/trigger/startFrom';
import {
	InvoiceOracle,
	type SequenceTotals,
	type WorldInvoice,
} from '../../../support/invoiceOracle';
import { random, type Random } from '../../../support/seededRandom';

/**
 * The invoice trigger's step (planInvoicePoll) under n8n's saving rules, seeded: invoices issued
 * (dated, some undated, some older than the window) and paid between checks, checks that fail,
 * checks that fire nothing whose write n8n loses or keeps only in memory, restarts that go back
 * to what n8n saved. An oracle that knows the world says what must fire: each (event, invoice)
 * exactly once. The activation's write is taken as kept: that n8n may drop it, and the copy in
 * the workflow's static data that covers it, are the shared store's (stateChoice tests and the
 * engine tests).
 */

const SEQUENCES = 240;
const CHECKS_PER_SEQUENCE = 10;
const LOOKBACK_DAYS = 30;
const DAY = 24 * 60;
const START_MINUTE = 29_000_000; // about 2025-02: any fixed minute
const CHECK_GAP = 5;

interface Config {
	events: InvoiceEvent[];
	onlyUnpaid: boolean;
	startFrom: StartFrom;
	startDateMinute: number;
}

type Planner = typeof planInvoicePoll;

export interface PropertyTotals extends SequenceTotals {
	checks: number;
	failedChecks: number;
	lostWrites: number;
	memoryOnlyWrites: number;
	restarts: number;
}

function observe(world: WorldInvoice[]): InvoiceObservation[] {
	return world.map((invoice) => ({
		key: invoice.id,
		createdMinute: invoice.createdMinute,
		paid: invoice.paid,
		record: { id: invoice.id, paid: invoice.paid },
	}));
}

/** Copies through JSON, as n8n's database does. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function randomConfig(rng: Random): Config {
	const events = rng.pick<InvoiceEvent[]>([['new'], ['paid'], ['new', 'paid']]);
	return {
		events,
		onlyUnpaid: events.includes('new') && rng.chance(0.5),
		startFrom: rng.pick<StartFrom>(['now', 'lookback', 'date']),
		// Half days keep start dates clear of creation minutes.
		startDateMinute: START_MINUTE - rng.pick([3, 10, 45]) * DAY - DAY / 2,
	};
}

/** Runs the property against `plan` (the real step unless a mutant is given). */
export function runProperty(sequences: number, plan: Planner = planInvoicePoll): PropertyTotals {
	const totals: PropertyTotals = {
		sequences: 0,
		checks: 0,
		failedChecks: 0,
		lostWrites: 0,
		memoryOnlyWrites: 0,
		restarts: 0,
		fired: 0,
		missed: 0,
		duplicated: 0,
		unexpected: 0,
	};
	for (let seed = 1; seed <= sequences; seed++) {
		const rng = random(seed);
		const config = randomConfig(rng);
		const hash = invoiceConfigHash({ ...config, lookbackDays: LOOKBACK_DAYS });
		let now = START_MINUTE;
		let nextId = 100;
		const world: WorldInvoice[] = [];
		const issue = () => {
			nextId += rng.int(1, 3);
			const age = rng.chance(0.85) ? rng.int(0, 20 * DAY) : rng.int(40 * DAY, 60 * DAY);
			world.push({
				id: String(nextId),
				createdMinute: rng.chance(0.1) ? undefined : now - age - 1,
				paid: rng.chance(0.3),
			});
		};
		for (let count = rng.int(0, 6); count > 0; count--) issue();

		// n8n's view: what it saved, and what the running workflow holds in memory.
		let saved: InvoiceTriggerState | undefined;
		let memory: InvoiceTriggerState | undefined;
		const actual: string[] = [];
		const oracle = new InvoiceOracle({ ...config, lookbackDays: LOOKBACK_DAYS });

		const basis = (state: InvoiceTriggerState | undefined): InvoiceBasis => {
			const lookbackStartMinute = now - LOOKBACK_DAYS * DAY;
			return {
				state,
				config: hash,
				events: config.events,
				onlyUnpaid: config.onlyUnpaid,
				lookbackStartMinute,
				nowMinute: now,
				first:
					state === undefined
						? planFirstCheck(config.startFrom, config.startDateMinute, lookbackStartMinute)
						: { windowStartMinute: lookbackStartMinute },
			};
		};

		// The check at activation: retried by n8n until it runs; its write is kept.
		const activation = plan(basis(undefined), observe(world));
		oracle.check(world, now);
		saved = memory = json(activation.next);
		actual.push(...activation.fire.map(({ event, invoice }) => `${event}:${invoice.key}`));
		totals.checks += 1;

		for (let step = 0; step < CHECKS_PER_SEQUENCE; step++) {
			now += CHECK_GAP;
			for (let change = rng.int(0, 3); change > 0; change--) {
				const unpaid = world.filter((invoice) => !invoice.paid);
				if (unpaid.length > 0 && rng.chance(0.5)) rng.pick(unpaid).paid = true;
				else issue();
			}
			if (rng.chance(0.1)) {
				memory = json(saved);
				totals.restarts += 1;
			}
			totals.checks += 1;
			if (rng.chance(0.15)) {
				totals.failedChecks += 1;
				continue;
			}
			const result = plan(basis(memory), observe(world));
			if (result.baseline) throw new Error(`seed ${seed}: a later check started over`);
			if (result.fire.length > 0) {
				oracle.check(world, now);
				saved = memory = json(result.next);
				actual.push(...result.fire.map(({ event, invoice }) => `${event}:${invoice.key}`));
				continue;
			}
			oracle.check(world, now);
			const fate = rng.pick(['lost', 'memory', 'saved'] as const);
			if (fate === 'lost') totals.lostWrites += 1;
			if (fate === 'memory') totals.memoryOnlyWrites += 1;
			if (fate !== 'lost') memory = json(result.next);
			if (fate === 'saved') saved = json(result.next);
		}

		oracle.tally(totals, actual, seed);
	}
	return totals;
}

const PAID_FLAG = 2;

describe('AffilBox Invoice Trigger step, randomized', () => {
	it(`${SEQUENCES} seeded sequences of invoices issued and paid, failing checks, lost and memory-only writes, restarts: each (event, invoice) fires exactly once`, () => {
		const totals = runProperty(SEQUENCES);
		console.info(`invoice trigger property test: ${JSON.stringify(totals)}`);
		expect(totals).toEqual(
			expect.objectContaining({ sequences: SEQUENCES, missed: 0, duplicated: 0, unexpected: 0 }),
		);
		expect(totals.fired).toBeGreaterThan(SEQUENCES);
		for (const count of [
			totals.failedChecks,
			totals.lostWrites,
			totals.memoryOnlyWrites,
			totals.restarts,
		])
			expect(count).toBeGreaterThan(50);
	});

	// The property must catch a broken step: each mutant is a plausible bug.
	const MUTANTS: Array<[string, Planner, keyof PropertyTotals]> = [
		[
			'step that forgets the paid set (stores no "paid" flag)',
			(basis, observations) => {
				const plan = planInvoicePoll(basis, observations);
				for (const [key, entry] of Object.entries(plan.next.seen)) {
					plan.next.seen[key] = entry - (entry & PAID_FLAG);
				}
				return plan;
			},
			'duplicated',
		],
		[
			'step that fires "paid" only for invoices seen unpaid before (misses one issued already paid)',
			(basis, observations) => {
				const plan = planInvoicePoll(basis, observations);
				const seen = basis.state?.seen ?? {};
				plan.fire = plan.fire.filter(
					({ event, invoice }) => event !== 'paid' || plan.baseline || invoice.key in seen,
				);
				return plan;
			},
			'missed',
		],
		[
			'step whose baseline fires everything, whatever Start From says',
			(basis, observations) =>
				planInvoicePoll(
					{ ...basis, first: { ...basis.first, emitFromMinute: -Infinity } },
					observations,
				),
			'unexpected',
		],
		[
			'step that records what it saw without firing when nothing else fired (a lost write then misses it)',
			(basis, observations) => {
				const plan = planInvoicePoll(basis, observations);
				if (!plan.baseline && plan.fire.length === 1) plan.fire = [];
				return plan;
			},
			'missed',
		],
	];

	it.each(MUTANTS)('a %s fails the property', (_name, mutant, caught) => {
		const totals = runProperty(SEQUENCES, mutant);
		console.info(
			`invoice trigger property test against a mutant (${caught}): ${JSON.stringify(totals)}`,
		);
		expect(totals[caught]).toBeGreaterThan(0);
	});
});
