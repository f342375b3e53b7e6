import { DateTime } from 'luxon';
import type { IPollFunctions } from 'n8n-workflow';

import { AFFILBOX_DATE_FORMATS } from '../helpers/dates';
import { affilBoxApiCall, type AffilBoxParams } from '../transport';
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

/**
 * Asks AffilBox for the conversions of each wanted state, one call per state. Any failure throws
 * (a NodeApiError from the transport) before anything is decided or stored.
 */
export async function observeConversions(
	context: IPollFunctions,
	config: TriggerConfig,
	window: Window,
): Promise<Observation[]> {
	const observations: Observation[] = [];
	const createdMinuteOf = createdMinuteReader(window.zone);
	for (const event of config.events) {
		const params: AffilBoxParams = { filter_state: event, filter_date_from: window.from };
		if (config.campaignId.trim() !== '') params.campaign_id = config.campaignId.trim();
		if (config.partnerId.trim() !== '') params.partner_id = config.partnerId.trim();
		const { answer } = await affilBoxApiCall.call(context, 'GetConversions', params);
		for (const record of answer.records.conversion) {
			const key = conversionKey(record);
			if (key === undefined) continue;
			observations.push({
				key,
				event,
				createdMinute: createdMinuteOf(record.createDate),
				record,
			});
		}
	}
	return observations;
}
