import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readWholeNumber } from '../../shared/numbers';
import { runForEachItem } from '../../shared/runner';
import {
	AFFILBOX_RECORD_KINDS,
	affilBoxApiCall,
	sharedConnection,
	type AffilBoxCallResult,
	type AffilBoxParams,
	type AffilBoxRecordKind,
	type AnswerReading,
} from '../transport';
import { getLicenceZone } from './licence';

/**
 * How an answer becomes output items, one per record of `kind`:
 * - `read`: every record of the kind the answer holds;
 * - `list`: the same, but only that kind is kept while reading, which stops after `limit` records;
 * - `write`: the record the call touched when AffilBox sends one, otherwise the answer's top-level
 *   fields (e.g. status, message), so the item still shows what the server said.
 * `kind: 'any'` (a Custom Method call) outputs the records of every kind the answer holds.
 * `adjust` adds to each record what the answer says besides (e.g. Get or Create's `created`).
 */
export interface AffilBoxOutput {
	kind: AffilBoxRecordKind | 'any';
	mode: 'read' | 'list' | 'write';
	limit?: number;
	adjust?: (record: IDataObject, result: AffilBoxCallResult) => IDataObject;
}

/**
 * What a call does when it may already have been done for this item: in an execution n8n retries
 * (mode `retry`: a user's Retry of a failed execution runs its failed node again for every item),
 * and with Options → Skip If Already Done (a caller may send the same batch again). `lookup` asks
 * AffilBox first, and when `done` says the answer shows it done, its records of the output's kind
 * are the item's output instead of sending the call again. `refuse` (retries only): AffilBox keeps
 * no key to look it up by, so the item fails with this error rather than doing it twice.
 */
export type OnRetry =
	| {
			lookup: { method: string; params: AffilBoxParams };
			done: (found: AffilBoxCallResult) => boolean;
	  }
	| { refuse: RefusedRetry };

/** The error of an item not sent again in a retried execution: what was not done, and what to check. */
export interface RefusedRetry {
	message: string;
	description: string;
}

/** What one input item asks for: an API method and its parameters, and how its answer is output. */
export interface AffilBoxCall {
	method: string;
	params: AffilBoxParams;
	output: AffilBoxOutput;
	/** Adds advice to the error of a failed call, e.g. which field to fill in (see ambiguousConversion.ts). */
	explainError?: (error: NodeApiError | NodeOperationError) => void;
	/** For calls that create or change something: what to do in an execution n8n retries. */
	onRetry?: OnRetry;
}

/** What an operation reads once per execution: the node (version), the licence's time zone. */
export interface AffilBoxRun {
	getNode(): INode;
	licenceZone(): Promise<string>;
}

/**
 * An AffilBox operation: `call` reads and checks item `i`'s fields and says what to send; with
 * `simplify`, the Simplify switch of version 2 on maps each output record (in the licence's time
 * zone). Everything else (options, retries, output, pairing, Continue On Fail) is the runner's.
 */
export interface AffilBoxOperation {
	call(this: IExecuteFunctions, i: number, run: AffilBoxRun): AffilBoxCall | Promise<AffilBoxCall>;
	simplify?: (record: IDataObject, zone: string, run: AffilBoxRun) => IDataObject;
}

/**
 * "Return All" / "Limit" of the Get Many operations, read and checked before the request. The API
 * has no paging, so the limit is applied to the full answer: undefined means keep everything.
 */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex) === true) return undefined;
	return readWholeNumber(context.getNodeParameter('limit', itemIndex), 'Limit', { min: 1 });
}

