import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText } from '../../helpers/values';
import { affeliosRequest } from '../../transport';
import { transactionIdField } from './fields';

const properties: INodeProperties[] = [transactionIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['transaction'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const id = requireText(this.getNodeParameter('transactionId', i), 'Transaction ID').trim();
		const answer = await affeliosRequest.call(this, {
			method: 'GET',
			path: `transaction/${encodeURIComponent(id)}`,
			itemIndex: i,
			expectJson: true,
		});
		return answer.data as IDataObject;
	});
}
