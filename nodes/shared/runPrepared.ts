import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { readRequestsInParallel } from './callOptions';
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
}

/**
 * The prepare-then-send runner both nodes use. It prepares every unit first (parameters read and
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
	prepare: (unit: U) => SendUnit | Promise<SendUnit>,
): Promise<INodeExecutionData[]> {
	if (units.length === 0) return [];
	const continueOnFail = context.continueOnFail();
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
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
			ready.push({ position, send: await prepare(unit) });
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
			const { pairedItem } = shapeOf(units[position]);
			const values = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
			output[position] = values.map((json) => ({ json, pairedItem }));
		} else if (outcome.status === 'rejected') {
			output[position] = [failed(outcome.reason, position)];
		}
	}
	return output.flat();
}
