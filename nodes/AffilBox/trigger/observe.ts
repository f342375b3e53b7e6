import { DateTime } from 'luxon';
import type { IPollFunctions } from 'n8n-workflow';

import { AFFILBOX_DATE_FORMATS } from '../helpers/dates';
import { affilBoxApiCall, type AffilBoxParams, type CallSettings } from '../transport';
import { createdMinuteReader } from './createdMinute';
import type { Observation } from './decisions';
import { conversionKey, type TriggerConfig } from './state';

export interface Window {
	zone: string;
	startMinute: number;
	/** The window's start as the API wants it (`filter_date_from`). */
	from: string;
}

const MINUTE = 60_000;

export function toMinute(millis: number): number {
	return Math.floor(millis / MINUTE);
}

/**
 * Now minus the lookback in calendar days of the licence's zone (the same wall-clock time, also
 * across a daylight-saving change), to the minute, as the API filters.
 */
export function lookbackWindow(nowMillis: number, lookbackDays: number, zone: string): Window {
	const start = DateTime.fromMillis(nowMillis, { zone })
		.minus({ days: lookbackDays })
		.startOf('minute');
	return {
		zone,
		startMinute: toMinute(start.toMillis()),
		from: start.toFormat(AFFILBOX_DATE_FORMATS.minute),
	};
}

/** Decides, per answer read, which conversions keep their whole record (see mayEmit). */
export type RecordFilter = () => (observation: Observation) => boolean;

/**
 * Asks AffilBox for the conversions of each wanted state, one call per state, and reads each answer
 * as it streams in: every conversion leaves its key, state and creation minute; its whole record
 * only when `keepRecord` says so. Any failure throws (a NodeApiError from the transport) before
 * anything is decided or stored.
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
	for (const event of config.events) {
		const params: AffilBoxParams = { filter_state: event, filter_date_from: window.from };
		if (config.campaignId.trim() !== '') params.campaign_id = config.campaignId.trim();
		if (config.partnerId.trim() !== '') params.partner_id = config.partnerId.trim();
		let answer: Observation[] = [];
		await affilBoxApiCall.call(context, 'GetConversions', params, undefined, settings, {
			// Called again when an attempt is retried: what a failed attempt saw is dropped.
			onRecord: () => {
				answer = [];
				const keep = keepRecord();
				return (kind, record) => {
					if (kind !== 'conversion') return;
					const key = conversionKey(record);
					if (key === undefined) return;
					const observation: Observation = {
						key,
						event,
						createdMinute: createdMinuteOf(record.createDate),
					};
					if (keep(observation)) observation.record = record;
					answer.push(observation);
				};
			},
		});
		for (const observation of answer) observations.push(observation);
	}
	return observations;
}
