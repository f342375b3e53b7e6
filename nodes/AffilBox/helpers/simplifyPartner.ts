import type { IDataObject } from 'n8n-workflow';

import { isoDateOf } from '../transport/values';
import { fieldReader, firstText, textOrNull } from './simplifyValues';

/** The names each partner field is looked up under (AffilBox does not publish them). */
export const PARTNER_FIELD_NAMES = {
	id: ['id'],
	affilId: ['affilid', 'affilId', 'affil_id'],
	email: ['email', 'e-mail', 'mail'],
	firstName: ['name', 'firstName', 'first_name', 'jmeno'],
	lastName: ['surname', 'lastName', 'last_name', 'prijmeni'],
	registeredAt: ['register', 'registered', 'registration', 'registerDate', 'register_date'],
	lastLoginAt: ['last_login', 'lastLogin', 'last_login_date'],
} as const;

function group(record: IDataObject, name: string): IDataObject | undefined {
	const value = record[name];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** The partner's own fields: its `person` group as GetPartners sends it, or the record when flat. */
export function personOf(record: IDataObject): IDataObject {
	return group(record, 'person') ?? record;
}

/**
 * One partner as a flat item: id, affiliate ID, e-mail, first and last name, company name,
 * registration and last login in ISO 8601 with the licence zone's offset. The person's fields are
 * read from its `person` group as GetPartners sends it, or from the record itself when it is flat.
 * A field AffilBox did not send is null; `created` (Get or Create) and `rawXml` are kept.
 */
export function simplifyPartner(record: IDataObject, zone: string): IDataObject {
	const person = personOf(record);
	const company = group(record, 'company');
	const text = fieldReader(person);
	const simplified: IDataObject = {
		id: textOrNull(text(PARTNER_FIELD_NAMES.id)),
		affilId: textOrNull(text(PARTNER_FIELD_NAMES.affilId)),
		email: textOrNull(text(PARTNER_FIELD_NAMES.email)),
		firstName: textOrNull(text(PARTNER_FIELD_NAMES.firstName)),
		lastName: textOrNull(text(PARTNER_FIELD_NAMES.lastName)),
		company: company ? textOrNull(firstText(company, ['name'])) : null,
		registeredAt: isoDateOf(text(PARTNER_FIELD_NAMES.registeredAt), zone),
		lastLoginAt: isoDateOf(text(PARTNER_FIELD_NAMES.lastLoginAt), zone),
	};
	if (record.created !== undefined) simplified.created = record.created;
	if (record.rawXml !== undefined) simplified.rawXml = record.rawXml;
	return simplified;
}
