import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withHintForModel } from '../../shared/aiToolError';

import {
	affilBoxApiCall,
	type AffilBoxCallResult,
	type AffilBoxParams,
	type AnswerReading,
	type CallSettings,
} from '../transport';
import { readCallSettings, readRequestsInParallel } from './callOptions';
import { InvalidInputError } from './invalidInput';
import { wantsRawXml } from './parameters';
import { runLimited } from './limiter';

/** What one input item asks for: an API call, and how its answer becomes output records. */
export interface ItemCall {
	method: string;
	params: AffilBoxParams;
	toRecords: (result: AffilBoxCallResult) => IDataObject[];
	/** Adds advice to the error of a failed call, e.g. which field to fill in (see ambiguousConversion.ts). */
	explainError?: (error: NodeApiError | NodeOperationError) => void;
	/** What to keep of the answer (default: every record); Include Raw XML is added here. */
	reading?: AnswerReading;
}

type NodeError = NodeApiError | NodeOperationError;

function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	return withHintForModel(context.getNode(), asNodeError(context, error, itemIndex));
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error.hint ?? `Check the field "${error.field}".`,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

type Planned = { call: ItemCall; settings: CallSettings } | { error: NodeError };

/**
 * Runs one API call per input item, several at a time (Options → Requests in Parallel).
 * First every item's parameters are read and checked, so bad input fails before any request is
 * sent; then the calls run. Output keeps the input order, every output item is paired with its
 * input item, and with "Continue On Fail" a failing item becomes an error item instead of stopping
 * the workflow. Without it, the first failure (in input order) is thrown once the calls already
 * under way have finished, and no further call is started.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<ItemCall>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	if (items.length === 0) return [];
	const continueOnFail = context.continueOnFail();
	let parallel: number;
	try {
		parallel = readRequestsInParallel(context);
	} catch (error) {
		throw toNodeError(context, error, 0);
	}

	const planned: Planned[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const call = await prepare(itemIndex);
			planned.push({ call, settings: readCallSettings(context, itemIndex) });
		} catch (error) {
			const nodeError = toNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			planned.push({ error: nodeError });
		}
	}

	const toSend = planned.flatMap((plan, itemIndex) => ('call' in plan ? [itemIndex] : []));
	const outcomes = await runLimited(
		toSend.length,
		parallel,
		async (n) => {
			const itemIndex = toSend[n];
			const { call, settings } = planned[itemIndex] as { call: ItemCall; settings: CallSettings };
			const result = await affilBoxApiCall.call(
				context,
				call.method,
				call.params,
				itemIndex,
				settings,
				{ ...call.reading, rawXml: wantsRawXml(context, itemIndex) },
			);
			return call.toRecords(result);
		},
		!continueOnFail,
	);

	const sent = new Map(toSend.map((itemIndex, n) => [itemIndex, outcomes[n]]));
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < planned.length; itemIndex++) {
		const plan = planned[itemIndex];
		if ('error' in plan) {
			output.push(errorItem(plan.error, itemIndex));
			continue;
		}
		const outcome = sent.get(itemIndex);
		if (outcome === undefined) continue; // never started: an earlier item failed (and is thrown below)
		if (outcome.ok) {
			for (const json of outcome.value) output.push({ json, pairedItem: { item: itemIndex } });
			continue;
		}
		const nodeError = toNodeError(context, outcome.error, itemIndex);
		plan.call.explainError?.(nodeError);
		if (!continueOnFail) throw nodeError;
		output.push(errorItem(nodeError, itemIndex));
	}
	return output;
}
