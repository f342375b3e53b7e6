import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as bonus from './actions/bonus/Bonus.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as click from './actions/click/Click.resource';
import * as conversion from './actions/conversion/Conversion.resource';
import * as partner from './actions/partner/Partner.resource';
import { router } from './actions/router';
import { loadOptions } from './methods';

export class AffilBox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox',
		name: 'affilBox',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage AffilBox affiliate conversions, bonuses, partners, clicks and campaigns',
		defaults: { name: 'AffilBox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affilBoxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bonus', value: 'bonus' },
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Click', value: 'click' },
					{ name: 'Conversion', value: 'conversion' },
					{ name: 'Partner', value: 'partner' },
				],
				default: 'conversion',
			},
			...conversion.description,
			...bonus.description,
			...partner.description,
			...click.description,
			...campaign.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
