import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { isEmptyDate, readDate } from '../../shared/dates';
import { isSet } from '../../shared/parameters';

/**
 * Invoice → Get Many's filters. API v2's invoices/list takes no filter anyone knows of, so the node
 * reads the whole list and keeps the invoices that match here (read records, see records.ts).
 */
export interface InvoiceFilter {
	paid?: boolean;
	/** Matched against the supplier (the partner, as far as the samples show): name, IČO or DIČ. */
	partner?: string;
	issuedAfter?: number;
	issuedBefore?: number;
	createdAfter?: number;
	createdBefore?: number;
}

const millisOf = (value: unknown, zone: string, field: string): number | undefined =>
	isEmptyDate(value) ? undefined : readDate(value, zone, field, 'AffilBox').toMillis();

/** The filters collection, read and checked (a bad date names its field). */
export function readInvoiceFilter(filters: IDataObject, zone: string): InvoiceFilter {
	const paid = filters.paid === 'paid' ? true : filters.paid === 'unpaid' ? false : undefined;
	return {
		paid,
		partner: isSet(filters.partner) ? String(filters.partner).trim() : undefined,
		issuedAfter: millisOf(filters.issuedAfter, zone, 'Issued After'),
		issuedBefore: millisOf(filters.issuedBefore, zone, 'Issued Before'),
		createdAfter: millisOf(filters.createdAfter, zone, 'Created After'),
		createdBefore: millisOf(filters.createdBefore, zone, 'Created Before'),
	};
}

const fold = (text: unknown): string =>
	typeof text === 'string' ? text.normalize('NFC').toLocaleLowerCase('cs').trim() : '';

function partnerMatches(invoice: IDataObject, partner: string): boolean {
	const supplier = (invoice.supplier ?? {}) as IDataObject;
	const wanted = fold(partner);
	return [supplier.name, supplier.ic, supplier.dic].some(
		(value) => fold(value) !== '' && fold(value) === wanted,
	);
}

/** Inside the bounds, both ends included; an invoice without the date is outside any bound. */
function within(date: unknown, after: number | undefined, before: number | undefined): boolean {
	if (after === undefined && before === undefined) return true;
	if (typeof date !== 'string') return false;
	const millis = DateTime.fromISO(date, { setZone: true }).toMillis();
	if (!Number.isFinite(millis)) return false;
	return (after === undefined || millis >= after) && (before === undefined || millis <= before);
}

export function invoiceMatches(invoice: IDataObject, filter: InvoiceFilter): boolean {
	if (filter.paid !== undefined && invoice.paid !== filter.paid) return false;
	if (filter.partner !== undefined && !partnerMatches(invoice, filter.partner)) return false;
	return (
		within(invoice.issueDate, filter.issuedAfter, filter.issuedBefore) &&
		within(invoice.created, filter.createdAfter, filter.createdBefore)
	);
}
