import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/invalidInput';
import { getCollection, requireText } from '../../../shared/parameters';
import { mapFields } from '../../helpers/fieldMap';
import { affeliosOperation } from '../../helpers/operation';
import { itemOptions } from '../common.descriptions';
import { CUSTOMER_FIELDS, customerIdField, updatableCustomerFields } from './fields';
import { mergeForPut } from './mergeForPut';

const UPDATE_FIELDS = CUSTOMER_FIELDS.map((spec) => ({ ...spec, required: false }));

const properties: INodeProperties[] = [
	customerIdField,
	{
		displayName: 'HTTP Method',
		name: 'updateMethod',
		type: 'options',
		options: [
			{
				name: 'PUT',
				value: 'PUT',
				description: 'Read the customer, merge the changes, send the whole customer',
			},
			{ name: 'PATCH', value: 'PATCH', description: 'Send only the changed fields' },
		],
		default: 'PUT',
		description: 'How the change is sent to Affelios',
		hint: 'Affelios does not document the method of this call. PUT replaces the whole customer, so the node first reads it, merges your changes and sends the complete customer (two requests). PATCH sends only the changed fields.',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The values to change; what is not added here stays as it is',
		options: updatableCustomerFields,
	},
	itemOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	properties,
);

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const execute = affeliosOperation({
	call(i, run) {
		const id = requireText(this.getNodeParameter('customerId', i), 'Customer ID').trim();
		const method = this.getNodeParameter('updateMethod', i) === 'PATCH' ? 'PATCH' : 'PUT';
		const changes = mapFields(getCollection(this, 'updateFields', i), UPDATE_FIELDS, run.zone);
		if (Object.keys(changes).length === 0) {
			throw new InvalidInputError(
				'Update Fields',
				'Update Fields: add at least one field to change',
				'Nothing would change, so no request was sent.',
			);
		}
		const path = `customer/${encodeURIComponent(id)}`;
		// Both calls are idempotent (the write sends the same body each time): both may be repeated.
		return {
			request: { method, path, body: changes, expectJson: false },
			readFirst:
				method === 'PUT'
					? {
							request: { method: 'GET', path, expectJson: true },
							body: (current) => mergeForPut(current.data as IDataObject, changes),
						}
					: undefined,
			// Items for the same customer go one after the other, in input order.
			serialKey: id,
			// The customer is the documented answer; an empty one still means success.
			output: (answer) =>
				isObject(answer.data) ? answer.data : { id, updated: true, status: answer.statusCode },
		};
	},
});
