import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../../shared/router';
import * as customer from './customer/Customer.resource';
import type { AffeliosType } from './node.type';
import * as transaction from './transaction/Transaction.resource';

const operations: OperationTable<AffeliosType> = { customer, transaction };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations);
}
