import type { IPollFunctions } from 'n8n-workflow';

import { affilBoxApiCall, type AffilBoxParams, type CallSettings } from '../../transport';
import { createdMinuteReader } from '../../helpers/createdMinute';
import type { Window } from '../startFrom';
import type { Observation } from './conversionDecisions';
import {
	conversionKey,
	EVENT_STATE,
	isStateEvent,
	type TriggerConfig,
	type TriggerEvent,
} from './conversionTriggerState';

/** Decides, per answer and event read, which conversions keep their whole record (see mayEmit). */
export type RecordFilter = () => (observation: Observation) => boolean;

/**
 * The calls a poll makes: one list per state event (by `filter_state`), and for Created one list
 * without a state filter. Each call names the events its records are seen for.
 */
function callsFor(events: TriggerEvent[]): Array<{ state?: string; events: TriggerEvent[] }> {
	const created = events.includes('created');
	const calls: Array<{ state?: string; events: TriggerEvent[] }> = created
		? [{ events: ['created'] }]
		: [];
	for (const event of events) {
		// A conversion in any state's list exists, so it is seen as created there too: should the
		// unfiltered list leave some state out (the API does not say it lists them all), or a
		// conversion arrive between the calls, Created still fires for it, once.
		if (isStateEvent(event))
			calls.push({ state: EVENT_STATE[event], events: created ? [event, 'created'] : [event] });
	}
	return calls;
}

/**
 * Asks AffilBox for the conversions of the window, one call per wanted state and one unfiltered
 * call for Created, and reads each answer as it streams in: every conversion leaves its key, event
 * and creation minute; its whole record only when `keepRecord` says so. Any failure throws (a
 * NodeApiError from the transport) before anything is decided or stored.
 */
export async function observeConversions(
	context: IPollFunctions,
	config: TriggerConfig,
	window: Window,
	keepRecord: RecordFilter,
	settings: CallSettings,
): Promise<Observation[]> {
	const observations: Observation[] = [];
	const createdMinuteOf = createdMinuteReader(window.zone);
	for (const call of callsFor(config.events)) {
		const params: AffilBoxParams = { filter_date_from: window.from };
		if (call.state !== undefined) params.filter_state = call.state;
		if (config.campaignId.trim() !== '') params.campaign_id = config.campaignId.trim();
		if (config.partnerId.trim() !== '') params.partner_id = config.partnerId.trim();
		let answer: Observation[] = [];
		await affilBoxApiCall.call(context, 'GetConversions', params, undefined, settings, {
			// Called again when an attempt is retried: what a failed attempt saw is dropped.
			onRecord: () => {
				answer = [];
				// One filter per event: each event of an answer is judged as if it had its own.
				const keeps = call.events.map(() => keepRecord());
				return (kind, record) => {
					if (kind !== 'conversion') return;
					const key = conversionKey(record);
					if (key === undefined) return;
					const createdMinute = createdMinuteOf(record.createDate);
					call.events.forEach((event, index) => {
						const observation: Observation = { key, event, createdMinute };
						if (keeps[index](observation)) observation.record = record;
						answer.push(observation);
					});
				};
			},
		});
		for (const observation of answer) observations.push(observation);
	}
	return observations;
}
