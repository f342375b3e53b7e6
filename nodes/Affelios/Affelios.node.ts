import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';
import * as transaction from './actions/transaction/Transaction.resource';

export class Affelios implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Affelios',
		name: 'affelios',
		icon: { light: 'file:../../icons/affelios.svg', dark: 'file:../../icons/affelios.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send customers and transactions to the Affelios affiliate platform',
		defaults: { name: 'Affelios' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affeliosApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Transaction', value: 'transaction' },
				],
				default: 'customer',
			},
			...customer.description,
			...transaction.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
