import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toNodeError } from '../../../shared/nodeError';
import { readWholeNumber } from '../../../shared/numbers';
import { getCollection, isSet } from '../../../shared/parameters';
import { runPrepared } from '../../../shared/runner';
import { readAffilBoxAmount } from '../../helpers/amounts';
import {
	conversionBatches,
	readConversionIds,
	type ConversionBatch,
} from '../../helpers/conversionBatches';
import { CONVERSION_STATE_CHOICES, requireConversionState } from '../../helpers/conversionState';
import { API_V2_MARKER, v2OptionsCollection, v2Run } from '../../helpers/operationV2';
import { affilBoxV2Call, type V2Params } from '../../transport/apiV2';
import { conversionsIn, readConversion } from '../../transport/apiV2/records';

export const DEFAULT_CHANGE_BATCH_SIZE = 100;
// AffilBox documents no limit per call (unknown): this keeps a form body of IDs small.
export const MAX_CHANGE_BATCH_SIZE = 1000;

const properties: INodeProperties[] = [
	API_V2_MARKER,
	{
		displayName: 'Conversion IDs',
		name: 'conversionIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5120, 5121',
		description:
			"AffilBox's internal ID of each conversion to change (as API v2's conversion list gives it), not your transaction ID: one per input item, or several as a list or separated by commas",
		hint: 'All input items are changed together, in calls of up to Batch Size conversions',
	},
	{
		displayName: 'New State',
		name: 'state',
		type: 'options',
		options: CONVERSION_STATE_CHOICES,
		default: 'authorized',
		required: true,
		description: 'The state every conversion given is set to',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Values set on every conversion given (AffilBox does not say more about them)',
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'Note stored with each conversion',
			},
			{
				displayName: 'Commission',
				name: 'value',
				type: 'string',
				default: '',
				placeholder: 'e.g. 45.50',
				description:
					"The partner's commission, set on every conversion given: a number without currency",
			},
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'e.g. CZK',
				description: 'The currency code of the amounts',
			},
			{
				displayName: 'Order Value',
				name: 'sales',
				type: 'string',
				default: '',
				placeholder: 'e.g. 910',
				description: 'The order value, set on every conversion given: a number without currency',
			},
		],
	},
	v2OptionsCollection([
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CHANGE_BATCH_SIZE },
			default: DEFAULT_CHANGE_BATCH_SIZE,
			description: `How many conversions go into one change call (1 to ${MAX_CHANGE_BATCH_SIZE}). AffilBox documents no limit.`,
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversion'], operation: ['changeMany'] } },
	properties,
);

/** What item `i` sets: conversions/change's parameters besides the IDs. */
function changeParams(context: IExecuteFunctions, i: number): V2Params {
	const params: V2Params = {
		state: requireConversionState(context.getNodeParameter('state', i), 'New State'),
	};
	const fields = getCollection(context, 'updateFields', i);
	if (isSet(fields.value)) params.value = readAffilBoxAmount(fields.value, 'Commission');
	if (isSet(fields.sales)) params.sales = readAffilBoxAmount(fields.sales, 'Order Value');
	if (isSet(fields.currency)) params.currency = String(fields.currency).trim();
	if (isSet(fields.comment)) params.comment = String(fields.comment);
	return params;
}

type Unit = { batch: ConversionBatch; params: V2Params } | { itemIndex: number; error: unknown };

/**
 * One conversions/change call per batch (items that set the same values share it), then one
 * conversions/list of the batch's IDs, since the change answers only {status, meta}: each
 * conversion's output is its state as read back, paired to its input item. A failing batch fails
 * (or, with Continue On Fail, gives one error item for) all its conversions.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeMany(this);
}

async function changeMany(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let batchSize: number;
	try {
		batchSize = readWholeNumber(
			getCollection(context, 'options', 0).batchSize ?? DEFAULT_CHANGE_BATCH_SIZE,
			'Batch Size',
			{ min: 1, max: MAX_CHANGE_BATCH_SIZE },
		);
	} catch (error) {
		throw toNodeError(context, error, 0);
	}
	const read: Array<{ itemIndex: number; key: string; ids: string[] }> = [];
	const paramsOf = new Map<string, V2Params>();
	const invalid: Unit[] = [];
	for (const [itemIndex] of context.getInputData().entries()) {
		try {
			const ids = readConversionIds(
				context.getNodeParameter('conversionIds', itemIndex),
				'Conversion IDs',
			);
			const params = changeParams(context, itemIndex);
			const key = JSON.stringify(params);
			paramsOf.set(key, params);
			read.push({ itemIndex, key, ids });
		} catch (error) {
			invalid.push({ itemIndex, error });
		}
	}
	const units: Unit[] = [
		...invalid,
		...conversionBatches(read, batchSize).map((batch) => ({
			batch,
			params: paramsOf.get(batch.key) as V2Params,
		})),
	];
	const node = context.getNode();
	const run = v2Run(context, node);
	return await runPrepared(
		context,
		units,
		(unit) => {
			if ('error' in unit)
				return { itemIndex: unit.itemIndex, pairedItem: { item: unit.itemIndex } };
			const { entries, batch, ids } = unit.batch;
			const items = [...new Set(entries.map((entry) => entry.itemIndex))];
			return {
				itemIndex: items[0],
				pairedItem: items.map((item) => ({ item })),
				errorFields: { batch, conversionIds: ids },
				outputPairing: (position) => ({ item: entries[position].itemIndex }),
			};
		},
		async (unit, execution) => {
			if ('error' in unit) throw unit.error;
			const { entries, ids } = unit.batch;
			const itemIndex = entries[0].itemIndex;
			const settings = execution.callSettings(itemIndex);
			const zone = await run.licenceZone();
			return async () => {
				await affilBoxV2Call.call(context, {
					method: 'POST',
					path: 'conversions/change',
					params: { conversionId: ids, ...unit.params },
					itemIndex,
					settings,
				});
				const body = await affilBoxV2Call.call(context, {
					method: 'POST',
					path: 'conversions/list',
					params: { conversionsId: ids },
					itemIndex,
					settings,
				});
				const found = new Map<string, IDataObject>();
				for (const record of conversionsIn(body)) {
					const conversion = readConversion(record, zone);
					if (typeof conversion.id === 'string') found.set(conversion.id, conversion);
				}
				const wanted = unit.params.state;
				return entries.map(({ conversionId }): IDataObject => {
					const conversion = found.get(conversionId);
					const stateAfter = conversion?.state ?? null;
					return {
						conversionId,
						// Our own check, read back after the change: AffilBox reports no result per conversion.
						outcome:
							conversion === undefined
								? 'notFound'
								: stateAfter === wanted
									? 'done'
									: 'stateDiffers',
						stateRequested: wanted as string,
						stateAfter,
						conversion: conversion ?? null,
					};
				});
			};
		},
	);
}
