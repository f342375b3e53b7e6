import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one partner invoice by its ID (AffilBox API v2)',
				action: 'Get an invoice',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List partner invoices, e.g. the unpaid ones (AffilBox API v2)',
				action: 'Get many invoices',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
