import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../../shared/router';
import * as bonus from './bonus/Bonus.resource';
import * as campaign from './campaign/Campaign.resource';
import * as click from './click/Click.resource';
import * as conversion from './conversion/Conversion.resource';
import * as customCall from './customCall/CustomCall.resource';
import * as dashboard from './dashboard/Dashboard.resource';
import * as instance from './instance/Instance.resource';
import * as invoice from './invoice/Invoice.resource';
import type { AffilBoxType } from './node.type';
import * as partner from './partner/Partner.resource';

const operations: OperationTable<AffilBoxType> = {
	conversion,
	bonus,
	partner,
	click,
	campaign,
	invoice,
	dashboard,
	instance,
	customCall,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations);
}
