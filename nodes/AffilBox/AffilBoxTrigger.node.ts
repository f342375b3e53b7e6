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
} from './descriptions/common';
import { campaignFieldV1, partnerTextV1 } from './descriptions/v1';
import { fromV2, onlyV1, PICKER_VERSION } from './descriptions/versions';
import { optionalCampaignLocator, optionalPartnerLocator, simplifyField } from './descriptions/v2';
import { listSearch, loadOptions } from './methods';
import { START_FROM_VERSION } from './trigger/conversion/conversionStartFrom';
import {
	beforeStartFrom,
	emitExistingField,
	eventsV1,
	eventsV2,
	fromStartFrom,
	SUBTITLE,
	EDITOR_WORDS_VERSION,
} from './trigger/conversion/conversionTriggerFields';
import { pollAffilBox } from './trigger/conversion/pollConversions';
import { startFromFields } from './trigger/startFrom';
import { triggerOptionsField } from './trigger/pollSettings';

const filtersV1 = conversionFilters([
	campaignFieldV1(CAMPAIGN_FILTER_HELP),
	partnerTextV1(PARTNER_FILTER_HELP),
]);

const filtersV2 = conversionFilters([
	optionalCampaignLocator(CAMPAIGN_FILTER_HELP),
	optionalPartnerLocator(PARTNER_FILTER_HELP),
]);

export class AffilBoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox Trigger',
		name: 'affilBoxTrigger',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['trigger'],
		// Version 2: Simplify (on by default) and pickers for the filters; version 1 keeps its output.
		// Version 3: Start From instead of Emit Existing on First Run. Version 4: the output in the
		// editor's words, dates with the licence offset (trigger/outputVersion.ts).
		version: [1, PICKER_VERSION, START_FROM_VERSION, EDITOR_WORDS_VERSION],
		defaultVersion: EDITOR_WORDS_VERSION,
		subtitle: SUBTITLE,
		// n8n's node panel shows the AffilBox node and this trigger as one entry, with this text.
		description:
			'Add and approve affiliate conversions, credit partner bonuses and look up partners in AffilBox, or start a workflow when conversions are created, authorized, invoiced or rejected',
		defaults: { name: 'AffilBox Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affilBoxApi', required: true }],
		properties: [
			// The node panel lists as "Triggers" the choices of the first field labelled Events,
			// whatever its version: the current events come first.
			...fromV2([eventsV2]),
			...onlyV1([eventsV1]),
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
			...beforeStartFrom([emitExistingField]),
			...fromStartFrom(startFromFields('conversions', 'created')),
			...fromV2([simplifyField]),
			triggerOptionsField,
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAffilBox(this);
	}
}
