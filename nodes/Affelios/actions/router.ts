import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../../shared/router';
import * as customCall from './customCall/CustomCall.resource';
import * as customer from './customer/Customer.resource';
import type { AffeliosType } from './node.type';
import * as transaction from './transaction/Transaction.resource';

const operations: OperationTable<AffeliosType> = { customer, transaction, customCall };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations);
}
