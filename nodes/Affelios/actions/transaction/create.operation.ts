import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { affeliosOperation } from '../../helpers/operation';
import { itemOptions } from '../common.descriptions';
import { transactionBody } from './body';
import { transactionExternalIdField, optionalTransactionFields } from './fields';

const properties: INodeProperties[] = [
	transactionExternalIdField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional values sent with the transaction',
		options: optionalTransactionFields,
	},
	itemOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transaction'], operation: ['create'] } },
	properties,
);

export const execute = affeliosOperation({
	call(i, run) {
		const body = transactionBody(this, i, run.zone);
		return {
			request: {
				method: 'POST',
				path: 'transaction',
				body,
				expectJson: false,
				creates: `Create Transaction (item ${i})`,
			},
			// Affelios only queues the transaction (202, no body): a later failure shows in its dashboard.
			output: (answer) => ({
				accepted: true,
				status: answer.statusCode,
				externalId: body.externalId ?? null,
			}),
		};
	},
});
