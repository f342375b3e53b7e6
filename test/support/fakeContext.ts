import type { IDataObject, IExecuteFunctions, INode, INodeParameters } from 'n8n-workflow';

export const FAKE_NODE: INode = {
	id: 'fake',
	name: 'AffilBox',
	type: 'n8n-nodes-affilbox.affilBox',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * Just enough of IExecuteFunctions to run an operation's own code (reading and checking its fields,
 * the operation runner) in-process, with parameters per item and Continue On Fail on. For the bulk fuzz,
 * where a real workflow per string would take minutes; the test replaces the transport call.
 */
export function fakeExecuteContext(
	itemCount: number,
	parametersOf: (itemIndex: number) => INodeParameters,
): IExecuteFunctions {
	return {
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} as IDataObject })),
		continueOnFail: () => true,
		getMode: () => 'manual',
		getNode: () => FAKE_NODE,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			parametersOf(itemIndex)[name] ?? fallback,
		getCredentials: async () => ({
			apiUrl: 'https://c1234.affilbox.cz/api/',
			apiKey: 'fuzz-key',
			timeZone: 'Europe/Prague',
		}),
	} as unknown as IExecuteFunctions;
}
