import type { IDataObject } from 'n8n-workflow';

import type { JsonRecord } from '../../../shared/jsonProblem';
import {
	amountOf,
	booleanOf,
	currencyOf,
	dateOf,
	fieldOf,
	firstObject,
	idOf,
	numberOf,
	objectsOf,
	sumOfAmounts,
	textOrNull,
} from './values';

/**
 * Where each API v2 answer keeps its records, and each record read into the form the node
 * outputs: values as values.ts reads them, field names as AffilBox sends them (one spelling where
 * AffilBox has several: `postCode`), fields we do not know passed through as they came. Where the
 * payload sits is per endpoint, as the one public client reports it.
 */

const ENVELOPE = new Set(['status', 'meta']);

/** conversions/list: the list under top-level `conversion` (missing → none). */
export function conversionsIn(body: JsonRecord): JsonRecord[] {
	return objectsOf(fieldOf(body, ['conversion', 'conversions']));
}

/** partner/list: the list under top-level `partner`. */
export function partnersIn(body: JsonRecord): JsonRecord[] {
	return objectsOf(fieldOf(body, ['partner', 'partners']));
}

/** campaigns/list: the list under top-level `campaign`. */
export function campaignsIn(body: JsonRecord): JsonRecord[] {
	return objectsOf(fieldOf(body, ['campaign', 'campaigns']));
}

/** invoices/list: `data.invoices`, or `data` itself as the list (both reported). */
export function invoicesIn(body: JsonRecord): JsonRecord[] {
	const data = body.data;
	if (Array.isArray(data)) return objectsOf(data);
	if (typeof data === 'object' && data !== null) {
		return objectsOf(fieldOf(data as JsonRecord, ['invoices', 'invoice']));
	}
	return objectsOf(fieldOf(body, ['invoices']));
}

/** invoices/upload: the invoice under top-level `invoice` (or `data`); undefined when absent. */
export function uploadedInvoiceIn(body: JsonRecord): JsonRecord | undefined {
	const found = objectsOf(fieldOf(body, ['invoice']) ?? body.data)[0];
	return found;
}

/** dashboard, instance: the object under `data`. */
export function dataObjectIn(body: JsonRecord): JsonRecord {
	return firstObject(body.data);
}

/** partner/add: the fields at the top level, beside `status` and `meta`. */
export function topLevelFieldsOf(body: JsonRecord): JsonRecord {
	return Object.fromEntries(Object.entries(body).filter(([key]) => !ENVELOPE.has(key)));
}

/** Fields of partner/add's answer that are the new partner's secrets: never in a log or error. */
export const PARTNER_ADDED_SECRET_FIELDS = ['password', 'apiKey'] as const;

function withRest(
	record: JsonRecord,
	read: IDataObject,
	drop: readonly string[] = [],
): IDataObject {
	const rest = Object.fromEntries(
		Object.entries(record).filter(([key]) => !(key in read) && !drop.includes(key)),
	) as IDataObject;
	return { ...rest, ...read };
}

export function readConversion(record: JsonRecord, zone: string): IDataObject {
	return withRest(record, {
		id: idOf(record.id),
		transactionId: idOf(record.transactionId),
		// Kept as text: a state beyond the four known ones must not break a workflow.
		state: textOrNull(record.state) as IDataObject[string],
		createDate: dateOf(record.createDate, zone),
		confirmDate: dateOf(record.confirmDate, zone),
		campaignId: idOf(record.campaignId),
		campaignName: textOrNull(record.campaignName) as IDataObject[string],
		value: amountOf(record.value),
		sales: amountOf(record.sales),
		currency: currencyOf(record.currency),
		affilId: idOf(record.affilId),
		partner: textOrNull(record.partner) as IDataObject[string],
		channel: textOrNull(record.channel) as IDataObject[string],
		coupon: textOrNull(record.coupon) as IDataObject[string],
		comment: textOrNull(record.comment) as IDataObject[string],
	});
}

const POST_CODE_NAMES = ['postCode', 'postcode', 'psc', 'zip'];

