/* eslint-disable no-console -- prints the run's totals for the record */
import type { INodeType } from 'n8n-workflow';

import type * as Decisions from '../../../nodes/AffilBox/trigger/partner/partnerDecisions';
import { useAffilBoxSandbox } from './affilBoxWorkflow';
import { failingFaults, random, randomCheck, type Random } from './seededRandom';
import { fired, partnerTrigger } from './partnerTriggerWorkflow';
import { pragueTime } from './triggerWorkflow';

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

export interface PropertyTotals {
	sequences: number;
	polls: number;
	failedPolls: number;
	retriedPolls: number;
	lostWrites: number;
	restarts: number;
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
		sequences: 0,
		polls: 0,
		failedPolls: 0,
		retriedPolls: 0,
		lostWrites: 0,
		restarts: 0,
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
		let trigger = partnerTrigger(
			sandbox(),
			{
				lookbackDays: LOOKBACK_DAYS,
				onlyAllowed: config.onlyAllowed,
				startFrom: config.startFrom,
				startDate,
			},
			create,
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

/** The trigger node with a planner changed by `mutate`, loaded afresh so nothing else sees it. */
function mutantTrigger(
	mutate: (real: typeof Decisions.planPartnerPoll) => typeof Decisions.planPartnerPoll,
): () => INodeType {
	let Trigger: new () => INodeType = class {} as never;
	jest.isolateModules(() => {
		const path = '../../../nodes/AffilBox/trigger/partner/partnerDecisions';
		const real = jest.requireActual<typeof Decisions>(path);
		jest.doMock(path, () => ({ ...real, planPartnerPoll: mutate(real.planPartnerPoll) }));
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock
		Trigger = require('../../../nodes/AffilBox/AffilBoxPartnerTrigger.node').AffilBoxPartnerTrigger;
	});
	return () => new Trigger();
}

describe('AffilBox Partner Trigger, randomized', () => {
	it(`${SEQUENCES} sequences of registrations, allowing, faults (failing or retried), lost writes and restarts: 0 missed, 0 duplicated`, async () => {
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
	}, 1_200_000);

	// The property must catch a broken planner: each mutant below is a plausible bug.
	const MUTANTS: Array<[string, Parameters<typeof mutantTrigger>[0], keyof PropertyTotals]> = [
		[
			'records partners that are not allowed yet (so they never fire once allowed)',
			(real) => (basis, observations) => {
				const plan = real(basis, observations);
				for (const observation of observations) {
					if (!observation.allowed) plan.next.seen[observation.key] ??= basis.nowMinute;
				}
				return plan;
			},
			'missed',
		],
		[
			'forgets what fired before (every check is judged against an empty state)',
			(real) => (basis, observations) =>
				real(basis.state ? { ...basis, state: { ...basis.state, seen: {} } } : basis, observations),
			'duplicated',
		],
	];

	it.each(MUTANTS)(
		'a planner that %s fails the property',
		async (_name, mutate, caught) => {
			const totals = await runProperty(40, mutantTrigger(mutate));
			console.info(
				`partner trigger property test against a mutant (${caught}): ${JSON.stringify(totals)}`,
			);
			expect(totals[caught]).toBeGreaterThan(0);
		},
		900_000,
	);
});
