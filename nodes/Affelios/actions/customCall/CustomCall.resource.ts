import type { INodeProperties } from 'n8n-workflow';

import * as customApiCall from './customApiCall.operation';

export { customApiCall };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customCall'] } },
		options: [
			{
				name: 'Custom API Call',
				value: 'customApiCall',
				description: 'Call any Affelios API endpoint with the stored credential',
				action: 'Call a custom API endpoint',
			},
		],
		default: 'customApiCall',
	},
	...customApiCall.description,
];
