import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../../shared/parameters';
import { affeliosOperation } from '../../helpers/operation';
import { itemOptions } from '../common.descriptions';
import { customerIdField } from './fields';

const properties: INodeProperties[] = [customerIdField, itemOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export const execute = affeliosOperation({
	call(i) {
		const id = requireText(this.getNodeParameter('customerId', i), 'Customer ID').trim();
		return {
			request: { method: 'GET', path: `customer/${encodeURIComponent(id)}`, expectJson: true },
			output: (answer) => answer.data as IDataObject,
		};
	},
});
