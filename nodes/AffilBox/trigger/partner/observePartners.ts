import { DateTime } from 'luxon';
import type { IPollFunctions } from 'n8n-workflow';

import { AFFILBOX_DATE_FORMATS } from '../../helpers/dates';
import { affilBoxApiCall, type CallSettings } from '../../transport';
import { createdMinuteReader } from '../../helpers/createdMinute';
import type { PartnerObservation } from './partnerDecisions';
import { isAllowed, partnerKey, registrationOf } from './partnerFacts';

/** Decides, per answer read, which partners keep their whole record. */
export type PartnerRecordFilter = () => (observation: PartnerObservation) => boolean;

/** `register_from` for a window starting at `minute`: its day in the licence zone (the API takes days). */
export function registerFrom(minute: number, zone: string): string {
	return DateTime.fromMillis(minute * 60_000, { zone }).toFormat(AFFILBOX_DATE_FORMATS.day);
}

/**
 * Asks AffilBox once for the partners registered since the window's day (`GetPartners` with
 * `register_from`) and reads the answer as it streams in: every partner leaves its key,
 * registration minute and allowed flag; its whole record only when `keepRecord` says so. Any
 * failure throws (a NodeApiError from the transport) before anything is decided or stored.
 */
export async function observePartners(
	context: IPollFunctions,
	windowStartMinute: number,
	zone: string,
	keepRecord: PartnerRecordFilter,
	settings: CallSettings,
): Promise<PartnerObservation[]> {
	const registeredMinuteOf = createdMinuteReader(zone);
	let answer: PartnerObservation[] = [];
	const params = { register_from: registerFrom(windowStartMinute, zone) };
	await affilBoxApiCall.call(context, 'GetPartners', params, undefined, settings, {
		// Called again when an attempt is retried: what a failed attempt saw is dropped.
		onRecord: () => {
			answer = [];
			const keep = keepRecord();
			return (kind, record) => {
				if (kind !== 'partner') return;
				const key = partnerKey(record);
				if (key === undefined) return;
				const observation: PartnerObservation = {
					key,
					registeredMinute: registeredMinuteOf(registrationOf(record)),
					allowed: isAllowed(record),
				};
				if (keep(observation)) observation.record = record;
				answer.push(observation);
			};
		},
	});
	return answer;
}
