import type { INodeProperties } from 'n8n-workflow';

import { conversionIdField } from './common';
import { conversionLocatorOf } from './v2';

/**
 * Fields of version 3 that replace a version-2 field (see versions.ts): the transaction ID, the
 * shop's own ID of a conversion, under one name per type, so that no value of one type is carried
 * into a field of another when the operation changes.
 */

/** Confirm, Get, Update: the conversion to act on, picked or given by its transaction ID. */
export const transactionIdLocator = conversionLocatorOf(
	'transactionId',
	'Conversion (Transaction ID)',
);

/** Add: the transaction ID of the conversion being recorded (a new one: nothing to pick). */
export const newTransactionIdField: INodeProperties = {
	...conversionIdField,
	displayName: 'Transaction ID',
	name: 'newTransactionId',
	description:
		'Your transaction ID of the new conversion (order number or customer e-mail): later operations find the conversion by it',
};
