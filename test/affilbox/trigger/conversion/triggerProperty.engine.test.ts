/* eslint-disable no-console -- prints the run's totals for the record */
import * as decisions from '../../../../nodes/AffilBox/trigger/conversion/conversionDecisions';
import type { PlanInput } from '../../../../nodes/AffilBox/trigger/conversion/conversionDecisions';
import * as stateChoice from '../../../../nodes/AffilBox/trigger/stateChoice';
import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import {
	failingFaults,
	random,
	randomCheck,
	zeroCheckTotals,
	type CheckTotals,
	type Random,
} from '../../../support/seededRandom';
import {
	ActiveTrigger,
	addConversion,
	pragueTime,
	setState,
	type ConversionState,
} from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();

/** Enough that each of the four events is watched in at least 200 sequences (checked below). */
const SEQUENCES = 320;
const MIN_SEQUENCES_PER_EVENT = 200;
const POLLS_PER_SEQUENCE = 8;
const STATES: ConversionState[] = ['waiting', 'rejection', 'authorized', 'invoiced'];
const LOOKBACK_DAYS = 90;

type Event = 'created' | 'authorized' | 'invoiced' | 'rejected';
const EVENTS: Event[] = ['created', 'authorized', 'invoiced', 'rejected'];
const EVENT_OF_STATE: Partial<Record<ConversionState, Event>> = {
	authorized: 'authorized',
	invoiced: 'invoiced',
	rejection: 'rejected',
};

type Rng = Random;

// Creation dates keep clear of the window's edge, so the oracle and the trigger never disagree by a minute.
const daysAgo = (rng: Rng) => (rng.chance(0.8) ? rng.int(0, 80) : rng.int(100, 130));

const FAULTS = failingFaults('<response><status>OK</status><conversion><id>1');

interface Config {
	/** 1 and 2: Emit Existing on First Run; 3: Start From. Version 1 offers two events. */
	version: 1 | 2 | 3;
	events: Event[];
	campaignId: string;
	partnerId: string;
	startFrom: 'now' | 'lookback' | 'date';
	/** Prague wall time, for Since a Date. */
	startDate: string;
}

function randomConfig(rng: Rng): Config {
	const version = rng.pick([1, 2, 3, 3, 3, 3, 3, 2, 2, 3] as Array<Config['version']>);
	const offered = version === 1 ? EVENTS.slice(1, 3) : EVENTS;
	let events = offered.filter(() => rng.chance(0.85));
	if (events.length === 0) events = [rng.pick(offered)];
	const startFrom =
		version === 3
			? rng.pick(['now', 'lookback', 'date'] as Array<Config['startFrom']>)
			: rng.pick(['now', 'lookback'] as Array<Config['startFrom']>);
	return {
		version,
		events,
		campaignId: rng.chance(0.3) ? '11' : '',
		partnerId: rng.chance(0.2) ? 'zofie' : '',
		startFrom,
		// Inside the window, or older than it (the first check then reaches back to it).
		startDate: pragueTime(rng.chance(0.7) ? rng.int(0, 85) : rng.int(95, 125), rng.int(0, 1439)),
	};
}

function parameters(config: Config) {
	const start =
		config.version === 3
			? { startFrom: config.startFrom, startDate: config.startDate }
			: { emitExistingOnFirstRun: config.startFrom === 'lookback' };
	return {
		events: config.events,
		lookbackDays: LOOKBACK_DAYS,
		filters: { campaignId: config.campaignId, partnerId: config.partnerId },
		...start,
	};
}

/** Prague wall time to the minute: how the trigger compares creation dates. */
const minuteOf = (wallTime: string) => wallTime.slice(0, 16);

/**
 * The (conversion, event) pairs a poll can see now: matching filters, created inside the window
 * (`since`, the lookback window unless the first check reaches further), and for a state event in
 * that state.
 */
function observable(config: Config, since = pragueTime(LOOKBACK_DAYS)): Map<string, string> {
	const pairs = new Map<string, string>(); // pair → creation date
	for (const conversion of sandbox().store.conversions) {
		if (config.campaignId && conversion.campaignId !== config.campaignId) continue;
		if (config.partnerId && conversion.affilId !== config.partnerId) continue;
		if (minuteOf(conversion.createDate) < minuteOf(since)) continue;
		const stateEvent = EVENT_OF_STATE[conversion.state as ConversionState];
		if (stateEvent && config.events.includes(stateEvent))
			pairs.set(`${conversion.id}:${stateEvent}`, conversion.createDate);
		if (config.events.includes('created'))
			pairs.set(`${conversion.id}:created`, conversion.createDate);
	}
	return pairs;
}

