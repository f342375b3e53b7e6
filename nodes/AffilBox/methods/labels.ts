import type { IDataObject } from 'n8n-workflow';

import { firstText } from '../helpers/simplifyValues';

/**
 * How campaigns, partners and conversions are shown in the editor's pickers and dropdowns, and
 * how a search text matches them. Pure functions over records as the lenient reader gives them.
 */

/** How far back the Conversion picker's list reaches (by creation). Older ones: By ID. */
export const RECENT_CONVERSION_DAYS = 90;

function isInactive(campaign: IDataObject): boolean {
	const active = firstText(campaign, ['active', 'aktivni']);
	return active === '0' || active?.toLowerCase() === 'false';
}

export interface CampaignEntry {
	id: string;
	label: string;
	inactive: boolean;
}

/** `Summer sale (11)`, `Winter 2024 (14) · inactive`: the number is what expressions need. */
export function campaignEntries(campaigns: IDataObject[]): CampaignEntry[] {
	return campaigns
		.map((campaign) => {
			const id = firstText(campaign, ['id']) ?? '';
			const name = firstText(campaign, ['name', 'nazev']) || `Campaign ${id}`;
			const inactive = isInactive(campaign);
			return { id, label: `${name} (${id})${inactive ? ' · inactive' : ''}`, inactive };
		})
		.filter((entry) => entry.id !== '')
		.sort((a, b) => Number(a.inactive) - Number(b.inactive) || a.label.localeCompare(b.label));
}

function person(partner: IDataObject): IDataObject {
	const value = partner.person;
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: partner;
}

export interface PartnerEntry {
	/** What is sent as `partner_id`: the affiliate ID, or the e-mail when there is none. */
	value: string;
	label: string;
	/** Everything a search may match: name, e-mail, affiliate ID. */
	searchText: string;
}

/** `Jiří Dvořák · jiri.dvorak@example.com · jdvorak`, sorted by name. */
export function partnerEntries(partners: IDataObject[]): PartnerEntry[] {
	return partners
		.map((partner) => {
			const data = person(partner);
			const affilId = firstText(data, ['affilid', 'affilId', 'affil_id']) ?? '';
			const email = firstText(data, ['email']) ?? '';
			const name = [firstText(data, ['name']), firstText(data, ['surname'])]
				.filter((part) => part)
				.join(' ');
			const label = [name, email, affilId].filter((part) => part).join(' · ');
			return { value: affilId || email, label, searchText: `${name} ${email} ${affilId}` };
		})
		.filter((entry) => entry.value !== '')
		.sort((a, b) => a.label.localeCompare(b.label));
}

export interface ConversionEntry {
	/** The transaction ID, which every conversion call takes as `conversion_id`. */
	value: string;
	label: string;
	searchText: string;
	created: string;
}

/** `OBJ-2025-0002 · 89.90 CZK · zofie · waiting · 2025-02-03 8:45:21 · Summer sale (11)`. */
export function conversionEntries(conversions: IDataObject[]): ConversionEntry[] {
	return conversions
		.map((conversion) => {
			const text = (names: string[]) => firstText(conversion, names) ?? '';
			const transactionId = text(['transactionId', 'transaction_id', 'conversion_id']);
			const amount = [text(['value', 'commission']), text(['currency'])].filter((p) => p).join(' ');
			const partner = text(['affilId', 'partner']);
			const campaignId = text(['campaignId', 'campaign_id']);
			const campaignName = text(['campaignName']);
			const campaign = campaignName ? `${campaignName} (${campaignId})` : campaignId;
			const created = text(['createDate', 'created', 'date']);
			const parts = [transactionId, amount, partner, text(['state']), created, campaign];
			return {
				value: transactionId,
				label: parts.filter((part) => part).join(' · '),
				searchText: `${parts.join(' ')} ${text(['partner'])}`,
				created,
			};
		})
		.filter((entry) => entry.value !== '');
}

function folded(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
}

/** Every word of the search (any case, with or without diacritics) occurs in `text`. */
export function matchesSearch(text: string, search: string | undefined): boolean {
	const words = folded(search ?? '')
		.split(/\s+/)
		.filter((word) => word !== '');
	const haystack = folded(text);
	return words.every((word) => haystack.includes(word));
}
