import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as changeMany from './changeMany.operation';
import * as confirm from './confirm.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { add, changeMany, confirm, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversion'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Record a new conversion for a partner',
				action: 'Record a conversion for a partner',
			},
			{
				name: 'Change Many',
				value: 'changeMany',
				description:
					'Set the state of many conversions in one call, by their AffilBox IDs (AffilBox API v2)',
				action: 'Update many conversions',
			},
			{
				name: 'Confirm or Reject',
				value: 'confirm',
				description: 'Approve or reject a waiting conversion',
				action: 'Approve or reject a conversion',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one conversion by your transaction ID',
				action: 'Get a conversion by transaction ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List conversions, optionally filtered',
				action: 'Get many conversions',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change values, owner or state of a conversion',
				action: 'Update a conversion',
			},
		],
		default: 'add',
	},
	...add.description,
	...changeMany.description,
	...confirm.description,
	...get.description,
	...getMany.description,
	...update.description,
];
