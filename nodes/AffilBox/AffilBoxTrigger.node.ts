import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from './methods';
import { pollAffilBox } from './trigger/poll';

export class AffilBoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox Trigger',
		name: 'affilBoxTrigger',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when AffilBox conversions become authorized or invoiced',
		defaults: { name: 'AffilBox Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affilBoxApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Conversion Authorized',
						value: 'authorized',
						description: 'A conversion was approved (also after having been rejected)',
					},
					{
						name: 'Conversion Invoiced',
						value: 'invoiced',
						description: 'A conversion was invoiced, i.e. is ready for payout.',
					},
				],
				default: ['authorized', 'invoiced'],
				required: true,
				description: 'Each conversion fires each chosen event once',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Campaign Name or ID',
						name: 'campaignId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCampaigns' },
						default: '',
						description:
							'Only conversions of this campaign. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Partner',
						name: 'partnerId',
						type: 'string',
						default: '',
						placeholder: 'e.g. jnovak or jan.novak@example.com',
						description: 'Only conversions of this partner (affiliate ID or e-mail)',
					},
				],
			},
			{
				displayName: 'Lookback Window (Days)',
				name: 'lookbackDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 90,
				description:
					'How far back, by creation date, each check looks: a conversion created months ago can be approved today',
			},
			{
				displayName: 'Emit Existing on First Run',
				name: 'emitExistingOnFirstRun',
				type: 'boolean',
				default: false,
				description:
					'Whether the first check after activation emits the conversions that are already authorized or invoiced. Off: they are only recorded, and later changes fire.',
			},
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAffilBox(this);
	}
}
