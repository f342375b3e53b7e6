import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readCallSettings } from '../../../shared/callOptions';
import { runForEachItem } from '../../../shared/runForEachItem';
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
	return await runForEachItem(this, (i) => {
		const settings = readCallSettings(this, i);
		const body = transactionBody(this, i, zone);
		return async () => {
			// Affelios only queues the transaction (202, no body): a later failure shows in its dashboard.
			const answer = await affeliosRequest.call(this, {
				method: 'POST',
				path: 'transaction',
				body,
				itemIndex: i,
				expectJson: false,
				settings,
				creates: `Create Transaction (item ${i})`,
			});
			return { accepted: true, status: answer.statusCode, externalId: body.externalId ?? null };
		};
	});
}
