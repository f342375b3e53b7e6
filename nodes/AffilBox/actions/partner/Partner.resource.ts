import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getOrCreate from './getOrCreate.operation';

export { get, getMany, getOrCreate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['partner'] } },
		options: [
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
	...get.description,
	...getMany.description,
	...getOrCreate.description,
];
