import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readCallSettings } from '../../../shared/callOptions';
import { requireText } from '../../../shared/parameters';
import { runForEachItem } from '../../../shared/runForEachItem';
import { affeliosRequest } from '../../transport';
import { itemOptions } from '../common.descriptions';
import { customerIdField } from './fields';

const properties: INodeProperties[] = [customerIdField, itemOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem(this, (i) => {
		const settings = readCallSettings(this, i);
		const id = requireText(this.getNodeParameter('customerId', i), 'Customer ID').trim();
		return async () => {
			const answer = await affeliosRequest.call(this, {
				method: 'GET',
				path: `customer/${encodeURIComponent(id)}`,
				itemIndex: i,
				expectJson: true,
				settings,
			});
			return answer.data as IDataObject;
		};
	});
}
