import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as bonus from './bonus/Bonus.resource';
import * as campaign from './campaign/Campaign.resource';
import * as click from './click/Click.resource';
import * as conversion from './conversion/Conversion.resource';
import type { AffilBoxType } from './node.type';
import * as partner from './partner/Partner.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const selected = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as AffilBoxType;

	let output: INodeExecutionData[];
	switch (selected.resource) {
		case 'conversion':
			output = await conversion[selected.operation].execute.call(this);
			break;
		case 'bonus':
			output = await bonus[selected.operation].execute.call(this);
			break;
		case 'partner':
			output = await partner[selected.operation].execute.call(this);
			break;
		case 'click':
			output = await click[selected.operation].execute.call(this);
			break;
		case 'campaign':
			output = await campaign[selected.operation].execute.call(this);
			break;
		default:
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${String((selected as { operation: unknown }).operation)}" is not supported`,
			);
	}
	return [output];
}
