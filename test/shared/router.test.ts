import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { routeOperation, type Operation } from '../../nodes/shared/router';

function contextSelecting(resource: string, operation: string): IExecuteFunctions {
	return {
		getNodeParameter: (name: string) => (name === 'resource' ? resource : operation),
		getNode: () => ({
			name: 'Node',
			type: 'test',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
	} as unknown as IExecuteFunctions;
}

const ran: string[] = [];
const operation = (name: string): Operation => ({
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		ran.push(name);
		return [{ json: { name } }];
	},
});
// A resource module exports its operations and its UI description side by side.
const operations = {
	conversion: { add: operation('add'), get: operation('get'), description: [] },
} as unknown as Record<string, Record<string, Operation>>;

describe('routeOperation', () => {
	it('runs the selected operation and returns its items as the node output', async () => {
		expect(await routeOperation(contextSelecting('conversion', 'get'), operations)).toEqual([
			[{ json: { name: 'get' } }],
		]);
		expect(ran).toEqual(['get']);
	});

	it.each([
		['conversion', 'delete'],
		['conversion', 'description'],
		['bonus', 'add'],
		['toString', 'call'],
	])('refuses %s/%s', async (resource, name) => {
		await expect(routeOperation(contextSelecting(resource, name), operations)).rejects.toThrow(
			new NodeOperationError(
				contextSelecting(resource, name).getNode(),
				`The operation "${name}" is not supported`,
			),
		);
	});
});
