import type { INodeProperties } from 'n8n-workflow';

import * as customMethod from './customMethod.operation';

export { customMethod };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customCall'] } },
		options: [
			{
				name: 'Custom Method',
				value: 'customMethod',
				description: 'Call any AffilBox API method with the stored credential',
				action: 'Call a custom method',
			},
		],
		default: 'customMethod',
	},
	...customMethod.description,
];
