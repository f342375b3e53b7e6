import type { IDataObject } from 'n8n-workflow';

import { isoDateOf } from '../transport/values';
import { amountOf, fieldReader, textOrNull } from './simplifyValues';

/**
 * The names each simplified field is looked up under, best first. The first names are those of the
 * vendor's JSON API (the XML answers' names are unpublished); the others are spellings seen in
 * AffilBox's request parameters or likely in its Czech dialect.
 */
const NAMES = {
	id: ['id'],
	transactionId: ['transactionId', 'transaction_id', 'conversion_id', 'conversionId'],
	state: ['state', 'stav'],
	campaignId: ['campaignId', 'campaign_id', 'kampan'],
	campaignName: ['campaignName', 'campaign_name'],
	affilId: ['affilId', 'affil_id', 'partner_id', 'partnerId'],
	partnerEmail: ['partner', 'partnerEmail', 'partner_email', 'email'],
	commission: ['value', 'commission', 'provize'],
	orderValue: ['sales', 'orderValue', 'order_value'],
	currency: ['currency', 'mena'],
	createdAt: ['createDate', 'create_date', 'created', 'date', 'datum'],
	confirmedAt: ['confirmDate', 'confirm_date', 'confirmed'],
} as const;

/** Names that only a conversion record has: without any of them, an item is not a conversion. */
const RECOGNISED = [
	...NAMES.transactionId,
	...NAMES.campaignId,
	...NAMES.commission,
	...NAMES.createdAt,
];

/**
 * How a simplified conversion names its state: as AffilBox does (`rejection`: the AffilBox node's
 * version 2, the trigger's versions 2 and 3, which keep it), or in the words the editor shows and
 * the trigger's events use (`rejected`: the node's version 3, the trigger's version 4). Waiting,
 * authorized and invoiced read the same in both.
 */
export type StateWords = 'affilbox' | 'editor';

const EDITOR_STATES: Record<string, string> = { rejection: 'rejected' };

function stateIn(words: StateWords, state: string | null): string | null {
	if (words === 'affilbox' || state === null) return state;
	return EDITOR_STATES[state.trim().toLowerCase()] ?? state;
}

/**
 * One conversion as a flat item: ids, state, campaign, partner, commission and order value as
 * numbers, currency, and dates in ISO 8601 with the licence zone's offset. A field AffilBox did not
 * send is null. An item that is no conversion (e.g. a write's `{ success, status }`) is returned
 * unchanged, and `rawXml` (Options → Include Raw XML) is kept.
 */
export function simplifyConversion(
	record: IDataObject,
	zone: string,
	words: StateWords = 'affilbox',
): IDataObject {
	const text = fieldReader(record);
	if (text(RECOGNISED) === undefined) return record;
	const simplified: IDataObject = {
		id: textOrNull(text(NAMES.id)),
		transactionId: textOrNull(text(NAMES.transactionId)),
		state: stateIn(words, textOrNull(text(NAMES.state))),
		campaignId: textOrNull(text(NAMES.campaignId)),
		campaignName: textOrNull(text(NAMES.campaignName)),
		affilId: textOrNull(text(NAMES.affilId)),
		partnerEmail: textOrNull(text(NAMES.partnerEmail)),
		commission: amountOf(text(NAMES.commission)),
		orderValue: amountOf(text(NAMES.orderValue)),
		currency: textOrNull(text(NAMES.currency)),
		createdAt: isoDateOf(text(NAMES.createdAt), zone),
		confirmedAt: isoDateOf(text(NAMES.confirmedAt), zone),
	};
	if (record.rawXml !== undefined) simplified.rawXml = record.rawXml;
	return simplified;
}
