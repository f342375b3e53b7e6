import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readCallSettings } from '../../../shared/callOptions';
import { getCollection } from '../../../shared/parameters';
import { runForEachItem } from '../../../shared/runForEachItem';
import { mapFields } from '../../helpers/fieldMap';
import { affeliosRequest } from '../../transport';
import { itemOptions } from '../common.descriptions';
import {
	CUSTOMER_FIELDS,
	externalBrandIdField,
	externalIdField,
	optionalCustomerFields,
	registrationDateField,
} from './fields';

const properties: INodeProperties[] = [
	externalIdField,
	externalBrandIdField,
	registrationDateField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional values sent with the customer',
		options: optionalCustomerFields,
	},
	itemOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const zone = this.getTimezone();
	return await runForEachItem(this, (i) => {
		const settings = readCallSettings(this, i);
		const values: IDataObject = {
			...getCollection(this, 'additionalFields', i),
			externalId: this.getNodeParameter('externalId', i),
			externalBrandId: this.getNodeParameter('externalBrandId', i),
			registrationDate: this.getNodeParameter('registrationDate', i),
		};
		const body = mapFields(values, CUSTOMER_FIELDS, zone);
		return async () => {
			const answer = await affeliosRequest.call(this, {
				method: 'POST',
				path: 'customer',
				body,
				itemIndex: i,
				expectJson: true,
				settings,
				creates: `Create Customer (item ${i})`,
			});
			return answer.data as IDataObject;
		};
	});
}
