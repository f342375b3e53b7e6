import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';

export { add };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bonus'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Credit a bonus to a partner',
				action: 'Credit a bonus to a partner',
			},
		],
		default: 'add',
	},
	...add.description,
];
