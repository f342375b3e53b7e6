import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../helpers/invalidInput';
import { getLicenceZone } from '../helpers/licence';
import { locatorValue } from '../helpers/locator';
import { simplifyConversion } from '../helpers/simplifyConversion';
import { xmlSafeText } from '../helpers/text';
import { planPoll, type Observation } from './decisions';
import { lookbackWindow, observeConversions, toMinute } from './observe';
import {
	configHash,
	isTriggerState,
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
	return observations.map(({ record, event }) => ({
		json: { ...(simplify ? simplifyConversion(record, zone) : record), event, detectedAt },
	}));
}

/** "Fetch Test Event": the newest matching conversion per event; stored state is left alone. */
function newestPerEvent(observations: Observation[]): Observation[] {
	const newest = new Map<TriggerEvent, Observation>();
	for (const observation of observations) {
		const current = newest.get(observation.event);
		if (
			!current ||
			(observation.createdMinute ?? -Infinity) > (current.createdMinute ?? -Infinity)
		) {
			newest.set(observation.event, observation);
		}
	}
	return [...newest.values()];
}

export async function pollAffilBox(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const config = readConfig(context);
	const zone = await licenceZone(context);
	const now = Date.now();
	const window = lookbackWindow(now, config.lookbackDays, zone);
	const observations = await observeConversions(context, config, window);
	const detectedAt = new Date(now).toISOString();

	if (context.getMode() === 'manual') {
		const newest = newestPerEvent(observations);
		return newest.length > 0 ? [toItems(context, newest, detectedAt, zone)] : null;
	}

	const staticData = context.getWorkflowStaticData('node');
	const stored = isTriggerState(staticData.state) ? staticData.state : undefined;
	const plan = planPoll({
		state: stored,
		config: configHash(config),
		observations,
		windowStartMinute: window.startMinute,
		nowMinute: toMinute(now),
		emitExistingOnFirstRun: context.getNodeParameter('emitExistingOnFirstRun', false) === true,
	});
	staticData.state = plan.next;
	return plan.emit.length > 0 ? [toItems(context, plan.emit, detectedAt, zone)] : null;
}
