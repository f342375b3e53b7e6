import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	CAMPAIGN_FILTER_HELP,
	conversionFilters,
	PARTNER_FILTER_HELP,
} from './actions/conversionFilters';
import { campaignFieldV1, partnerTextV1 } from './actions/v1.descriptions';
import { fromV2, LATEST_VERSION, onlyV1 } from './actions/versions';
import {
	optionalCampaignLocator,
	optionalPartnerLocator,
	simplifyField,
} from './actions/v2.descriptions';
import { listSearch, loadOptions } from './methods';
import { pollAffilBox } from './trigger/poll';

const filtersV1 = conversionFilters([
	campaignFieldV1(CAMPAIGN_FILTER_HELP),
	partnerTextV1(PARTNER_FILTER_HELP),
]);

const filtersV2 = conversionFilters([
	optionalCampaignLocator(CAMPAIGN_FILTER_HELP),
	optionalPartnerLocator(PARTNER_FILTER_HELP),
]);

// Readable on the canvas: "Authorized or invoiced conversions" rather than "On authorized,invoiced".
const SUBTITLE =
	'={{ $parameter["events"].includes("authorized") ? ($parameter["events"].includes("invoiced") ? "Authorized or invoiced conversions" : "Authorized conversions") : ($parameter["events"].includes("invoiced") ? "Invoiced conversions" : "No event chosen") }}';

export class AffilBoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox Trigger',
		name: 'affilBoxTrigger',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['trigger'],
		// Version 2: Simplify (on by default) and pickers for the filters; version 1 keeps its output.
		version: [1, LATEST_VERSION],
		defaultVersion: LATEST_VERSION,
		subtitle: SUBTITLE,
		// n8n's node panel shows the AffilBox node and this trigger as one entry, with this text.
		description:
			'Add and approve affiliate conversions, credit partner bonuses and look up partners in AffilBox, or start a workflow when conversions are authorized or invoiced',
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
			...onlyV1([filtersV1]),
			...fromV2([filtersV2]),
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
			...fromV2([simplifyField]),
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAffilBox(this);
	}
}
