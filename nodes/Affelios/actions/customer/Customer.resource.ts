import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export { create, createMany, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Register a customer you referred from an affiliate',
				action: 'Create a customer',
			},
			{
				name: 'Create Many',
				value: 'createMany',
				description: 'Register all input items as customers, in bulk requests',
				action: 'Create many customers',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a customer by its Affelios ID',
				action: 'Get a customer by internal ID',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a customer's fields",
				action: 'Update a customer by internal ID',
			},
		],
		default: 'create',
	},
	...create.description,
	...createMany.description,
	...get.description,
	...update.description,
];
