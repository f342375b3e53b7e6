import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AffilBoxApiV2Api } from '../../../credentials/AffilBoxApiV2Api.credentials';
import { AffilBoxInvoiceTrigger } from '../../../nodes/AffilBox/AffilBoxInvoiceTrigger.node';
import { sandboxV2Credentials, type AffilBoxSandbox } from './affilBoxWorkflow';
import { ActiveTrigger, type N8nStore } from './triggerWorkflow';

export const INVOICE_TRIGGER_TYPE = 'n8n-nodes-affilbox.affilBoxInvoiceTrigger';

/**
 * An activated AffilBox Invoice Trigger with the API v2 credential, saved and lost as n8n does
 * (see ActiveTrigger). `create` lets the mutation test run a deliberately broken node.
 */
export function invoiceTrigger(
	sandbox: AffilBoxSandbox,
	parameters: INodeParameters,
	create: () => INodeType = () => new AffilBoxInvoiceTrigger(),
	saved: IDataObject = {},
	store: Partial<N8nStore> = {},
): ActiveTrigger {
	return new ActiveTrigger(
		sandbox,
		parameters,
		saved,
		1,
		{
			type: INVOICE_TRIGGER_TYPE,
			create,
			credential: (target) => ({
				type: new AffilBoxApiV2Api(),
				data: sandboxV2Credentials(target),
			}),
		},
		store,
	);
}

/** What fired, as `event:id` (`new:214`, `paid:214`). */
export function firedInvoices(items: INodeExecutionData[]): string[] {
	return items.map(
		(item) => `${item.json.event === 'Invoice Paid' ? 'paid' : 'new'}:${String(item.json.id)}`,
	);
}
