/* eslint-disable no-console -- prints the run's totals for the record */
import { useAffilBoxSandbox } from './affilBoxWorkflow';
import { failingFaults, PASSING_FAULTS, random } from './seededRandom';
import {
	ActiveTrigger,
	addConversion,
	pragueTime,
	setState,
	type ConversionState,
} from './triggerWorkflow';

const sandbox = useAffilBoxSandbox();

const SEQUENCES = 200;
const POLLS_PER_SEQUENCE = 8;
const STATES: ConversionState[] = ['waiting', 'rejection', 'authorized', 'invoiced'];
const LOOKBACK_DAYS = 90;

// Creation dates keep clear of the window's edge, so the oracle and the trigger never disagree by a minute.
const daysAgo = (rng: ReturnType<typeof random>) =>
	rng.chance(0.8) ? rng.int(0, 80) : rng.int(100, 130);

const FAULTS = failingFaults('<response><status>OK</status><conversion><id>1');

interface Config {
	events: Array<'authorized' | 'invoiced'>;
	campaignId: string;
	partnerId: string;
	emitExisting: boolean;
}

/** The pairs a poll can see now: wanted state, matching filters, created inside the window. */
function observable(config: Config): Set<string> {
	const pairs = new Set<string>();
	const windowStart = pragueTime(LOOKBACK_DAYS);
	for (const conversion of sandbox().store.conversions) {
		if (!(config.events as string[]).includes(conversion.state)) continue;
		if (config.campaignId && conversion.campaignId !== config.campaignId) continue;
		if (config.partnerId && conversion.affilId !== config.partnerId) continue;
		if (conversion.createDate < windowStart) continue;
		pairs.add(`${conversion.id}:${conversion.state}`);
	}
	return pairs;
}

const pairsOf = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => `${String(item.json.id)}:${String(item.json.event)}`);

describe('AffilBox Trigger, randomized', () => {
	it(`${SEQUENCES} sequences of changes, insertions, faults (failing or retried), lost writes and restarts: 0 missed, 0 duplicated`, async () => {
		const totals = {
			sequences: 0,
			polls: 0,
			failedPolls: 0,
			retriedPolls: 0,
			lostWrites: 0,
			restarts: 0,
			emitted: 0,
			missed: 0,
			duplicated: 0,
		};

		for (let seed = 1; seed <= SEQUENCES; seed++) {
			const rng = random(seed);
			sandbox().reset();
			const config: Config = {
				events: rng.pick([
					['authorized', 'invoiced'],
					['authorized'],
					['invoiced'],
				] as Config['events'][]),
				campaignId: rng.chance(0.3) ? '11' : '',
				partnerId: rng.chance(0.2) ? 'zofie' : '',
				emitExisting: rng.chance(0.3),
			};
			const conversions = Array.from({ length: rng.int(0, 8) }, () =>
				addConversion(sandbox(), {
					state: rng.pick(STATES),
					createDate: pragueTime(daysAgo(rng), rng.int(0, 600)),
					campaignId: rng.pick(['11', '12']),
					affilId: rng.pick(['jdvorak', 'zofie']),
				}),
			);
			let trigger = new ActiveTrigger(sandbox(), {
				events: config.events,
				lookbackDays: LOOKBACK_DAYS,
				emitExistingOnFirstRun: config.emitExisting,
				filters: { campaignId: config.campaignId, partnerId: config.partnerId },
			});

			const recorded = observable(config);
			const expected: string[] = config.emitExisting ? [...recorded] : [];
			const actual: string[] = pairsOf(await trigger.activate());

			for (let step = 0; step < POLLS_PER_SEQUENCE; step++) {
				for (let change = rng.int(0, 3); change > 0; change--) {
					if (conversions.length > 0 && rng.chance(0.7))
						setState(sandbox(), rng.pick(conversions), rng.pick(STATES));
					else
						conversions.push(
							addConversion(sandbox(), {
								state: rng.pick(STATES),
								createDate: pragueTime(daysAgo(rng), rng.int(0, 600)),
								campaignId: rng.pick(['11', '12']),
								affilId: rng.pick(['jdvorak', 'zofie']),
							}),
						);
				}
				if (rng.chance(0.1)) {
					trigger = trigger.restarted();
					totals.restarts += 1;
				}
				totals.polls += 1;
				if (rng.chance(0.2)) {
					// Fail the first or the second call of the poll.
					if (config.events.length === 2 && rng.chance(0.5))
						sandbox().injectFault({ passThrough: true });
					sandbox().injectFault({ times: 1, ...rng.pick(FAULTS) });
					await expect(trigger.poll()).rejects.toThrow();
					totals.failedPolls += 1;
					continue;
				}
				if (rng.chance(0.1)) {
					sandbox().injectFault({ times: 1, ...rng.pick(PASSING_FAULTS) });
					totals.retriedPolls += 1;
				}
				// Default n8n drops what a poll that emitted nothing wrote; durable-cursor mode keeps it.
				const emptyWrites = rng.chance(0.6) ? 'lost' : 'saved';
				const items = await trigger.poll({ emptyWrites });
				if (items.length === 0 && emptyWrites === 'lost') totals.lostWrites += 1;
				for (const pair of observable(config)) {
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
			totals.emitted += actual.length;
			totals.missed += missed.length;
			totals.duplicated += duplicated.length;
			if (missed.length + duplicated.length + unexpected.length > 0) {
				throw new Error(
					`seed ${seed}: missed ${missed.join(',')}; duplicated ${duplicated.join(',')}; unexpected ${unexpected.join(',')}`,
				);
			}
		}

		console.info(`trigger property test: ${JSON.stringify(totals)}`);
		expect(totals).toEqual(
			expect.objectContaining({ sequences: SEQUENCES, missed: 0, duplicated: 0 }),
		);
		expect(totals.emitted).toBeGreaterThan(SEQUENCES);
		expect(totals.failedPolls).toBeGreaterThan(0);
		expect(totals.retriedPolls).toBeGreaterThan(0);
		expect(totals.lostWrites).toBeGreaterThan(0);
	}, 120_000);
});
