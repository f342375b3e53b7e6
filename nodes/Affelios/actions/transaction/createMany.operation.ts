import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readCallSettings } from '../../../shared/callOptions';
import { runForEachChunk } from '../../../shared/runForEachChunk';
import { batchSubject, chunkBody, readBatchSize } from '../../helpers/bulkInput';
import { affeliosRequest } from '../../transport';
import { batchOptions, inputModeField } from '../common.descriptions';
import { transactionBody } from './body';
import { externalIdField, optionalTransactionFields } from './fields';

const whenMapping = { show: { inputMode: ['fields'] } };

const properties: INodeProperties[] = [
	inputModeField('transaction'),
	{ ...externalIdField, displayOptions: whenMapping },
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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const zone = this.getTimezone();
	const batchSize = readBatchSize(this);
	return await runForEachChunk(this, batchSize, ({ itemIndexes, batch }) => {
		const settings = readCallSettings(this, itemIndexes[0]);
		const body = chunkBody(this, itemIndexes, (i) => transactionBody(this, i, zone));
		return async () => {
			// Queued as a whole (202, no body): every transaction of the batch counts as accepted.
			const answer = await affeliosRequest.call(this, {
				method: 'POST',
				path: 'transaction/bulk',
				body,
				itemIndex: itemIndexes[0],
				expectJson: false,
				settings,
				creates: batchSubject('Create Many Transactions', batch, itemIndexes),
			});
			return {
				accepted: true,
				status: answer.statusCode,
				batch,
				acceptedCount: body.length,
				externalIds: body.map((transaction) => transaction.externalId ?? null),
			};
		};
	});
}
