import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../../shared/invalidInput';
import { getLicenceZone } from '../helpers/licence';
import { locatorValue } from '../helpers/locator';
import { simplifyConversion } from '../helpers/simplifyConversion';
import { xmlSafeText } from '../helpers/text';
import type { CallSettings } from '../transport';
import { isBaseline, mayEmit, planPoll, type Observation, type PlanBasis } from './decisions';
import { lookbackWindow, observeConversions, toMinute, type RecordFilter } from './observe';
import { checkWindow, readTriggerStartFrom } from './conversionStartFrom';
import {
	configHash,
	readTriggerState,
	TRIGGER_EVENTS,
	type TriggerConfig,
	type TriggerEvent,
} from './state';

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
	const lookbackDays = Number(context.getNodeParameter('lookbackDays', 90));
	if (!Number.isInteger(lookbackDays) || lookbackDays < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`Lookback Window must be a whole number of days ≥ 1, got ${String(lookbackDays)}`,
		);
	}
	let campaignId: string;
	let partnerId: string;
	try {
		// Version 2 filters are pickers; their plain value is what version 1 stored.
		campaignId = xmlSafeText(locatorValue(filters.campaignId) ?? '', 'Campaign');
		partnerId = xmlSafeText(locatorValue(filters.partnerId) ?? '', 'Partner');
	} catch (error) {
		const { message, hint } = error as InvalidInputError;
		throw new NodeOperationError(context.getNode(), message, { description: hint });
	}
	return {
		events: TRIGGER_EVENTS.filter((event) => events.includes(event)),
		campaignId,
		partnerId,
		lookbackDays,
	};
}

/** The licence zone, its error raised as the node's own (a trigger has no per-item runner to do it). */
async function licenceZone(context: IPollFunctions): Promise<string> {
	try {
		return await getLicenceZone(context);
	} catch (error) {
		// Keeps the message; a NodeOperationError (e.g. a missing credential) passes through as it is.
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

/** Version 2's Simplify (on by default) flattens each conversion; version 1 emits it as sent. */
function toItems(
	context: IPollFunctions,
	observations: Observation[],
	detectedAt: string,
	zone: string,
): INodeExecutionData[] {
	const simplify = context.getNodeParameter('simplify', false) === true;
	// What is emitted always kept its record (see mayEmit); `{}` only satisfies the type.
	return observations.map(({ record = {}, event }) => ({
		json: { ...(simplify ? simplifyConversion(record, zone) : record), event, detectedAt },
	}));
}

function isNewer(observation: Observation, than: Observation | undefined): boolean {
	return !than || (observation.createdMinute ?? -Infinity) > (than.createdMinute ?? -Infinity);
}

/** "Fetch Test Event" keeps, per answer (one event each), the record of the newest conversion only. */
const newestRecordOnly: RecordFilter = () => {
	let newest: Observation | undefined;
	return (observation) => {
		if (!isNewer(observation, newest)) return false;
		if (newest) delete newest.record;
		newest = observation;
		return true;
	};
};

/** "Fetch Test Event": the newest matching conversion per event; stored state is left alone. */
function newestPerEvent(observations: Observation[]): Observation[] {
	const newest = new Map<TriggerEvent, Observation>();
	for (const observation of observations) {
		if (isNewer(observation, newest.get(observation.event)))
			newest.set(observation.event, observation);
	}
	return [...newest.values()];
}

/** Share of a poll budget the answers may use; the rest is left for deciding and saving. */
const BUDGET_SHARE = 0.9;

/**
 * Each answer of a poll must be in within this time, whole transfer included. The trigger has no
 * Timeout option, and one answer holds the whole lookback window: 100,000 conversions are about
 * 45 MB, which takes tens of seconds on a slow link or a busy machine.
 */
const POLL_CALL_SETTINGS: CallSettings = { maxRetries: 3, timeoutMs: 120_000 };

/**
 * The calls of a poll. Where the n8n running the poll gives it a time budget (`getPollBudgetMs`,
 * newer n8n only, hence looked up rather than typed), no call runs past it.
 */
function pollCallSettings(context: IPollFunctions, startedAt: number): CallSettings {
	const settings: CallSettings = { ...POLL_CALL_SETTINGS };
	const withBudget = context as { getPollBudgetMs?: () => number | undefined };
	const budget =
		typeof withBudget.getPollBudgetMs === 'function' ? withBudget.getPollBudgetMs() : undefined;
	if (typeof budget === 'number' && Number.isFinite(budget) && budget > 0) {
		settings.deadline = startedAt + Math.floor(budget * BUDGET_SHARE);
	}
	return settings;
}

export async function pollAffilBox(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const config = readConfig(context);
	const zone = await licenceZone(context);
	const start = readTriggerStartFrom(context, zone);
	const now = Date.now();
	const window = lookbackWindow(now, config.lookbackDays, zone);
	const detectedAt = new Date(now).toISOString();
	const settings = pollCallSettings(context, startedAt);

	if (context.getMode() === 'manual') {
		const observations = await observeConversions(
			context,
			config,
			window,
			newestRecordOnly,
			settings,
		);
		const newest = newestPerEvent(observations);
		return newest.length > 0 ? [toItems(context, newest, detectedAt, zone)] : null;
	}

	const staticData = context.getWorkflowStaticData('node');
	const stored = readTriggerState(staticData.state);
	const hash = configHash(config);
	const check = checkWindow(isBaseline(stored, hash), start, window);
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
	staticData.state = plan.next;
	return plan.emit.length > 0 ? [toItems(context, plan.emit, detectedAt, zone)] : null;
}
