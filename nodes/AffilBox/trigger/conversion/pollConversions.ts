import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue } from '../../helpers/locator';
import { simplifyConversion } from '../../helpers/simplifyConversion';
import { xmlSafeText } from '../../helpers/text';
import type { CallSettings } from '../../transport';
import { timedCheck } from '../checkDeadline';
import { checkWindow, readTriggerStartFrom } from './conversionStartFrom';
import { mayEmit, planPoll, type Observation, type PlanBasis } from './conversionDecisions';
import {
	daysText,
	isNewer,
	listedWithOr,
	newestRecordOnly,
	nothingToFetch,
} from '../fetchTestEvent';
import { detectedAtOf, triggerStateWords } from './conversionTriggerFields';
import { observeConversions, type RecordFilter } from './observeConversions';
import { lookbackWindow, toMinute } from '../startFrom';
import { licenceZone, readLookbackDays, readTriggerInput } from '../pollSettings';
import {
	configHash,
	readTriggerState,
	TRIGGER_EVENTS,
	type TriggerConfig,
	type TriggerEvent,
} from './conversionTriggerState';
import { entriesBefore, TriggerStateStore } from '../stateStore';
import { startsBaseline } from '../storedState';

function readConfig(context: IPollFunctions): TriggerConfig {
	const events = (context.getNodeParameter('events', []) as string[]).filter(
		(event): event is TriggerEvent => TRIGGER_EVENTS.includes(event as TriggerEvent),
	);
	if (events.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'Events: choose at least one event to watch for',
		);
	}
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const lookbackDays = readLookbackDays(context, 90);
	// Version 2 filters are pickers; their plain value is what version 1 stored.
	const campaignId = readTriggerInput(context, () =>
		xmlSafeText(locatorValue(filters.campaignId) ?? '', 'Campaign'),
	);
	const partnerId = readTriggerInput(context, () =>
		xmlSafeText(locatorValue(filters.partnerId) ?? '', 'Partner'),
	);
	return {
		events: TRIGGER_EVENTS.filter((event) => events.includes(event)),
		campaignId,
		partnerId,
		lookbackDays,
	};
}

/** Version 2's Simplify (on by default) flattens each conversion; version 1 emits it as sent. */
function toItems(
	context: IPollFunctions,
	observations: Observation[],
	detectedAt: string,
	zone: string,
): INodeExecutionData[] {
	const simplify = context.getNodeParameter('simplify', false) === true;
	const words = triggerStateWords(context.getNode().typeVersion);
	// What is emitted always kept its record (see mayEmit); `{}` only satisfies the type.
	return observations.map(({ record = {}, event }) => ({
		json: { ...(simplify ? simplifyConversion(record, zone, words) : record), event, detectedAt },
	}));
}

/** What "Fetch Test Event" says when no conversion matches (see fetchTestEvent.ts). */
const STATE_WORDS = { authorized: 'authorized', invoiced: 'invoiced', rejected: 'rejected' };

function conversionsNotFound(config: TriggerConfig): {
	message: string;
	description: string;
} {
	const filters = [
		config.partnerId ? `of partner ${config.partnerId}` : '',
		config.campaignId ? `in campaign ${config.campaignId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	const which = filters ? `conversion ${filters}` : 'conversion';
	const window = `in the last ${daysText(config.lookbackDays)}`;
	const states = config.events.filter((event) => event !== 'created');
	const message = config.events.includes('created')
		? `No ${which} was created ${window}`
		: `No ${which} created ${window} is ${listedWithOr(states.map((event) => STATE_WORDS[event]))}`;
	const loosen = [
		'widen the Lookback Window (Days)',
		...(config.events.length < 4 ? ['choose more events'] : []),
		...(filters ? ['remove a filter'] : []),
	];
	return {
		message,
		description: `Fetch Test Event shows the newest matching conversion of each chosen event, among the conversions created inside the Lookback Window. To see one: ${listedWithOr(loosen)}, or create or approve a conversion in AffilBox and fetch again. The active workflow is not affected.`,
	};
}

const createdMinute = (observation: Observation) => observation.createdMinute;

/** "Fetch Test Event" keeps, per answer (one event each), the record of the newest conversion only. */
const newestConversionOnly: RecordFilter = newestRecordOnly(createdMinute);

/** "Fetch Test Event": the newest matching conversion per event; stored state is left alone. */
function newestPerEvent(observations: Observation[]): Observation[] {
	const newest = new Map<TriggerEvent, Observation>();
	for (const observation of observations) {
		if (isNewer(observation, newest.get(observation.event), createdMinute))
			newest.set(observation.event, observation);
	}
	return [...newest.values()];
}

export async function pollAffilBox(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const config = readConfig(context);
	const words = { lookbackDays: config.lookbackDays, calls: config.events.length, hasEvents: true };
	return await timedCheck(context, startedAt, words, (settings) =>
		runCheck(context, config, settings),
	);
}

async function runCheck(
	context: IPollFunctions,
	config: TriggerConfig,
	settings: CallSettings,
): Promise<INodeExecutionData[][] | null> {
	const zone = await licenceZone(context);
	const start = readTriggerStartFrom(context, zone);
	const now = Date.now();
	const window = lookbackWindow(now, config.lookbackDays, zone);
	const detectedAt = detectedAtOf(now, zone, context.getNode().typeVersion);

	if (context.getMode() === 'manual') {
		const observations = await observeConversions(
			context,
			config,
			window,
			newestConversionOnly,
			settings,
		);
		const newest = newestPerEvent(observations);
		if (newest.length === 0) throw nothingToFetch(context.getNode(), conversionsNotFound(config));
		return [toItems(context, newest, detectedAt, zone)];
	}

	const store = new TriggerStateStore(context, readTriggerState);
	const hash = configHash(config);
	const stored = store.read(hash);
	const check = checkWindow(startsBaseline(stored, hash), start, window);
	const basis: PlanBasis = {
		state: stored,
		config: hash,
		windowStartMinute: check.window.startMinute,
		nowMinute: toMinute(now),
		emitFromMinute: check.emitFromMinute,
	};
	const observations = await observeConversions(
		context,
		config,
		check.window,
		() => mayEmit(basis),
		settings,
	);
	const plan = planPoll({ ...basis, observations });
	const firedKeys = plan.emit.map((observation) => observation.key);
	store.write(plan.next, entriesBefore(firedKeys, plan.baseline ? undefined : stored?.seen));
	return plan.emit.length > 0 ? [toItems(context, plan.emit, detectedAt, zone)] : null;
}
