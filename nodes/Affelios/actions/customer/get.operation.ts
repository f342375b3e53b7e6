import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequestOptions } from '../../helpers/requestOptions';
import { runForEachItem } from '../../helpers/runForEachItem';
import { requireText } from '../../helpers/values';
import { affeliosRequest } from '../../transport';
import { itemOptions } from '../common.descriptions';
import { customerIdField } from './fields';

const properties: INodeProperties[] = [customerIdField, itemOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { concurrency, retry } = readRequestOptions(this);
	return await runForEachItem(this, concurrency, (i) => {
		const id = requireText(this.getNodeParameter('customerId', i), 'Customer ID').trim();
		return async () => {
			const answer = await affeliosRequest.call(this, {
				method: 'GET',
				path: `customer/${encodeURIComponent(id)}`,
				itemIndex: i,
				expectJson: true,
				settings: retry,
			});
			return answer.data as IDataObject;
		};
	});
}
