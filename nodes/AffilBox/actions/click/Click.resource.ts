import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';

export { add };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['click'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Record clicks for a partner in a campaign',
				action: 'Record clicks for a partner',
			},
		],
		default: 'add',
	},
	...add.description,
];
