/* eslint-disable no-console -- prints the run's totals for the record */
import { DateTime } from 'luxon';
import type { INodeType } from 'n8n-workflow';

import type * as Decisions from '../../../../nodes/AffilBox/trigger/invoice/invoiceDecisions';
import {
	InvoiceOracle,
	type SequenceTotals,
	type WorldInvoice,
} from '../../../support/invoiceOracle';
import {
	random,
	randomCheck,
	zeroCheckTotals,
	type CheckTotals,
	type Random,
} from '../../../support/seededRandom';
import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { firedInvoices, invoiceTrigger } from '../../../support/workflows/invoiceTriggerWorkflow';
import { pragueTime } from '../../../support/workflows/triggerWorkflow';

/**
 * The invoice trigger node through n8n-core, seeded, with the shared randomized check (randomCheck:
 * n8n's saving rules with durable cursors off and on, lost writes, restarts, republishing with
 * cursor resets, executions n8n never made, failing and retried answers) against the sandbox's
 * API v2, judged by the same oracle as the step's property test.
 */
const sandbox = useAffilBoxSandbox();

const SEQUENCES = 200;
const CHECKS_PER_SEQUENCE = 8;
const LOOKBACK_DAYS = 30;
const ZONE = 'Europe/Prague';

const FAULTS = [
	{
		status: 500,
		body: '{"status":"error","message":"Server error"}',
		contentType: 'application/json',
	},
	{ times: 4, status: 503, body: 'busy', headers: { 'Retry-After': '0' } },
	{
		status: 200,
		body: '{"status":"error","message":"Unavailable"}',
		contentType: 'application/json',
	},
	{
		status: 200,
		body: '{"status":"ok","data":{"invoices":[{"id":"1"',
		contentType: 'application/json',
	},
];

function minuteOf(created: unknown): number | undefined {
	if (typeof created !== 'string' || created === '') return undefined;
	const date = DateTime.fromFormat(created, 'yyyy-MM-dd HH:mm:ss', { zone: ZONE });
	return date.isValid ? Math.floor(date.toMillis() / 60_000) : undefined;
}

function world(): WorldInvoice[] {
	return sandbox().store.invoices.map((invoice) => ({
		id: String(invoice.id),
		createdMinute: minuteOf(invoice.created),
		paid: invoice.paid === true,
	}));
}

const nowMinute = () => Math.floor(Date.now() / 60_000);

export interface PropertyTotals extends CheckTotals, SequenceTotals {}

async function runProperty(sequences: number, create?: () => INodeType): Promise<PropertyTotals> {
	const totals: PropertyTotals = {
		...zeroCheckTotals(),
		sequences: 0,
		fired: 0,
		missed: 0,
		duplicated: 0,
		unexpected: 0,
	};
	for (let seed = 1; seed <= sequences; seed++) {
		const rng: Random = random(seed);
		sandbox().reset();
		const events = rng.pick<Decisions.InvoiceEvent[]>([['new'], ['paid'], ['new', 'paid']]);
		const config = {
			events,
			onlyUnpaid: events.includes('new') && rng.chance(0.5),
			startFrom: rng.pick(['now', 'lookback', 'date'] as const),
			startDaysAgo: rng.pick([3, 10, 45]),
		};
		// Creation dates keep clear of the window's edge and of the start dates (half days).
		const issue = () => {
			const daysAgo = rng.chance(0.8) ? rng.int(0, 25) : rng.int(35, 60);
			sandbox().issueInvoice({
				created: rng.chance(0.1) ? '' : pragueTime(daysAgo, rng.int(1, 600)),
				paid: rng.chance(0.3),
			});
		};
		for (let count = rng.int(0, 5); count > 0; count--) issue();
		const startDate = pragueTime(config.startDaysAgo, 720);
		const oracle = new InvoiceOracle({
			...config,
			startDateMinute: minuteOf(startDate),
			lookbackDays: LOOKBACK_DAYS,
		});
		const durable = rng.chance(0.5);
		let trigger = invoiceTrigger(
			sandbox(),
			{ ...config, lookbackDays: LOOKBACK_DAYS, startDate },
			create,
			{},
			{ durable },
		);
		oracle.check(world(), nowMinute());
		const actual = firedInvoices(await trigger.activate());

		for (let step = 0; step < CHECKS_PER_SEQUENCE; step++) {
			for (let change = rng.int(0, 3); change > 0; change--) {
				const unpaid = sandbox().store.invoices.filter((invoice) => invoice.paid !== true);
				if (unpaid.length > 0 && rng.chance(0.5)) sandbox().payInvoice(String(rng.pick(unpaid).id));
				else issue();
			}
			const seen = world();
			const check = await randomCheck(rng, trigger, sandbox(), FAULTS, totals);
			trigger = check.trigger;
			if (!check.items) continue;
			oracle.check(seen, nowMinute());
			actual.push(...firedInvoices(check.items));
		}
		oracle.tally(totals, actual, seed);
	}
	return totals;
}

const DECISIONS = '../../../../nodes/AffilBox/trigger/invoice/invoiceDecisions';

/** The trigger node with the step changed by `mutate`, loaded afresh so nothing else sees it. */
function mutantStep(
	mutate: (real: typeof Decisions.planInvoicePoll) => typeof Decisions.planInvoicePoll,
): () => INodeType {
	let Trigger: new () => INodeType = class {} as never;
	jest.isolateModules(() => {
		const real = jest.requireActual<typeof Decisions>(DECISIONS);
		jest.doMock(DECISIONS, () => ({ ...real, planInvoicePoll: mutate(real.planInvoicePoll) }));
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock
		const loaded = require('../../../../nodes/AffilBox/AffilBoxInvoiceTrigger.node');
		Trigger = (loaded as { AffilBoxInvoiceTrigger: new () => INodeType }).AffilBoxInvoiceTrigger;
		jest.dontMock(DECISIONS);
	});
	return () => new Trigger();
}

describe('AffilBox Invoice Trigger in the engine, randomized', () => {
	it(`${SEQUENCES} sequences of invoices issued and paid, faults, n8n's saving rules with durable cursors off and on, lost writes, restarts, republishing with cursor resets, uncommitted executions: 0 missed, 0 duplicated`, async () => {
		const totals = await runProperty(SEQUENCES);
		console.info(`invoice trigger engine property test: ${JSON.stringify(totals)}`);
		expect(totals).toEqual(
			expect.objectContaining({ sequences: SEQUENCES, missed: 0, duplicated: 0, unexpected: 0 }),
		);
		expect(totals.fired).toBeGreaterThan(SEQUENCES);
		for (const count of [
			totals.failedPolls,
			totals.retriedPolls,
			totals.lostWrites,
			totals.restarts,
			totals.switches,
			totals.republished,
			totals.resets,
			totals.uncommitted,
		])
			expect(count).toBeGreaterThan(5);
	}, 1_200_000);

	it('a node whose step forgets the paid set fails the property', async () => {
		const forgetsPaid = mutantStep((real) => (basis, observations) => {
			const plan = real(basis, observations);
			for (const [key, entry] of Object.entries(plan.next.seen)) {
				plan.next.seen[key] = entry - (entry & 2);
			}
			return plan;
		});
		const totals = await runProperty(60, forgetsPaid);
		console.info(
			`invoice trigger engine property test, paid set forgotten: ${JSON.stringify(totals)}`,
		);
		expect(totals.duplicated).toBeGreaterThan(0);
	}, 900_000);
});
