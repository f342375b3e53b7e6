/* eslint-disable no-console -- prints the run's totals for the record */
import type { INodeType } from 'n8n-workflow';

import type * as Decisions from '../../../../nodes/AffilBox/trigger/partner/partnerDecisions';
import type * as StateChoice from '../../../../nodes/AffilBox/trigger/stateChoice';
import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import {
	failingFaults,
	random,
	randomCheck,
	zeroCheckTotals,
	type CheckTotals,
	type Random,
} from '../../../support/seededRandom';
import { fired, partnerTrigger } from '../../../support/workflows/partnerTriggerWorkflow';
import { pragueTime } from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();

const SEQUENCES = 200;
const POLLS_PER_SEQUENCE = 8;
const LOOKBACK_DAYS = 30;

// Registration dates keep clear of the window's edge (30 days) and of the start dates (half days),
// so the oracle and the trigger never disagree by a minute.
const registeredAgo = (rng: Random) => ({
	daysAgo: rng.chance(0.8) ? rng.int(0, 25) : rng.int(35, 60),
	minutesAgo: rng.int(1, 600),
});

const FAULTS = failingFaults('<affilbox><partner><person><id>1');

interface Config {
	onlyAllowed: boolean;
	startFrom: 'now' | 'lookback' | 'date';
	/** For 'date': days (and a half) ago. */
	startDaysAgo: number;
}

/** The partners a check can track now: registered since `since`, allowed if the filter says so. */
function trackable(config: Config, since: string): Map<string, string> {
	const partners = new Map<string, string>();
	for (const { person } of sandbox().store.partners) {
		if (person.register < since) continue;
		if (config.onlyAllowed && person.allow !== '1') continue;
		partners.set(person.affilid, person.register);
	}
	return partners;
}

export interface PropertyTotals extends CheckTotals {
	sequences: number;
	durableFromStart: number;
	fired: number;
	missed: number;
	duplicated: number;
	unexpected: number;
	firstFailingSeed?: number;
}

/**
 * Runs `sequences` seeded sequences of registrations, allowing and disallowing, failing and retried
 * checks, lost writes and restarts against the trigger `create` makes, and counts, against an
 * oracle that knows the sandbox, what was missed, fired twice or fired unexpectedly.
 */
async function runProperty(sequences: number, create?: () => INodeType): Promise<PropertyTotals> {
	const totals: PropertyTotals = {
		...zeroCheckTotals(),
		sequences: 0,
		durableFromStart: 0,
		fired: 0,
		missed: 0,
		duplicated: 0,
		unexpected: 0,
	};
	for (let seed = 1; seed <= sequences; seed++) {
		const rng = random(seed);
		sandbox().reset();
		const config: Config = {
			onlyAllowed: rng.chance(0.5),
			startFrom: rng.pick(['now', 'lookback', 'date'] as Config['startFrom'][]),
			startDaysAgo: rng.pick([3, 10, 45]),
		};
		const registerOne = () => {
			const { daysAgo, minutesAgo } = registeredAgo(rng);
			return sandbox().registerPartner({
				register: pragueTime(daysAgo, minutesAgo),
				allow: rng.chance(0.6),
			}).person.affilid;
		};
		const partners = Array.from({ length: rng.int(0, 6) }, registerOne);
		const startDate = pragueTime(config.startDaysAgo, 720);
		const durable = rng.chance(0.5);
		if (durable) totals.durableFromStart += 1;
		let trigger = partnerTrigger(
			sandbox(),
			{
				lookbackDays: LOOKBACK_DAYS,
				onlyAllowed: config.onlyAllowed,
				startFrom: config.startFrom,
				startDate,
			},
			create,
			{},
			{ durable },
		);

		const lookbackStart = pragueTime(LOOKBACK_DAYS);
		const baselineSince =
			config.startFrom === 'date' && startDate < lookbackStart ? startDate : lookbackStart;
		const emitFrom =
			config.startFrom === 'now'
				? undefined
				: config.startFrom === 'date'
					? startDate
					: lookbackStart;
		const recorded = new Set<string>();
		const expected: string[] = [];
		for (const [affilId, registered] of trackable(config, baselineSince)) {
			recorded.add(affilId);
			if (emitFrom !== undefined && registered >= emitFrom) expected.push(affilId);
		}
		const actual: string[] = fired(await trigger.activate());

		for (let step = 0; step < POLLS_PER_SEQUENCE; step++) {
			for (let change = rng.int(0, 3); change > 0; change--) {
				if (partners.length > 0 && rng.chance(0.5))
					sandbox().allowPartner(rng.pick(partners), rng.chance(0.7));
				else partners.push(registerOne());
			}
			const check = await randomCheck(rng, trigger, sandbox(), FAULTS, totals);
			trigger = check.trigger;
			if (!check.items) continue;
			const items = check.items;
			for (const affilId of trackable(config, pragueTime(LOOKBACK_DAYS)).keys()) {
				if (!recorded.has(affilId)) {
					recorded.add(affilId);
					expected.push(affilId);
				}
			}
			actual.push(...fired(items));
		}

		const missed = expected.filter((id) => !actual.includes(id));
		const duplicated = actual.filter((id, index) => actual.indexOf(id) !== index);
		const unexpected = actual.filter((id) => !expected.includes(id));
		totals.sequences += 1;
		totals.fired += actual.length;
		totals.missed += missed.length;
		totals.duplicated += duplicated.length;
		totals.unexpected += unexpected.length;
		if (missed.length + duplicated.length + unexpected.length > 0) totals.firstFailingSeed ??= seed;
	}
	return totals;
}

