import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { callSettingsOf, readRequestsInParallel, type CallSettings } from './callOptions';
import { runLimited } from './limiter';
import { errorJson, toNodeError } from './nodeError';

/**
 * Sends one prepared unit (an item, or a batch of items): its request(s), resolving to the output
 * JSON, one object or a list (a list may be empty: no output for that unit).
 */
export type SendUnit = () => Promise<IDataObject | IDataObject[]>;

/** How a unit shows in the output: the item its errors name, its pairing, extra fields of its error item. */
export interface UnitShape {
	itemIndex: number;
	pairedItem: IPairedItemData | IPairedItemData[];
	errorFields?: IDataObject;
	/**
	 * The pairing of each output item of the unit by its position, when they come from different
	 * input items (a batch giving one item per entry); `pairedItem` then pairs its error item.
	 */
	outputPairing?: (position: number) => IPairedItemData;
}

/**
 * The prepare-then-send runner both nodes use. It reads what is the same for the whole execution
 * once (Continue On Fail, Requests in Parallel, the node: see Execution), hands it to `prepare`
 * with each unit, and prepares every unit first (parameters read and
 * checked, body built), so bad input stops the node before any request; then sends the prepared
 * units, up to Options → Requests in Parallel at a time. Output keeps unit order, each output item
 * carries its unit's pairing, and with "Continue On Fail" a failing unit becomes an error item
 * instead of stopping the workflow (with "Continue (using error output)", an item of the error
 * output). Without it, the first failure (in order) stops the node: no
 * new unit starts, those already sent are awaited.
 */
export async function runPrepared<U>(
	context: IExecuteFunctions,
	units: U[],
	shapeOf: (unit: U) => UnitShape,
	prepare: (unit: U, execution: Execution) => SendUnit | Promise<SendUnit>,
): Promise<INodeExecutionData[]> {
	if (units.length === 0) return [];
	const execution = executionOf(context);
	const continueOnFail = context.continueOnFail();
	const toErrorOutput = execution.getNode().onError === 'continueErrorOutput';
	let parallel: number;
	try {
		parallel = readRequestsInParallel(context);
	} catch (error) {
		throw toNodeError(context, error, 0);
	}
	const output: INodeExecutionData[][] = units.map(() => []);
	const failed = (error: unknown, position: number): INodeExecutionData => {
		const shape = shapeOf(units[position]);
		const nodeError = toNodeError(context, error, shape.itemIndex);
		if (!continueOnFail) throw nodeError;
		const item: INodeExecutionData = {
			json: errorJson(nodeError, shape.errorFields),
			pairedItem: shape.pairedItem,
		};
		// n8n sends an item down "Continue (using error output)" by its `error`, and then keeps only
		// the message in its JSON: so only there, lest "Continue" lose the description and fields.
		if (toErrorOutput) item.error = nodeError;
		return item;
	};

	const ready: Array<{ position: number; send: SendUnit }> = [];
	for (const [position, unit] of units.entries()) {
		try {
			ready.push({ position, send: await prepare(unit, execution) });
		} catch (error) {
			output[position] = [failed(error, position)];
		}
	}

	const outcomes = await runLimited(
		ready.length,
		parallel,
		async (index) => await ready[index].send(),
		!continueOnFail,
	);
	for (const [index, outcome] of outcomes.entries()) {
		const { position } = ready[index];
		// Skipped units only follow a failure, which has thrown by then.
		if (outcome.status === 'fulfilled') {
			const { pairedItem, outputPairing } = shapeOf(units[position]);
			const values = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
			output[position] = values.map((json, index) => ({
				json,
				pairedItem: outputPairing ? outputPairing(index) : pairedItem,
			}));
		} else if (outcome.status === 'rejected') {
			output[position] = [failed(outcome.reason, position)];
		}
	}
	return output.flat();
}

