import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../../shared/parameters';
import { API_V2_MARKER, affilBoxV2Operation, v2OptionsCollection } from '../../helpers/operationV2';
import { idOf } from '../../transport/apiV2/values';
import { invoicesIn, readInvoice } from '../../transport/apiV2/records';

const properties: INodeProperties[] = [
	API_V2_MARKER,
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 214',
		description: "AffilBox's ID of the invoice, as Invoice → Get Many outputs it",
		hint: 'AffilBox API v2 has no call for one invoice: the node reads the invoice list and picks this one',
	},
	v2OptionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoice'], operation: ['get'] } },
	properties,
);

export const execute = affilBoxV2Operation({
	call(i, run) {
		const invoiceId = requireText(this.getNodeParameter('invoiceId', i), 'Invoice ID').trim();
		return {
			method: 'GET',
			endpoint: 'invoices/list',
			params: {},
			output: (body, zone) => {
				const found = invoicesIn(body).find((record) => idOf(record.id) === invoiceId);
				if (found === undefined) {
					throw new NodeOperationError(
						run.getNode(),
						`No invoice with ID "${invoiceId}" in AffilBox's invoice list`,
						{
							description:
								'Check the Invoice ID: Invoice → Get Many lists the invoices this credential can see.',
							itemIndex: i,
						},
					);
				}
				return [readInvoice(found, zone)];
			},
		};
	},
});
