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
import { customerIdField } from './fields';

const properties: INodeProperties[] = [customerIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, async (i) => {
		const id = requireText(this.getNodeParameter('customerId', i), 'Customer ID').trim();
		const answer = await affeliosRequest.call(this, {
			method: 'GET',
			path: `customer/${encodeURIComponent(id)}`,
			itemIndex: i,
			expectJson: true,
		});
		return answer.data as IDataObject;
	});
}
