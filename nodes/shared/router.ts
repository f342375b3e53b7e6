import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What an operation file exports besides its UI description. */
export interface Operation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/**
 * resource → operation → its module, checked against a node's union of resource/operation pairs,
 * so a pair the type names but no resource module exports does not compile.
 */
export type OperationTable<Pair extends { resource: string; operation: string }> = {
	[R in Pair['resource']]: { [O in Extract<Pair, { resource: R }>['operation']]: Operation };
};

/** Runs the operation the node's Resource and Operation parameters select. */
export async function routeOperation(
	context: IExecuteFunctions,
	operations: Record<string, Record<string, Operation>>,
): Promise<INodeExecutionData[][]> {
	const resource = String(context.getNodeParameter('resource', 0));
	const operation = String(context.getNodeParameter('operation', 0));
	const selected = Object.prototype.hasOwnProperty.call(operations, resource)
		? (operations[resource] as Record<string, Partial<Operation> | undefined>)[operation]
		: undefined;
	if (typeof selected?.execute !== 'function') {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not supported`,
		);
	}
	return [await selected.execute.call(context)];
}
