import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/**
 * The AffilBox nodes have two versions in one class (`version: [1, 2]`), told apart by `@version`
 * display conditions. Version 1 keeps its fields exactly (workflows saved with it store only the
 * values that differ from the defaults, so a changed default would change what they send);
 * version 2 replaces some of them under the same names: pickers instead of IDs, no amount or state
 * that is silently filled in, and Simplify. The execute code is shared: it reads both shapes.
 * Lighter than a VersionedNodeType, which would need a second node class and a copy of every
 * operation's description.
 */
export const LATEST_VERSION = 2;

export function onlyV1(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { '@version': [1] } }, properties);
}

export function fromV2(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { '@version': [{ _cnd: { gte: 2 } }] } }, properties);
}

/** Whether the node being run is version 2 or later (workflows saved before it are version 1). */
export function isVersion2(context: { getNode(): { typeVersion: number } }): boolean {
	return context.getNode().typeVersion >= 2;
}
