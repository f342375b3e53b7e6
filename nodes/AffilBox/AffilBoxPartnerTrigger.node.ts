import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { simplifyField } from './descriptions/v2';
import { pollPartners } from './trigger/partner/pollPartners';
import { startFromFields } from './trigger/startFrom';
import { triggerOptionsField } from './trigger/pollSettings';

export class AffilBoxPartnerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox Partner Trigger',
		name: 'affilBoxPartnerTrigger',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["onlyAllowed"] ? "New allowed partners" : "New partners" }}',
		description:
			'Starts a workflow when a new partner registers in your AffilBox affiliate programme, e.g. to send a welcome e-mail or add the partner to your CRM',
		defaults: { name: 'AffilBox Partner Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affilBoxApi', required: true }],
		properties: [
			{
				displayName: 'Only Allowed Partners',
				name: 'onlyAllowed',
				type: 'boolean',
				default: false,
				description:
					'Whether to fire only for partners AffilBox marks as allowed. A partner registered but not allowed yet fires once it is allowed (within the lookback window).',
			},
			{
				displayName: 'Lookback Window (Days)',
				name: 'lookbackDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description:
					'How far back, by registration date, each check looks: with Only Allowed Partners, how long after registering a partner may be allowed and still fire',
			},
			...startFromFields('partners', 'registered'),
			simplifyField,
			triggerOptionsField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollPartners(this);
	}
}
