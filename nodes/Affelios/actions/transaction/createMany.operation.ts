import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchSubject, chunkBody } from '../../helpers/bulkInput';
import { affeliosBatchOperation } from '../../helpers/operation';
import { batchOptions, inputModeField } from '../common.descriptions';
import { transactionBody } from './body';
import { transactionExternalIdField, optionalTransactionFields } from './fields';

const whenMapping = { show: { inputMode: ['fields'] } };

const properties: INodeProperties[] = [
	inputModeField('transaction'),
	{ ...transactionExternalIdField, displayOptions: whenMapping },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional values sent with each transaction',
		displayOptions: whenMapping,
		options: optionalTransactionFields,
	},
	batchOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transaction'], operation: ['createMany'] } },
	properties,
);

export const execute = affeliosBatchOperation({
	callForBatch({ itemIndexes, batch }, run) {
		const body = chunkBody(this, itemIndexes, (i) => transactionBody(this, i, run.zone));
		return {
			request: {
				method: 'POST',
				path: 'transaction/bulk',
				body,
				expectJson: false,
				creates: batchSubject('Create Many Transactions', batch, itemIndexes),
			},
			// Queued as a whole (202, no body): every transaction of the batch counts as accepted.
			output: (answer) => ({
				accepted: true,
				status: answer.statusCode,
				batch,
				acceptedCount: body.length,
				externalIds: body.map((transaction) => transaction.externalId ?? null),
			}),
		};
	},
});
