import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readCallSettings } from '../../../shared/callOptions';
import { getCollection } from '../../../shared/parameters';
import { runForEachChunk } from '../../../shared/runForEachChunk';
import { batchSubject, chunkBody, readBatchSize } from '../../helpers/bulkInput';
import { mapFields } from '../../helpers/fieldMap';
import { affeliosRequest } from '../../transport';
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
	externalIdField,
	registrationDateField,
} from './fields';
import { bulkSummary } from './bulkSummary';

const whenMapping = { show: { inputMode: ['fields'] } };

const properties: INodeProperties[] = [
	inputModeField('customer'),
	{ ...externalIdField, displayOptions: whenMapping },
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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const zone = this.getTimezone();
	const mapItem = (i: number): IDataObject =>
		mapFields(
			{
				...getCollection(this, 'additionalFields', i),
				externalId: this.getNodeParameter('externalId', i),
				externalBrandId: this.getNodeParameter('externalBrandId', i),
				registrationDate: this.getNodeParameter('registrationDate', i),
			},
			BULK_CUSTOMER_FIELDS,
			zone,
		);
	const batchSize = readBatchSize(this);
	return await runForEachChunk(this, batchSize, ({ itemIndexes, batch }) => {
		const settings = readCallSettings(this, itemIndexes[0]);
		const body = chunkBody(this, itemIndexes, mapItem);
		return async () => {
			const answer = await affeliosRequest.call(this, {
				method: 'POST',
				path: 'customer/bulk',
				body,
				itemIndex: itemIndexes[0],
				expectJson: true,
				settings,
				creates: batchSubject('Create Many Customers', batch, itemIndexes),
			});
			return bulkSummary(answer.data as IDataObject, batch, itemIndexes.length);
		};
	});
}