/** What the first check fires for, as Start From (or Emit Existing) says. */
function firstCheck(config: Config): { recorded: Set<string>; expected: string[] } {
	const lookbackStart = pragueTime(LOOKBACK_DAYS);
	const dated = config.startFrom === 'date';
	const reachesBack = dated && minuteOf(config.startDate) < minuteOf(lookbackStart);
	const pairs = observable(config, reachesBack ? config.startDate : lookbackStart);
	const fires = (created: string) =>
		config.startFrom === 'lookback' || (dated && minuteOf(created) >= minuteOf(config.startDate));
	return {
		recorded: new Set(pairs.keys()),
		expected: [...pairs].filter(([, created]) => fires(created)).map(([pair]) => pair),
	};
}

const pairsOf = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => `${String(item.json.id)}:${String(item.json.event)}`);

function newConversion(rng: Rng) {
	return addConversion(sandbox(), {
		state: rng.pick(STATES),
		createDate: pragueTime(daysAgo(rng), rng.int(0, 600)),
		campaignId: rng.pick(['11', '12']),
		affilId: rng.pick(['jdvorak', 'zofie']),
	});
}

interface Totals extends CheckTotals {
	sequences: number;
	sequencesPerEvent: Record<Event, number>;
	sequencesPerStart: Record<Config['startFrom'], number>;
	/** Sequences that began with durable poll cursors on. */
	durableFromStart: number;
	emitted: number;
	emittedPerEvent: Record<Event, number>;
	missed: number;
	duplicated: number;
	unexpected: number;
	/** The first sequences that went wrong, with their seed. */
	failures: string[];
}

/** Runs the seeded sequences; every miss, repeat or unexpected item is counted, never thrown. */
async function runSequences(seeds: number[]): Promise<Totals> {
	const zero = () => ({ created: 0, authorized: 0, invoiced: 0, rejected: 0 });
	const totals: Totals = {
		...zeroCheckTotals(),
		sequences: 0,
		sequencesPerEvent: zero(),
		sequencesPerStart: { now: 0, lookback: 0, date: 0 },
		durableFromStart: 0,
		emitted: 0,
		emittedPerEvent: zero(),
		missed: 0,
		duplicated: 0,
		unexpected: 0,
		failures: [],
	};

	for (const seed of seeds) {
		const rng = random(seed);
		sandbox().reset();
		const config = randomConfig(rng);
		const conversions = Array.from({ length: rng.int(0, 8) }, () => newConversion(rng));
		const durable = rng.chance(0.5);
		if (durable) totals.durableFromStart += 1;
		let trigger = new ActiveTrigger(sandbox(), parameters(config), {}, config.version, undefined, {
			durable,
		});

		const { recorded, expected } = firstCheck(config);
		const actual: string[] = pairsOf(await trigger.activate());

		for (let step = 0; step < POLLS_PER_SEQUENCE; step++) {
			for (let change = rng.int(0, 3); change > 0; change--) {
				if (conversions.length > 0 && rng.chance(0.7))
					setState(sandbox(), rng.pick(conversions), rng.pick(STATES));
				else conversions.push(newConversion(rng));
			}
			const check = await randomCheck(
				rng,
				trigger,
				sandbox(),
				FAULTS,
				totals,
				config.events.length,
			);
			trigger = check.trigger;
			if (!check.items) continue;
			const items = check.items;
			for (const pair of observable(config).keys()) {
				if (!recorded.has(pair)) {
					recorded.add(pair);
					expected.push(pair);
				}
			}
			actual.push(...pairsOf(items));
		}

		const missed = expected.filter((pair) => !actual.includes(pair));
		const duplicated = actual.filter((pair, index) => actual.indexOf(pair) !== index);
		const unexpected = actual.filter((pair) => !expected.includes(pair));
		totals.sequences += 1;
		for (const event of config.events) totals.sequencesPerEvent[event] += 1;
		totals.sequencesPerStart[config.startFrom] += 1;
		totals.emitted += actual.length;
		for (const pair of actual) {
			const event = pair.split(':')[1] as Event;
			if (event in totals.emittedPerEvent) totals.emittedPerEvent[event] += 1;
		}
		totals.missed += missed.length;
		totals.duplicated += duplicated.length;
		totals.unexpected += unexpected.length;
		if (missed.length + duplicated.length + unexpected.length > 0 && totals.failures.length < 3) {
			totals.failures.push(
				`seed ${seed} (${JSON.stringify(config)}): missed ${missed.join(',')}; duplicated ${duplicated.join(',')}; unexpected ${unexpected.join(',')}`,
			);
		}
	}
	return totals;
}

