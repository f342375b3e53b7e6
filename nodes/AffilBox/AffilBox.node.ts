import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as bonus from './actions/bonus/Bonus.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as click from './actions/click/Click.resource';
import * as conversion from './actions/conversion/Conversion.resource';
import * as customCall from './actions/customCall/CustomCall.resource';
import * as dashboard from './actions/dashboard/Dashboard.resource';
import * as instance from './actions/instance/Instance.resource';
import * as invoice from './actions/invoice/Invoice.resource';
import * as partner from './actions/partner/Partner.resource';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/operationSubtitle';
import { V2_CREDENTIAL_DISPLAY, XML_CREDENTIAL_DISPLAY } from './helpers/operationV2';
import { V2_CREDENTIAL_TYPE } from './transport/apiV2/credential';
import { LATEST_VERSION, PICKER_VERSION, TRANSACTION_ID_VERSION } from './descriptions/versions';
import { listSearch, loadOptions } from './methods';

const properties: INodeProperties[] = [
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
			{ name: 'Custom Call', value: 'customCall' },
			{ name: 'Dashboard', value: 'dashboard' },
			{ name: 'Instance', value: 'instance' },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Partner', value: 'partner' },
		],
		default: 'conversion',
	},
	...conversion.description,
	...bonus.description,
	...partner.description,
	...click.description,
	...campaign.description,
	...invoice.description,
	...dashboard.description,
	...instance.description,
	...customCall.description,
];

export class AffilBox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox',
		name: 'affilBox',
		icon: { light: 'file:../../icons/affilbox.svg', dark: 'file:../../icons/affilbox.dark.svg' },
		group: ['transform'],
		// Version 2: pickers, Simplify, no silent amounts or states; version 3: the transaction ID
		// named per type, Simplify's states in the editor's words (see actions/versions.ts).
		version: [1, PICKER_VERSION, TRANSACTION_ID_VERSION],
		defaultVersion: LATEST_VERSION,
		subtitle: operationSubtitle(properties),
		description:
			'Add and approve affiliate conversions, credit partner bonuses, record clicks and look up partners and campaigns in AffilBox',
		defaults: { name: 'AffilBox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// The XML API's credential for every operation but those of API v2, which carry the hidden
		// marker `api` (helpers/operationV2.ts): saved workflows keep their credential unchanged.
		credentials: [
			{ name: 'affilBoxApi', required: true, displayOptions: XML_CREDENTIAL_DISPLAY },
			{ name: V2_CREDENTIAL_TYPE, required: true, displayOptions: V2_CREDENTIAL_DISPLAY },
		],
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
