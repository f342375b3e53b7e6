import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';

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
import { START_FROM_VERSION } from './trigger/conversionStartFrom';
import { pollAffilBox } from './trigger/poll';
import { startFromFields } from './trigger/startFrom';

const filtersV1 = conversionFilters([
	campaignFieldV1(CAMPAIGN_FILTER_HELP),
	partnerTextV1(PARTNER_FILTER_HELP),
]);

const filtersV2 = conversionFilters([
	optionalCampaignLocator(CAMPAIGN_FILTER_HELP),
	optionalPartnerLocator(PARTNER_FILTER_HELP),
]);

const AUTHORIZED = {
	name: 'Conversion Authorized',
	value: 'authorized',
	description: 'A conversion was approved (also after having been rejected)',
};
const INVOICED = {
	name: 'Conversion Invoiced',
	value: 'invoiced',
	description: 'A conversion was invoiced, i.e. is ready for payout.',
};

function eventsField(options: INodeProperties['options']): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options,
		// Kept for every version: a saved workflow that left the events as they came stores nothing.
		default: ['authorized', 'invoiced'],
		required: true,
		description: 'Each conversion fires each chosen event once',
	};
}

/**
 * Version 1 keeps its two events (pinned with its other fields). Later versions offer all four:
 * new choices change no saved value, and the default stays.
 */
const eventsV1 = eventsField([AUTHORIZED, INVOICED]);
const eventsV2 = eventsField([
	{
		name: 'Conversion Created',
		value: 'created',
		description: 'A new conversion was recorded, whatever its state (e.g. a sale was tracked)',
	},
	AUTHORIZED,
	INVOICED,
	{
		name: 'Conversion Rejected',
		value: 'rejected',
		description: 'A conversion was rejected (e.g. the order was cancelled or returned)',
	},
]);

const emitExistingField: INodeProperties = {
	displayName: 'Emit Existing on First Run',
	name: 'emitExistingOnFirstRun',
	type: 'boolean',
	default: false,
	description:
		'Whether the first check after activation emits the conversions that already match the chosen events. Off: they are only recorded, and later changes fire.',
};

function beforeStartFrom(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { lt: START_FROM_VERSION } }] } },
		properties,
	);
}

function fromStartFrom(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { gte: START_FROM_VERSION } }] } },
		properties,
	);
}

/**
 * Readable on the canvas for any choice of events: "New or rejected conversions", "Authorized,
 * invoiced or rejected conversions", in the order the events are offered.
 */
const SUBTITLE =
	'={{ (function (chosen) { const words = [["created", "new"], ["authorized", "authorized"], ["invoiced", "invoiced"], ["rejected", "rejected"]].filter(function (pair) { return chosen.includes(pair[0]); }).map(function (pair) { return pair[1]; }); if (words.length === 0) return "No event chosen"; const text = words.length === 1 ? words[0] : words.slice(0, -1).join(", ") + " or " + words[words.length - 1]; return text.charAt(0).toUpperCase() + text.slice(1) + " conversions"; })($parameter["events"] || []) }}';

export class AffilBoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox Trigger',
		name: 'affilBoxTrigger',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['trigger'],
		// Version 2: Simplify (on by default) and pickers for the filters; version 1 keeps its output.
		// Version 3: Start From instead of Emit Existing on First Run.
		version: [1, LATEST_VERSION, START_FROM_VERSION],
		defaultVersion: START_FROM_VERSION,
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
			...onlyV1([eventsV1]),
			...fromV2([eventsV2]),
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
		],
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAffilBox(this);
	}
}