/** The trigger node with one module's export changed by `mutate`, loaded afresh so nothing else sees it. */
function mutantOf<M extends object, K extends keyof M>(
	path: string,
	name: K,
	mutate: (real: M[K]) => M[K],
): () => INodeType {
	let Trigger: new () => INodeType = class {} as never;
	jest.isolateModules(() => {
		const real = jest.requireActual<M>(path);
		jest.doMock(path, () => ({ ...real, [name]: mutate(real[name]) }));
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock
		Trigger = require('../../../../nodes/AffilBox/AffilBoxPartnerTrigger.node').AffilBoxPartnerTrigger;
		// The mock stays registered otherwise: the next mutant would carry this one too.
		jest.dontMock(path);
	});
	return () => new Trigger();
}

const DECISIONS = '../../../../nodes/AffilBox/trigger/partner/partnerDecisions';
const CHOICE = '../../../../nodes/AffilBox/trigger/stateChoice';
type Planner = typeof Decisions.planPartnerPoll;
type Choice = typeof StateChoice.chooseState;

/** The trigger node with a planner changed by `mutate`. */
const mutantPlanner = (mutate: (real: Planner) => Planner) =>
	mutantOf<typeof Decisions, 'planPartnerPoll'>(DECISIONS, 'planPartnerPoll', mutate);
/** The trigger node with the choice between its two stored states changed by `mutate`. */
const mutantChoice = (mutate: (real: Choice) => Choice) =>
	mutantOf<typeof StateChoice, 'chooseState'>(CHOICE, 'chooseState', mutate);

describe('AffilBox Partner Trigger, randomized', () => {
	it(`${SEQUENCES} sequences of registrations, allowing, faults (failing or retried), n8n's saving rules with durable cursors off and on (switched at restarts), lost writes, restarts, republishing with cursor resets, and uncommitted executions: 0 missed, 0 duplicated`, async () => {
		const totals = await runProperty(SEQUENCES);
		console.info(`partner trigger property test: ${JSON.stringify(totals)}`);
		expect(totals).toEqual(
			expect.objectContaining({ sequences: SEQUENCES, missed: 0, duplicated: 0, unexpected: 0 }),
		);
		expect(totals.fired).toBeGreaterThan(SEQUENCES);
		expect(totals.failedPolls).toBeGreaterThan(0);
		expect(totals.retriedPolls).toBeGreaterThan(0);
		expect(totals.lostWrites).toBeGreaterThan(0);
		expect(totals.restarts).toBeGreaterThan(0);
		expect(totals.durableFromStart).toBeGreaterThan(SEQUENCES / 4);
		for (const count of [
			totals.switches,
			totals.cursorChecks,
			totals.republished,
			totals.resets,
			totals.uncommitted,
		])
			expect(count).toBeGreaterThan(10);
	}, 1_200_000);

	// The property must catch a broken planner, or a broken choice between the two stored states:
	// each mutant below is a plausible bug.
	const MUTANTS: Array<[string, () => () => INodeType, keyof PropertyTotals]> = [
		[
			'planner that records partners that are not allowed yet (so they never fire once allowed)',
			() =>
				mutantPlanner((real) => (basis, observations) => {
					const plan = real(basis, observations);
					for (const observation of observations) {
						if (!observation.allowed) plan.next.seen[observation.key] ??= basis.nowMinute;
					}
					return plan;
				}),
			'missed',
		],
		[
			'planner that forgets what fired before (every check is judged against an empty state)',
			() =>
				mutantPlanner(
					(real) => (basis, observations) =>
						real(
							basis.state ? { ...basis, state: { ...basis.state, seen: {} } } : basis,
							observations,
						),
				),
			'duplicated',
		],
		[
			"state choice that trusts the node's own state only (n8n drops it at activation with durable cursors)",
			() =>
				mutantChoice(
					(real) => (node, _copy, config, current) => real(node, undefined, config, current),
				),
			'missed',
		],
		[
			'state choice that takes the copy whenever it is newer (also the write of a check whose execution n8n never made)',
			() =>
				mutantChoice(
					(real) => (node, copy, config, current) =>
						copy !== undefined && (copy.state.n ?? 0) > (node?.n ?? 0)
							? copy.state.config === config
								? copy.state
								: undefined
							: real(node, copy, config, current),
				),
			'missed',
		],
		[
			"state choice that prefers the node's state whenever it matches (a cursor n8n made again from old data)",
			() =>
				mutantChoice(
					(real) => (node, copy, config, current) =>
						node?.config === config ? node : real(node, copy, config, current),
				),
			'duplicated',
		],
		[
			'state choice that misses that n8n made the cursor anew (a new node id)',
			() =>
				mutantChoice(
					(real) => (node, copy, config, current) =>
						real(node, copy && { ...copy, nodeId: current.id }, config, current),
				),
			'duplicated',
		],
	];

	it.each(MUTANTS)(
		'a %s fails the property',
		async (_name, mutant, caught) => {
			const totals = await runProperty(120, mutant());
			console.info(
				`partner trigger property test against a mutant (${caught}): ${JSON.stringify(totals)}`,
			);
			expect(totals[caught]).toBeGreaterThan(0);
		},
		900_000,
	);
});
