import type { INode, INodeCredentials, INodeParameters, INodeTypes } from 'n8n-workflow';

import { latestVersion } from './nodeTypes';

/** The node a test runs, as a user would configure it in the editor. */
export interface NodeUnderTestOptions {
	type: string;
	/** Default: the node type's newest version. */
	typeVersion?: number;
	parameters: INodeParameters;
	/** Default: `Node Under Test`. */
	name?: string;
	/** Default: `node-under-test` (n8n keys a node's durable poll cursor by it). */
	id?: string;
	/** The "On Error: Continue" setting; stored as `onError: 'continueRegularOutput'`, as the editor does. */
	continueOnFail?: boolean;
	/** Other node settings, passed through unchanged (takes precedence over `continueOnFail`). */
	onError?: INode['onError'];
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export const DEFAULT_NODE_NAME = 'Node Under Test';

/** Credential references as n8n stores them on a node: the data itself stays in the helper. */
export function credentialReferences(typeNames: string[]): INodeCredentials | undefined {
	if (typeNames.length === 0) return undefined;
	return Object.fromEntries(
		typeNames.map((typeName) => [typeName, { id: `test-${typeName}`, name: `Test ${typeName}` }]),
	);
}

export function buildNodeUnderTest(
	options: NodeUnderTestOptions,
	nodeTypes: INodeTypes,
	credentialTypeNames: string[],
	position: [number, number],
): INode {
	const { type, typeVersion, parameters, name, id, continueOnFail, onError, ...settings } = options;
	const node: INode = {
		id: id ?? 'node-under-test',
		name: name ?? DEFAULT_NODE_NAME,
		type,
		typeVersion: typeVersion ?? latestVersion(nodeTypes.getByName(type)),
		position,
		// The engine writes parameter defaults into this object: keep the test's own object intact.
		parameters: structuredClone(parameters),
		...settings,
	};
	const credentials = credentialReferences(credentialTypeNames);
	if (credentials !== undefined) node.credentials = credentials;
	const effectiveOnError =
		onError ?? (continueOnFail === true ? 'continueRegularOutput' : undefined);
	if (effectiveOnError !== undefined) node.onError = effectiveOnError;
	return node;
}
