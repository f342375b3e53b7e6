import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dashboard'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the dashboard figures: clicks, conversions, commission (AffilBox API v2)',
				action: 'Get the dashboard',
			},
		],
		default: 'get',
	},
	...get.description,
];
