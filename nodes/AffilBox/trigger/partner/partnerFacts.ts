import type { IDataObject } from 'n8n-workflow';

import { PARTNER_FIELD_NAMES, personOf } from '../../helpers/simplifyPartner';
import { firstText } from '../../helpers/simplifyValues';

/**
 * Names the "allowed" flag may come under. The one published answer has `person.allow` (`1`/`0`);
 * its values are not documented, so only a clear yes counts as allowed.
 */
const ALLOW_NAMES = ['allow', 'allowed', 'povolen', 'approved'];
const YES = new Set([
	'1',
	'true',
	'yes',
	'y',
	'ano',
	'a',
	'allowed',
	'approved',
	'povolen',
	'schvalen',
]);

/**
 * Identifies a partner across polls: AffilBox's own id, else its affiliate ID, else its e-mail
 * (prefixed, so the three can never collide). Undefined for a record with none of them.
 */
export function partnerKey(record: IDataObject): string | undefined {
	const person = personOf(record);
	const id = firstText(person, PARTNER_FIELD_NAMES.id);
	if (id) return id;
	const affilId = firstText(person, PARTNER_FIELD_NAMES.affilId);
	if (affilId) return `a:${affilId}`;
	const email = firstText(person, PARTNER_FIELD_NAMES.email);
	return email ? `e:${email.toLowerCase()}` : undefined;
}

/** The registration date as sent (text), for the minute reader. */
export function registrationOf(record: IDataObject): string | undefined {
	return firstText(personOf(record), PARTNER_FIELD_NAMES.registeredAt);
}

/**
 * Whether AffilBox says the partner is allowed (approved to promote). A missing flag or a value
 * that is not a clear yes (`0`, empty, anything unknown) counts as not allowed: the filter never
 * fires for a partner on a guess, and fires once the flag reads yes.
 */
export function isAllowed(record: IDataObject): boolean {
	const text = firstText(personOf(record), ALLOW_NAMES);
	return text !== undefined && YES.has(text.toLowerCase());
}
