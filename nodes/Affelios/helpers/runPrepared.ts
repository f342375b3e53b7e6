import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { runLimited } from './limiter';
import { toNodeError } from './nodeError';

/** Sends one prepared unit (an item, or a chunk of items): its request(s), resolving to the output JSON. */
export type SendUnit = () => Promise<IDataObject>;

/** How a unit shows in the output: the item its errors name, its pairing, extra fields of its error item. */
export interface UnitShape {
	itemIndex: number;
	pairedItem: IPairedItemData | IPairedItemData[];
	errorFields?: IDataObject;
}

/**
 * Prepares every unit first (parameters read and checked, body built), so bad input stops the node
 * before any request; then sends the prepared units, up to `concurrency` at a time. Output keeps
 * unit order, each output item carries its unit's pairing, and with "Continue On Fail" a failing
 * unit becomes an error item instead of stopping the workflow. Without it, the first failure (in
 * order) stops the node: no new unit starts, those already sent are awaited.
 */
export async function runPrepared<U>(
	context: IExecuteFunctions,
	units: U[],
	concurrency: number,
	shapeOf: (unit: U) => UnitShape,
	prepare: (unit: U) => SendUnit,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const output: INodeExecutionData[] = new Array<INodeExecutionData>(units.length);
	const failed = (error: unknown, position: number): INodeExecutionData => {
		const shape = shapeOf(units[position]);
		const nodeError = toNodeError(context, error, shape.itemIndex);
		if (!continueOnFail) throw nodeError;
		const json: IDataObject = { error: nodeError.message, ...(shape.errorFields ?? {}) };
		if (nodeError.description) json.description = nodeError.description;
		return { json, pairedItem: shape.pairedItem };
	};

	const ready: Array<{ position: number; send: SendUnit }> = [];
	for (const [position, unit] of units.entries()) {
		try {
			ready.push({ position, send: prepare(unit) });
		} catch (error) {
			output[position] = failed(error, position);
		}
	}

	const outcomes = await runLimited(
		ready.length,
		concurrency,
		async (index) => await ready[index].send(),
		!continueOnFail,
	);
	for (const [index, outcome] of outcomes.entries()) {
		const { position } = ready[index];
		// Skipped units only follow a failure, which has thrown by then.
		if (outcome.status === 'fulfilled') {
			output[position] = { json: outcome.value, pairedItem: shapeOf(units[position]).pairedItem };
		} else if (outcome.status === 'rejected') {
			output[position] = failed(outcome.reason, position);
		}
	}
	return output;
}
