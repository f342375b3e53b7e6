import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { CallSettings } from '../../shared/callOptions';
import { runForEachChunk, runForEachItem, type Chunk } from '../../shared/runner';
import { affeliosRequest, type AffeliosAnswer, type AffeliosRequest } from '../transport';
import { readBatchSize } from './bulkInput';

/** A request as an operation describes it; the runner adds the item and its Max Retries and Timeout. */
export type AffeliosSend = Omit<AffeliosRequest, 'itemIndex' | 'settings'>;

/** What one input item (or batch) asks for: a request, and how its answer becomes output. */
export interface AffeliosCall {
	request: AffeliosSend;
	output: (answer: AffeliosAnswer) => IDataObject | IDataObject[];
	/** Calls with the same key go one after the other, in input order, as a sequential run would. */
	serialKey?: string;
	/** A request sent first whose answer gives the request's body (PUT: read, merge, send whole). */
	readFirst?: { request: AffeliosSend; body: (answer: AffeliosAnswer) => unknown };
}

/** What an operation reads once per execution: the node, n8n's time zone (dates without one). */
export interface AffeliosRun {
	getNode(): INode;
	zone: string;
}

/** An Affelios operation of one request per item: `call` reads and checks item `i`. */
export interface AffeliosOperation {
	call(this: IExecuteFunctions, i: number, run: AffeliosRun): AffeliosCall;
}

/** A bulk operation: one request per chunk of items (Options → Batch Size). */
export interface AffeliosBatchOperation {
	callForBatch(this: IExecuteFunctions, chunk: Chunk, run: AffeliosRun): AffeliosCall;
}

type Execute = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/**
 * Runs tasks that share a key one after the other, in the order they were handed in; tasks with
 * different keys run freely. Keeps parallel updates of the same customer in input order, as a
 * sequential run would apply them (a read-merge-write would otherwise lose a change).
 */
export function serialByKey(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
	const tails = new Map<string, Promise<unknown>>();
	return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
		const previous = tails.get(key) ?? Promise.resolve();
		const run = previous.then(task);
		// The next task waits for this one whether it succeeds or fails.
		const tail = run.then(
			() => undefined,
			() => undefined,
		);
		tails.set(key, tail);
		try {
			return await run;
		} finally {
			if (tails.get(key) === tail) tails.delete(key);
		}
	};
}

/** How a prepared call is sent: its request(s), in turn with others of its serial key. */
function sender(context: IExecuteFunctions) {
	const oneAtATime = serialByKey();
	return (call: AffeliosCall, itemIndex: number, settings: CallSettings) => {
		const send = async (request: AffeliosSend) =>
			await affeliosRequest.call(context, { ...request, itemIndex, settings });
		const exchange = async () => {
			let { request } = call;
			if (call.readFirst !== undefined) {
				const current = await send(call.readFirst.request);
				request = { ...request, body: call.readFirst.body(current) };
			}
			return call.output(await send(request));
		};
		const { serialKey } = call;
		return serialKey === undefined ? exchange : async () => await oneAtATime(serialKey, exchange);
	};
}

/** An operation file's `execute`: one request per item, through the shared runner. */
export function affeliosOperation(operation: AffeliosOperation): Execute {
	return async function execute(this: IExecuteFunctions) {
		const zone = this.getTimezone();
		const prepare = sender(this);
		return await runForEachItem(this, (i, execution) => {
			// Max Retries and Timeout are checked before the item's fields.
			const settings = execution.callSettings(i);
			const run: AffeliosRun = { getNode: execution.getNode, zone };
			return prepare(operation.call.call(this, i, run), i, settings);
		});
	};
}

/** An operation file's `execute`: one bulk request per chunk of items, through the shared runner. */
export function affeliosBatchOperation(operation: AffeliosBatchOperation): Execute {
	return async function execute(this: IExecuteFunctions) {
		const zone = this.getTimezone();
		const batchSize = readBatchSize(this);
		const prepare = sender(this);
		return await runForEachChunk(this, batchSize, (chunk, execution) => {
			const first = chunk.itemIndexes[0];
			const settings = execution.callSettings(first);
			const run: AffeliosRun = { getNode: execution.getNode, zone };
			return prepare(operation.callForBatch.call(this, chunk, run), first, settings);
		});
	};
}
