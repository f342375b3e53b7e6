import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get the programme's settings: domain, currency, payout minimum, licence (AffilBox API v2)",
				action: 'Get the instance settings',
			},
		],
		default: 'get',
	},
	...get.description,
];
