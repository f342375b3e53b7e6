import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as customer from './customer/Customer.resource';
import type { AffeliosType } from './node.type';
import * as transaction from './transaction/Transaction.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const selected = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as AffeliosType;

	let output: INodeExecutionData[];
	switch (selected.resource) {
		case 'customer':
			output = await customer[selected.operation].execute.call(this);
			break;
		case 'transaction':
			output = await transaction[selected.operation].execute.call(this);
			break;
		default:
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${String((selected as { operation: unknown }).operation)}" is not supported`,
			);
	}
	return [output];
}