/** The output records of an answer (see AffilBoxOutput), with the answer's text under Include Raw XML. */
export function outputRecords(
	result: AffilBoxCallResult,
	output: AffilBoxOutput,
	includeRawXml: boolean,
): IDataObject[] {
	const withRaw = (record: IDataObject): IDataObject => {
		const full = includeRawXml ? { ...record, rawXml: result.rawXml } : record;
		return output.adjust ? output.adjust(full, result) : full;
	};
	const { records: byKind } = result.answer;
	const found =
		output.kind === 'any'
			? AFFILBOX_RECORD_KINDS.flatMap((kind) => byKind[kind])
			: byKind[output.kind];
	const records = found.map(withRaw);
	if (records.length > 0 || output.mode !== 'write') return records;
	return [withRaw({ success: true, ...result.answer.fields })];
}

/** What of the answer the transport keeps for an output (and its text with Include Raw XML). */
function readingFor(output: AffilBoxOutput, rawXml: boolean): AnswerReading {
	return output.mode === 'list' && output.kind !== 'any'
		? { only: output.kind, limit: output.limit, rawXml }
		: { rawXml };
}

/** The repeat guard that applies to this item's call (undefined: none). */
function repeatGuard(
	onRetry: OnRetry | undefined,
	retrying: boolean,
	options: IDataObject,
): OnRetry | undefined {
	if (onRetry === undefined) return undefined;
	if (retrying) return onRetry;
	if ('refuse' in onRetry) return undefined;
	return options.skipIfAlreadyDone === true ? onRetry : undefined;
}

/**
 * One AffilBox call per input item, through the shared prepare-then-send runner: every item's call
 * (and its Max Retries and Timeout) is read and checked before the first is sent; what is the same
 * for every item (Options without an expression, Simplify, the licence's zone, the credential and
 * its API URL check) is read once.
 */
async function runAffilBoxOperation(
	context: IExecuteFunctions,
	operation: AffilBoxOperation,
): Promise<INodeExecutionData[]> {
	const retrying = context.getMode() === 'retry';
	const { simplify } = operation;
	let zone: string | undefined;
	const licenceZone = async () => (zone ??= await getLicenceZone(context));
	const connection = sharedConnection(context);
	return await runForEachItem(context, async (itemIndex, execution) => {
		const run: AffilBoxRun = { getNode: execution.getNode, licenceZone };
		const call = await operation.call.call(context, itemIndex, run);
		let shape = (records: IDataObject[]): IDataObject[] => records;
		if (simplify !== undefined && execution.parameter('simplify', itemIndex, false) === true) {
			const licence = await licenceZone();
			shape = (records) => records.map((record) => simplify(record, licence, run));
		}
		const settings = execution.callSettings(itemIndex);
		const options = execution.options(itemIndex);
		const rawXml = options.includeRawXml === true;
		const guard = repeatGuard(call.onRetry, retrying, options);
		if (guard !== undefined && 'refuse' in guard) {
			throw new NodeOperationError(execution.getNode(), guard.refuse.message, {
				description: guard.refuse.description,
				itemIndex,
			});
		}
		const { method, params, output, explainError } = call;
		const reading = readingFor(output, rawXml);
		return async () => {
			try {
				if (guard !== undefined) {
					const { lookup } = guard;
					const found = await affilBoxApiCall.call(
						context,
						lookup.method,
						lookup.params,
						itemIndex,
						settings,
						{ rawXml },
						connection,
					);
					if (guard.done(found)) {
						return shape(outputRecords(found, { ...output, mode: 'read' }, rawXml));
					}
				}
				const result = await affilBoxApiCall.call(
					context,
					method,
					params,
					itemIndex,
					settings,
					reading,
					connection,
				);
				return shape(outputRecords(result, output, rawXml));
			} catch (error) {
				// Advice is read off the API's own message, before the runner adds hints for a model.
				const failure =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(execution.getNode(), error as Error, { itemIndex });
				explainError?.(failure);
				throw failure;
			}
		};
	});
}

/** An operation file's `execute`: the operation, run by the AffilBox runner. */
export function affilBoxOperation(
	operation: AffilBoxOperation,
): (this: IExecuteFunctions) => Promise<INodeExecutionData[]> {
	return async function execute(this: IExecuteFunctions) {
		return await runAffilBoxOperation(this, operation);
	};
}