/** An address-like object (partner address, invoice supplier and customer), one `postCode`. */
function readParty(value: unknown): IDataObject {
	const record = firstObject(value);
	const read: IDataObject = {
		postCode: textOrNull(fieldOf(record, POST_CODE_NAMES)) as IDataObject[string],
	};
	// ic/dic as text: AffilBox sends company numbers as strings, sometimes without the leading zero
	// a Czech IČO has (7 digits for 8); what it sent is kept, nothing is padded.
	for (const name of ['ic', 'dic']) {
		if (name in record) read[name] = idOf(record[name]);
	}
	if ('dph' in record) read.dph = booleanOf(record.dph) as IDataObject[string];
	return withRest(record, read, POST_CODE_NAMES);
}

/** partner/list: `person`, `address`, `company`, each a list of one object, flattened. */
export function readPartner(record: JsonRecord, zone: string): IDataObject {
	const person = firstObject(record.person);
	const read = withRest(
		person,
		{
			id: idOf(person.id),
			affilid: idOf(person.affilid),
			email: textOrNull(person.email) as IDataObject[string],
			notification: booleanOf(person.notification) as IDataObject[string],
			allow: booleanOf(person.allow) as IDataObject[string],
			consent: booleanOf(person.consent) as IDataObject[string],
			register: dateOf(person.register, zone),
			lastLogin: dateOf(fieldOf(person, ['lastLogin', 'last_login']), zone),
		},
		['last_login'],
	);
	return {
		...read,
		address: readParty(record.address),
		company: readParty(record.company),
	};
}

function readInvoiceItem(record: JsonRecord): IDataObject {
	return withRest(record, {
		item: textOrNull(record.item) as IDataObject[string],
		amount: amountOf(record.amount),
		currency: currencyOf(record.currency),
	});
}

/**
 * An invoice: `items` always a list (AffilBox sends one bare object for a single item), and
 * `total`, the sum of the items (AffilBox sends no total: ours), with their `currency` when they
 * share one.
 */
export function readInvoice(record: JsonRecord, zone: string): IDataObject {
	const items = objectsOf(record.items).map(readInvoiceItem);
	const currencies = [...new Set(items.map((item) => item.currency))];
	return withRest(record, {
		id: idOf(record.id),
		vs: idOf(record.vs),
		paid: booleanOf(record.paid) as IDataObject[string],
		created: dateOf(record.created, zone),
		issueDate: dateOf(record.issueDate, zone),
		dueDate: dateOf(record.dueDate, zone),
		uploadDate: dateOf(record.uploadDate, zone),
		supplier: readParty(record.supplier),
		customer: readParty(record.customer),
		file: textOrNull(record.file) as IDataObject[string],
		items,
		total: sumOfAmounts(items.map((item) => item.amount as number | string | null)) ?? null,
		currency: currencies.length === 1 ? (currencies[0] as string | null) : null,
	});
}

export function readDashboard(record: JsonRecord): IDataObject {
	const read: IDataObject = { uid: idOf(record.uid) };
	for (const name of ['clicks', 'conversions']) read[name] = numberOf(record[name]);
	for (const name of ['commission', 'pending', 'payment', 'total']) {
		read[name] = amountOf(record[name]);
	}
	return withRest(record, read);
}

export function readInstance(record: JsonRecord, zone: string): IDataObject {
	return withRest(record, {
		currency: currencyOf(record.currency),
		paymentMinimum: amountOf(record.paymentMinimum),
		locked: booleanOf(record.locked) as IDataObject[string],
		terminated: booleanOf(record.terminated) as IDataObject[string],
		// `false` means no expiry; a date is a calendar day.
		expire: dateOf(record.expire, zone),
		conditionsLink: textOrNull(record.conditionsLink) as IDataObject[string],
		// Absent in some answers: unknown, not false.
		partnerInvoiceLock: booleanOf(record.partnerInvoiceLock) as IDataObject[string],
	});
}

export function readCampaign(record: JsonRecord): IDataObject {
	return withRest(record, {
		id: idOf(record.id),
		active: booleanOf(record.active) as IDataObject[string],
		cookieValidity: numberOf(record.cookieValidity),
		commission: amountOf(record.commission),
		fixCommission: amountOf(record.fixCommission),
	});
}
