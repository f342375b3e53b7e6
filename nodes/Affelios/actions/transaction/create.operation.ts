import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequestOptions } from '../../helpers/requestOptions';
import { runForEachItem } from '../../helpers/runForEachItem';
import { affeliosRequest } from '../../transport';
import { itemOptions } from '../common.descriptions';
import { transactionBody } from './body';
import { externalIdField, optionalTransactionFields } from './fields';

const properties: INodeProperties[] = [
	externalIdField,
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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const zone = this.getTimezone();
	const { concurrency, retry } = readRequestOptions(this);
	return await runForEachItem(this, concurrency, (i) => {
		const body = transactionBody(this, i, zone);
		return async () => {
			// Affelios only queues the transaction (202, no body): a later failure shows in its dashboard.
			const answer = await affeliosRequest.call(this, {
				method: 'POST',
				path: 'transaction',
				body,
				itemIndex: i,
				expectJson: false,
				settings: retry,
				creates: `Create Transaction (item ${i})`,
			});
			return { accepted: true, status: answer.statusCode, externalId: body.externalId ?? null };
		};
	});
}
