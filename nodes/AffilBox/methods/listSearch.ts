import { DateTime } from 'luxon';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { AFFILBOX_DATE_FORMATS } from '../helpers/dates';
import { getLicenceZone } from '../helpers/licence';
import { affilBoxApiCall } from '../transport';
import { createdMinuteReader } from '../helpers/createdMinute';
import {
	campaignEntries,
	conversionEntries,
	matchesSearch,
	partnerEntries,
	RECENT_CONVERSION_DAYS,
} from './labels';

/**
 * The "From List" pickers of version 2. AffilBox has no search and no paging, so each list is
 * fetched whole and searched and paged here; a page holds PAGE_SIZE entries.
 */
const PAGE_SIZE = 100;

function page<T extends { value: string; label: string }>(
	entries: T[],
	paginationToken: string | undefined,
): INodeListSearchResult {
	const start = Math.max(0, Number(paginationToken) || 0);
	const end = start + PAGE_SIZE;
	return {
		results: entries.slice(start, end).map((entry) => ({ name: entry.label, value: entry.value })),
		paginationToken: end < entries.length ? String(end) : undefined,
	};
}

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { answer } = await affilBoxApiCall.call(this, 'GetCampaigns');
	const entries = campaignEntries(answer.records.campaign)
		.filter((entry) => matchesSearch(entry.label, filter))
		.map((entry) => ({ value: entry.id, label: entry.label }));
	return page(entries, paginationToken);
}

/** Partners by name, e-mail or affiliate ID: GetPartners has no search, so the list is filtered here. */
export async function searchPartners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { answer } = await affilBoxApiCall.call(this, 'GetPartners');
	const entries = partnerEntries(answer.records.partner).filter((entry) =>
		matchesSearch(entry.searchText, filter),
	);
	return page(entries, paginationToken);
}

/** Conversions created in the last RECENT_CONVERSION_DAYS days, newest first, searchable by any shown value. */
export async function searchConversions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const zone = await getLicenceZone(this);
	const from = DateTime.now()
		.setZone(zone)
		.minus({ days: RECENT_CONVERSION_DAYS })
		.toFormat(AFFILBOX_DATE_FORMATS.minute);
	const { answer } = await affilBoxApiCall.call(this, 'GetConversions', { filter_date_from: from });
	const minuteOf = createdMinuteReader(zone);
	const entries = conversionEntries(answer.records.conversion)
		.map((entry) => ({ entry, minute: minuteOf(entry.created) ?? -Infinity }))
		.sort((a, b) => b.minute - a.minute)
		.map(({ entry }) => entry)
		.filter((entry) => matchesSearch(entry.searchText, filter));
	return page(entries, paginationToken);
}
