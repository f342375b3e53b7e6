import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DATE_HINT } from '../../../shared/dates';
import { getCollection } from '../../../shared/parameters';
import { returnAllAndLimit } from '../../descriptions/common';
import { invoiceMatches, readInvoiceFilter } from '../../helpers/invoiceFilter';
import { readLimit } from '../../helpers/operation';
import { API_V2_MARKER, affilBoxV2Operation, v2OptionsCollection } from '../../helpers/operationV2';
import { invoicesIn, readInvoice } from '../../transport/apiV2/records';

const NODE_FILTERS =
	'AffilBox API v2 has no invoice filters: the node reads every invoice and keeps those that match';

const dateFilter = (displayName: string, name: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `Only invoices ${what} (inclusive), in the licence's time zone unless the date has an offset`,
	hint: `${DATE_HINT} ${NODE_FILTERS}.`,
});

const properties: INodeProperties[] = [
	API_V2_MARKER,
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: `Only invoices that match every filter added here. ${NODE_FILTERS}.`,
		options: [
			{
				displayName: 'Paid',
				name: 'paid',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Paid', value: 'paid' },
					{ name: 'Unpaid', value: 'unpaid' },
				],
				default: 'any',
				description: "Whether to keep only paid or only unpaid invoices (AffilBox's paid flag)",
			},
			{
				displayName: 'Partner',
				name: 'partner',
				type: 'string',
				default: '',
				placeholder: 'e.g. Dvořák & syn s.r.o. or 12345678',
				description:
					"The invoice's supplier (the partner, as far as is known): its exact name, company number (IČO) or VAT number (DIČ), not case-sensitive",
				hint: `Invoices carry no partner ID or e-mail. ${NODE_FILTERS}.`,
			},
			dateFilter('Issued After', 'issuedAfter', 'issued on or after this date'),
			dateFilter('Issued Before', 'issuedBefore', 'issued on or before this date'),
			dateFilter('Created After', 'createdAfter', 'created in AffilBox on or after this date'),
			dateFilter('Created Before', 'createdBefore', 'created in AffilBox on or before this date'),
		],
	},
	v2OptionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoice'], operation: ['getMany'] } },
	properties,
);

export const execute = affilBoxV2Operation({
	async call(i, run) {
		const limit = readLimit(this, i);
		const filter = readInvoiceFilter(getCollection(this, 'filters', i), await run.licenceZone());
		return {
			method: 'GET',
			endpoint: 'invoices/list',
			params: {},
			output: (body, zone) =>
				invoicesIn(body)
					.map((record) => readInvoice(record, zone))
					.filter((invoice) => invoiceMatches(invoice, filter))
					.slice(0, limit),
		};
	},
});
