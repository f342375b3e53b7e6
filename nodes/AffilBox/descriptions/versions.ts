import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyConversion, type StateWords } from '../helpers/simplifyConversion';

/**
 * The AffilBox nodes have several versions in one class (`version: [1, 2, 3]`), told apart by
 * `@version` display conditions. A saved version keeps its fields exactly (workflows saved with it
 * store only the values that differ from the defaults, so a changed default would change what they
 * send); a later version replaces some of them. The execute code is shared: it reads every shape.
 * Lighter than a VersionedNodeType, which would need a second node class and a copy of every
 * operation's description.
 *
 * - Version 2 (`PICKER_VERSION`, also the AffilBox Trigger's): pickers instead of IDs, no amount
 *   or state that is silently filled in, and Simplify.
 * - Version 3 (`TRANSACTION_ID_VERSION`, the AffilBox node only): the transaction ID has a name of
 *   its own per type (version 2 named a text field and a picker both `conversionId`, so switching
 *   the operation carried a picker's value into the text field as "[object Object]"), and Simplify
 *   names a rejected conversion's state "rejected", as the trigger's event and the State choice do.
 */
export const PICKER_VERSION = 2;
export const TRANSACTION_ID_VERSION = 3;
export const LATEST_VERSION = TRANSACTION_ID_VERSION;

export function onlyV1(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { '@version': [1] } }, properties);
}

export function fromV2(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { gte: PICKER_VERSION } }] } },
		properties,
	);
}

/** Fields of version 2 that version 3 replaces. */
export function onlyV2(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { '@version': [PICKER_VERSION] } }, properties);
}

/** Fields of versions 1 and 2 that version 3 replaces. */
export function beforeV3(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { lt: TRANSACTION_ID_VERSION } }] } },
		properties,
	);
}

export function fromV3(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { gte: TRANSACTION_ID_VERSION } }] } },
		properties,
	);
}

type Versioned = { getNode(): { typeVersion: number } };

/** Whether the node being run is version 2 or later (workflows saved before it are version 1). */
export function isVersion2(context: Versioned): boolean {
	return context.getNode().typeVersion >= PICKER_VERSION;
}

export function isVersion3(context: Versioned): boolean {
	return context.getNode().typeVersion >= TRANSACTION_ID_VERSION;
}

/**
 * The parameter holding the transaction ID of the conversion an operation acts on, and the word its
 * errors use: the picker `transactionId` from version 3 on (Confirm, Get, Update), named as Add's
 * field is ("Transaction ID"); `conversionId` before, named as those versions label it.
 */
export function transactionIdParameter(context: Versioned): { name: string; field: string } {
	if (isVersion3(context)) return { name: 'transactionId', field: 'Transaction ID' };
	return isVersion2(context)
		? { name: 'conversionId', field: 'Conversion' }
		: { name: 'conversionId', field: 'Conversion ID' };
}

/** How Simplify names the states: from version 3 in the editor's words ("rejected"). */
function stateWordsOf(context: Versioned): StateWords {
	return isVersion3(context) ? 'editor' : 'affilbox';
}

/** Simplify of a conversion record, in the words of the node's version. */
export function simplifyConversionOf(
	record: IDataObject,
	zone: string,
	context: Versioned,
): IDataObject {
	return simplifyConversion(record, zone, stateWordsOf(context));
}