const seeds = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('AffilBox Trigger, randomized', () => {
	it(`${SEQUENCES} sequences over all four events and every Start From, with changes, insertions, faults (failing or retried), n8n's saving rules with durable cursors off and on (switched at restarts), lost writes, restarts, republishing with cursor resets, and uncommitted executions: 0 missed, 0 duplicated`, async () => {
		const totals = await runSequences(seeds(SEQUENCES));
		console.info(`trigger property test: ${JSON.stringify(totals)}`);
		expect(totals.failures).toEqual([]);
		expect(totals).toEqual(
			expect.objectContaining({ sequences: SEQUENCES, missed: 0, duplicated: 0, unexpected: 0 }),
		);
		for (const event of EVENTS) {
			expect(totals.sequencesPerEvent[event]).toBeGreaterThanOrEqual(MIN_SEQUENCES_PER_EVENT);
			expect(totals.emittedPerEvent[event]).toBeGreaterThan(50);
		}
		for (const count of Object.values(totals.sequencesPerStart)) expect(count).toBeGreaterThan(30);
		expect(totals.failedPolls).toBeGreaterThan(0);
		expect(totals.retriedPolls).toBeGreaterThan(0);
		expect(totals.lostWrites).toBeGreaterThan(0);
		expect(totals.durableFromStart).toBeGreaterThan(SEQUENCES / 4);
		for (const count of [
			totals.switches,
			totals.cursorChecks,
			totals.republished,
			totals.resets,
			totals.uncommitted,
		])
			expect(count).toBeGreaterThan(20);
	}, 1_200_000);

	describe('catches a deliberately broken planner or state choice', () => {
		afterEach(() => jest.restoreAllMocks());
		const realPlan = decisions.planPoll;
		const realChoice = stateChoice.chooseState;

		it.each([
			[
				'one that forgets that Conversion Rejected fired',
				(input: PlanInput) => {
					const plan = realPlan(input);
					for (const key of Object.keys(plan.next.seen)) plan.next.seen[key] &= ~4;
					return plan;
				},
				'duplicated',
			],
			[
				'one that ignores Start From on the first check',
				(input: PlanInput) => realPlan({ ...input, emitFromMinute: undefined }),
				'missed',
			],
			[
				'one that forgets the conversions it fired Created for',
				(input: PlanInput) => {
					const plan = realPlan(input);
					const created = new Set(plan.emit.filter((o) => o.event === 'created').map((o) => o.key));
					for (const key of created) delete plan.next.seen[key];
					return plan;
				},
				'duplicated',
			],
		] as const)(
			'%s',
			async (_, mutant, caughtAs) => {
				jest.spyOn(decisions, 'planPoll').mockImplementation(mutant);
				const totals = await runSequences(seeds(60));
				console.info(
					`mutant "${_}": ${JSON.stringify({ ...totals, failures: totals.failures.length })}`,
				);
				expect(totals[caughtAs]).toBeGreaterThan(0);
			},
			900_000,
		);

		it.each([
			[
				"one that trusts the node's own state only (n8n drops it at activation with durable cursors)",
				((node, _copy, config, current) =>
					realChoice(node, undefined, config, current)) as typeof realChoice,
				'missed',
			],
			[
				'one that takes the copy whenever it is newer (also the write of a check whose execution n8n never made)',
				((node, copy, config, current) =>
					copy !== undefined && (copy.state.n ?? 0) > (node?.n ?? 0)
						? copy.state.config === config
							? copy.state
							: undefined
						: realChoice(node, copy, config, current)) as typeof realChoice,
				'missed',
			],
			[
				"one that prefers the node's state whenever it matches (a cursor n8n made again from old data)",
				((node, copy, config, current) =>
					node?.config === config
						? node
						: realChoice(node, copy, config, current)) as typeof realChoice,
				'duplicated',
			],
			[
				'one that misses that n8n made the cursor anew (a new node id)',
				((node, copy, config, current) =>
					realChoice(
						node,
						copy && { ...copy, nodeId: current.id },
						config,
						current,
					)) as typeof realChoice,
				'duplicated',
			],
		] as const)(
			'%s',
			async (_, mutant, caughtAs) => {
				jest.spyOn(stateChoice, 'chooseState').mockImplementation(mutant);
				const totals = await runSequences(seeds(120));
				console.info(
					`mutant "${_}": ${JSON.stringify({ ...totals, failures: totals.failures.length })}`,
				);
				expect(totals[caughtAs]).toBeGreaterThan(0);
			},
			900_000,
		);
	});
});
