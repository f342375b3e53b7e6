import type {
	INodeProperties,
	INodePropertyCollection,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { AffilBox } from '../../nodes/AffilBox/AffilBox.node';
import { AffilBoxInvoiceTrigger } from '../../nodes/AffilBox/AffilBoxInvoiceTrigger.node';
import { AffilBoxPartnerTrigger } from '../../nodes/AffilBox/AffilBoxPartnerTrigger.node';
import { AffilBoxTrigger } from '../../nodes/AffilBox/AffilBoxTrigger.node';

/**
 * The editor keeps a parameter's value when the operation (or resource) changes, as long as the new
 * operation has a parameter of the same name. If that one has another type, the old value lands in
 * it: a picker's `{ __rl, mode, value }` in a text field shows "[object Object]". So within one node
 * version every parameter name (inside collections: its path) must have one type.
 */
const NODES: INodeType[] = [
	new AffilBox(),
	new AffilBoxTrigger(),
	new AffilBoxPartnerTrigger(),
	new AffilBoxInvoiceTrigger(),
	new Affelios(),
];

/**
 * Kept on purpose: version 2 of the AffilBox node names both Add's text field and the picker of
 * Confirm, Get and Update `conversionId`. Workflows saved with it store that name, so it stays;
 * version 3 names them `newTransactionId` and `transactionId`.
 */
const KEPT = ['affilBox v2 conversionId'];

function versionsOf(description: INodeTypeDescription): number[] {
	return ([] as number[]).concat(description.version);
}

/** Whether n8n shows the property in this version, judged by its `@version` conditions only. */
function inVersion(
	property: INodeProperties,
	version: number,
	description: INodeTypeDescription,
): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const byVersion: INodeProperties = {
		...property,
		displayOptions: {
			...(show?.['@version'] ? { show: { '@version': show['@version'] } } : {}),
			...(hide?.['@version'] ? { hide: { '@version': hide['@version'] } } : {}),
		},
	};
	return NodeHelpers.displayParameter({}, byVersion, { typeVersion: version }, description);
}

/** Every parameter a version has, by path (`filters.partnerId`), with the types it has there. */
function typesByPath(
	properties: INodeProperties[],
	version: number,
	description: INodeTypeDescription,
	prefix = '',
	found = new Map<string, Set<string>>(),
): Map<string, Set<string>> {
	for (const property of properties) {
		if (!inVersion(property, version, description)) continue;
		const path = `${prefix}${property.name}`;
		if (!found.has(path)) found.set(path, new Set());
		found.get(path)?.add(property.type);
		if (property.type === 'collection') {
			typesByPath(
				(property.options ?? []) as INodeProperties[],
				version,
				description,
				`${path}.`,
				found,
			);
		}
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				typesByPath(group.values, version, description, `${path}.${group.name}.`, found);
			}
		}
	}
	return found;
}

/** `affilBox v2 conversionId: string, resourceLocator` for each name with several types. */
function namesWithSeveralTypes(node: INodeType): string[] {
	const { description } = node;
	return versionsOf(description).flatMap((version) =>
		[...typesByPath(description.properties, version, description)]
			.filter(([, types]) => types.size > 1)
			.map(([path, types]) => `${description.name} v${version} ${path}: ${[...types].join(', ')}`),
	);
}

describe('one type per parameter name within a node version', () => {
	it.each(NODES.map((node) => [node.description.displayName, node] as const))(
		'%s, every version',
		(_, node) => {
			const clashes = namesWithSeveralTypes(node).filter(
				(clash) => !KEPT.some((kept) => clash.startsWith(`${kept}:`)),
			);
			expect(clashes).toEqual([]);
		},
	);

	it.each(NODES.map((node) => [node.description.displayName, node] as const))(
		'%s: the version new nodes get has no clash at all',
		(_, node) => {
			const { name, defaultVersion } = node.description;
			const latest = defaultVersion ?? Math.max(...versionsOf(node.description));
			expect(
				namesWithSeveralTypes(node).filter((clash) => clash.startsWith(`${name} v${latest} `)),
			).toEqual([]);
		},
	);

	it('the clash kept for version-2 workflows is the only one', () => {
		expect(namesWithSeveralTypes(new AffilBox())).toEqual([
			'affilBox v2 conversionId: string, resourceLocator',
		]);
	});

	it('the walk sees versions and collections (so it can fail)', () => {
		const description = {
			...new AffilBox().description,
			version: [1, 2],
			properties: [
				{ displayName: 'A', name: 'id', type: 'string', default: '' },
				{
					displayName: 'B',
					name: 'id',
					type: 'number',
					default: 0,
					displayOptions: { show: { '@version': [1] } },
				},
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					default: {},
					options: [
						{ displayName: 'P', name: 'partner', type: 'string', default: '' },
						{
							displayName: 'P',
							name: 'partner',
							type: 'resourceLocator',
							default: { mode: 'id', value: '' },
							displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
						},
					],
				},
			],
		} as INodeTypeDescription;
		expect(namesWithSeveralTypes({ description } as INodeType)).toEqual([
			'affilBox v1 id: string, number',
			'affilBox v2 filters.partner: string, resourceLocator',
		]);
	});
});
