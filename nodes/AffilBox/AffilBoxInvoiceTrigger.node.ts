import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { V2_CREDENTIAL_TYPE } from './transport/apiV2/credential';
import { INVOICE_LOOKBACK_DAYS, pollInvoices } from './trigger/invoice/pollInvoices';
import { triggerOptionsField } from './trigger/pollSettings';
import { startFromFields } from './trigger/startFrom';

export class AffilBoxInvoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox Invoice Trigger',
		name: 'affilBoxInvoiceTrigger',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).includes("paid") ? (($parameter["events"] || []).includes("new") ? ($parameter["onlyUnpaid"] ? "New unpaid and paid invoices" : "New and paid invoices") : "Paid invoices") : ($parameter["onlyUnpaid"] ? "New unpaid invoices" : "New invoices") }}',
		description:
			'Starts a workflow when a partner invoice appears in AffilBox or is marked paid, e.g. to prepare the bank payment with its payment reference (uses AffilBox API v2)',
		defaults: { name: 'AffilBox Invoice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: V2_CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					"AffilBox does not document API v2: which invoices a key lists (a merchant key: all partners' invoices?) is not known. See the package README.",
				name: 'apiV2Notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'New Invoice',
						value: 'new',
						description: 'An invoice AffilBox lists for the first time',
					},
					{
						name: 'Invoice Paid',
						value: 'paid',
						description:
							'An invoice AffilBox marks paid: seen unpaid before, or new and already paid',
					},
				],
				default: ['new'],
				description: 'What the trigger fires for; each invoice fires once per event',
			},
			{
				displayName: 'Only Unpaid',
				name: 'onlyUnpaid',
				type: 'boolean',
				default: false,
				displayOptions: { show: { events: ['new'] } },
				description:
					'Whether New Invoice fires only for invoices that are unpaid when they first appear',
			},
			{
				displayName: 'Lookback Window (Days)',
				name: 'lookbackDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: INVOICE_LOOKBACK_DAYS,
				description:
					'How far back, by creation date, each check looks: for Invoice Paid, how long after it was created an invoice may be paid and still fire',
			},
			...startFromFields('invoices', 'created'),
			triggerOptionsField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollInvoices(this);
	}
}
