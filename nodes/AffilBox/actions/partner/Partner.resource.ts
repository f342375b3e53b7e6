import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getOrCreate from './getOrCreate.operation';

export { create, get, getMany, getOrCreate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['partner'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Register a new partner and get their login and partner portal address (AffilBox API v2)',
				action: 'Create a partner',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one partner by affiliate ID or e-mail',
				action: 'Get a partner by affiliate ID or email',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List partners, optionally filtered by dates',
				action: 'Get many partners',
			},
			{
				name: 'Get or Create',
				value: 'getOrCreate',
				description: 'Find a partner by e-mail, or create one',
				action: 'Get or create a partner by email',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getOrCreate.description,
];
