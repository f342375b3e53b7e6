import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/operationSubtitle';
import * as customCall from './actions/customCall/CustomCall.resource';
import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';
import * as transaction from './actions/transaction/Transaction.resource';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'customer' },
			{ name: 'Custom Call', value: 'customCall' },
			{ name: 'Transaction', value: 'transaction' },
		],
		default: 'customer',
	},
	...customer.description,
	...transaction.description,
	...customCall.description,
];

export class Affelios implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Affelios',
		name: 'affelios',
		icon: { light: 'file:../../icons/affelios.svg', dark: 'file:../../icons/affelios.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Send customers and their transactions (deposits, revenue, commissions) to the Affelios affiliate platform',
		defaults: { name: 'Affelios' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affeliosApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
