import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../../shared/parameters';
import { mapFields } from '../../helpers/fieldMap';
import { TRANSACTION_FIELDS } from './fields';

/** One transaction as the API expects it, from the item's External ID and Additional Fields. */
export function transactionBody(
	context: IExecuteFunctions,
	itemIndex: number,
	zone: string,
): IDataObject {
	const values: IDataObject = {
		...getCollection(context, 'additionalFields', itemIndex),
		externalId: context.getNodeParameter('externalId', itemIndex, ''),
	};
	return mapFields(values, TRANSACTION_FIELDS, zone);
}
