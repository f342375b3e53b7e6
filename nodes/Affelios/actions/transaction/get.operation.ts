import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../../shared/parameters';
import { affeliosOperation } from '../../helpers/operation';
import { itemOptions } from '../common.descriptions';
import { transactionIdField } from './fields';

const properties: INodeProperties[] = [transactionIdField, itemOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['transaction'], operation: ['get'] } },
	properties,
);

export const execute = affeliosOperation({
	call(i) {
		const id = requireText(this.getNodeParameter('transactionId', i), 'Transaction ID').trim();
		return {
			request: { method: 'GET', path: `transaction/${encodeURIComponent(id)}`, expectJson: true },
			output: (answer) => answer.data as IDataObject,
		};
	},
});
