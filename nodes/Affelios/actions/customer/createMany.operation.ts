import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection } from '../../../shared/parameters';
import { batchSubject, chunkBody } from '../../helpers/bulkInput';
import { mapFields } from '../../helpers/fieldMap';
import { affeliosBatchOperation } from '../../helpers/operation';
import {
	batchOptions,
	clickKeyField,
	countryCodeField,
	countryField,
	externalProductIdField,
	inputModeField,
	usernameField,
} from '../common.descriptions';
import {
	BULK_CUSTOMER_FIELDS,
	externalBrandIdField,
	customerExternalIdField,
	registrationDateField,
} from './fields';
import { bulkSummary } from './bulkSummary';

const whenMapping = { show: { inputMode: ['fields'] } };

const properties: INodeProperties[] = [
	inputModeField('customer'),
	{ ...customerExternalIdField, displayOptions: whenMapping },
	{ ...externalBrandIdField, displayOptions: whenMapping },
	{
		...registrationDateField,
		description: `${registrationDateField.description as string} Sent as regDate.`,
		displayOptions: whenMapping,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional values sent with each customer',
		displayOptions: whenMapping,
		options: [clickKeyField, countryField, countryCodeField, externalProductIdField, usernameField],
	},
	batchOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['createMany'] } },
	properties,
);

export const execute = affeliosBatchOperation({
	callForBatch({ itemIndexes, batch }, run) {
		const mapItem = (i: number): IDataObject =>
			mapFields(
				{
					...getCollection(this, 'additionalFields', i),
					externalId: this.getNodeParameter('externalId', i),
					externalBrandId: this.getNodeParameter('externalBrandId', i),
					registrationDate: this.getNodeParameter('registrationDate', i),
				},
				BULK_CUSTOMER_FIELDS,
				run.zone,
			);
		const body = chunkBody(this, itemIndexes, mapItem);
		return {
			request: {
				method: 'POST',
				path: 'customer/bulk',
				body,
				expectJson: true,
				creates: batchSubject('Create Many Customers', batch, itemIndexes),
			},
			output: (answer) => bulkSummary(answer.data as IDataObject, batch, itemIndexes.length),
		};
	},
});
