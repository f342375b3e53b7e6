import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as get from './get.operation';

export { create, createMany, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Send a transaction (deposit, sale, revenue) for commission',
				action: 'Create a transaction',
			},
			{
				name: 'Create Many',
				value: 'createMany',
				description: 'Send all input items as transactions, in bulk requests',
				action: 'Create many transactions',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a transaction by its Affelios ID',
				action: 'Get a transaction by internal ID',
			},
		],
		default: 'create',
	},
	...create.description,
	...createMany.description,
	...get.description,
];
