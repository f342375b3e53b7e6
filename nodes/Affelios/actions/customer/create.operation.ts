import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection } from '../../../shared/parameters';
import { mapFields } from '../../helpers/fieldMap';
import { affeliosOperation } from '../../helpers/operation';
import { itemOptions } from '../common.descriptions';
import {
	CUSTOMER_FIELDS,
	externalBrandIdField,
	customerExternalIdField,
	optionalCustomerFields,
	registrationDateField,
} from './fields';

const properties: INodeProperties[] = [
	customerExternalIdField,
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

export const execute = affeliosOperation({
	call(i, run) {
		const values: IDataObject = {
			...getCollection(this, 'additionalFields', i),
			externalId: this.getNodeParameter('externalId', i),
			externalBrandId: this.getNodeParameter('externalBrandId', i),
			registrationDate: this.getNodeParameter('registrationDate', i),
		};
		const body = mapFields(values, CUSTOMER_FIELDS, run.zone);
		return {
			request: {
				method: 'POST',
				path: 'customer',
				body,
				expectJson: true,
				creates: `Create Customer (item ${i})`,
			},
			output: (answer) => answer.data as IDataObject,
		};
	},
});