/**
 * Runs one operation per input item (see runPrepared): `prepare` reads and checks the item's
 * parameters and returns how to send it; every item is prepared before the first is sent.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	prepare: (itemIndex: number, execution: Execution) => SendUnit | Promise<SendUnit>,
): Promise<INodeExecutionData[]> {
	const itemIndexes = context.getInputData().map((_, itemIndex) => itemIndex);
	return await runPrepared(
		context,
		itemIndexes,
		(itemIndex) => ({ itemIndex, pairedItem: { item: itemIndex } }),
		prepare,
	);
}

export interface Chunk {
	itemIndexes: number[];
	/** 1-based, as the summaries show it. */
	batch: number;
}

/** Item indexes 0..count-1 cut into consecutive chunks of at most `size`. */
export function chunkIndexes(count: number, size: number): number[][] {
	const chunks: number[][] = [];
	for (let start = 0; start < count; start += size) {
		const end = Math.min(start + size, count);
		chunks.push(Array.from({ length: end - start }, (_, offset) => start + offset));
	}
	return chunks;
}

/**
 * Runs a bulk operation once per chunk of input items (see runPrepared). Every chunk's body is
 * built first, so a bad item stops the node before any request. Each chunk gives one summary item,
 * in chunk order, paired with every input item of its chunk; with "Continue On Fail" a failing
 * chunk becomes one error item (with `batch` and `itemCount`), paired the same way.
 */
export async function runForEachChunk(
	context: IExecuteFunctions,
	batchSize: number,
	prepare: (chunk: Chunk, execution: Execution) => SendUnit | Promise<SendUnit>,
): Promise<INodeExecutionData[]> {
	const chunks: Chunk[] = chunkIndexes(context.getInputData().length, batchSize).map(
		(itemIndexes, offset) => ({ itemIndexes, batch: offset + 1 }),
	);
	return await runPrepared(
		context,
		chunks,
		(chunk) => ({
			itemIndex: chunk.itemIndexes[0],
			pairedItem: chunk.itemIndexes.map((item) => ({ item })),
			errorFields: { batch: chunk.batch, itemCount: chunk.itemIndexes.length },
		}),
		prepare,
	);
}

/**
 * What an operation's run reads of the node, once per execution where it can: the node (n8n's
 * `getNode()` copies it at every call), and parameters that hold no expression, which are the same
 * for every item. A parameter with an expression (or one the node does not hold) is read per item.
 */
export interface Execution {
	getNode(): INode;
	parameter(name: string, itemIndex: number, fallback: unknown): unknown;
	/** The Options collection of the item. */
	options(itemIndex: number): IDataObject;
	/** Max Retries and Timeout of the item; a bad value fails that item, naming the option. */
	callSettings(itemIndex: number): CallSettings;
}

/** Whether a parameter's saved value holds an expression anywhere (`=…` text). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).some(holdsExpression);
}

export function executionOf(context: IExecuteFunctions): Execution {
	const node = context.getNode();
	const once = new Map<string, unknown>();
	const sameForEveryItem = (name: string): boolean =>
		Object.prototype.hasOwnProperty.call(node.parameters, name) &&
		!holdsExpression(node.parameters[name]);
	const parameter = (name: string, itemIndex: number, fallback: unknown): unknown => {
		if (once.has(name)) return once.get(name);
		const value = context.getNodeParameter(name, itemIndex, fallback);
		if (sameForEveryItem(name)) once.set(name, value);
		return value;
	};
	const options = (itemIndex: number): IDataObject =>
		parameter('options', itemIndex, {}) as IDataObject;
	let settings: CallSettings | undefined;
	return {
		getNode: () => node,
		parameter,
		options,
		callSettings: (itemIndex) => {
			if (settings !== undefined) return settings;
			// A bad value is read again for each item, so each item's error names that item.
			const read = callSettingsOf(options(itemIndex));
			if (sameForEveryItem('options')) settings = read;
			return read;
		},
	};
}
