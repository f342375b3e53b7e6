/* eslint-disable no-console -- prints the tool descriptions for the record */
import type { INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { AffilBox } from '../../nodes/AffilBox/AffilBox.node';

/**
 * What a model reads about each operation when the node is attached to an AI Agent or an MCP
 * Server Trigger with "Tool Description: Set Automatically": n8n builds it from the `action` of the
 * chosen operation ("<action> in <node name>"). Computed here with n8n's own function.
 */
function toolDescriptions(
	nodeType: INodeType,
	packageName: string,
): Array<[string, string, string]> {
	const { properties } = nodeType.description;
	const resources = properties.find((p) => p.name === 'resource')
		?.options as INodePropertyOptions[];
	return resources.flatMap(({ value: resource }) => {
		const operation = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		return (operation?.options as INodePropertyOptions[]).map(
			({ value }): [string, string, string] => {
				const node: INode = {
					id: 'tool',
					name: 'tool',
					type: `${packageName}.${nodeType.description.name}Tool`,
					typeVersion: 1,
					position: [0, 0],
					parameters: { descriptionType: 'auto', resource, operation: value },
				};
				return [
					String(resource),
					String(value),
					NodeHelpers.getToolDescriptionForNode(node, nodeType),
				];
			},
		);
	});
}

const AFFILBOX: Array<[string, string, string]> = [
	['bonus', 'add', 'Credit a bonus to a partner in AffilBox'],
	['campaign', 'getMany', 'Get many campaigns in AffilBox'],
	['click', 'add', 'Record clicks for a partner in AffilBox'],
	['conversion', 'add', 'Record a conversion for a partner in AffilBox'],
	['conversion', 'changeMany', 'Update many conversions in AffilBox'],
	['conversion', 'confirm', 'Approve or reject a conversion in AffilBox'],
	['conversion', 'get', 'Get a conversion by transaction ID in AffilBox'],
	['conversion', 'getMany', 'Get many conversions in AffilBox'],
	['conversion', 'update', 'Update a conversion in AffilBox'],
	['customCall', 'customMethod', 'Call a custom method in AffilBox'],
	['dashboard', 'get', 'Get the dashboard in AffilBox'],
	['instance', 'get', 'Get the instance settings in AffilBox'],
	['invoice', 'get', 'Get an invoice in AffilBox'],
	['invoice', 'getMany', 'Get many invoices in AffilBox'],
	['partner', 'create', 'Create a partner in AffilBox'],
	['partner', 'get', 'Get a partner by affiliate ID or email in AffilBox'],
	['partner', 'getMany', 'Get many partners in AffilBox'],
	['partner', 'getOrCreate', 'Get or create a partner by email in AffilBox'],
];

const AFFELIOS: Array<[string, string, string]> = [
	['customer', 'create', 'Create a customer in Affelios'],
	['customer', 'createMany', 'Create many customers in Affelios'],
	['customer', 'get', 'Get a customer by internal ID in Affelios'],
	['customer', 'update', 'Update a customer by internal ID in Affelios'],
	['customCall', 'customApiCall', 'Call a custom API endpoint in Affelios'],
	['transaction', 'create', 'Create a transaction in Affelios'],
	['transaction', 'createMany', 'Create many transactions in Affelios'],
	['transaction', 'get', 'Get a transaction by internal ID in Affelios'],
];

describe('the tool description n8n gives a model for each operation', () => {
	const affilBox = toolDescriptions(new AffilBox(), 'n8n-nodes-affilbox');
	const affelios = toolDescriptions(new Affelios(), 'n8n-nodes-affelios');

	afterAll(() => {
		const table = [...affilBox, ...affelios]
			.map(([resource, operation, text]) => `  ${`${resource} → ${operation}`.padEnd(26)} ${text}`)
			.join('\n');
		console.log(`Tool descriptions (Set Automatically):\n${table}`);
	});

	it('AffilBox: every operation', () => {
		expect(affilBox).toEqual(AFFILBOX);
	});

	it('Affelios: every operation', () => {
		expect(affelios).toEqual(AFFELIOS);
	});

	it.each([...affilBox, ...affelios])(
		'%s → %s reads as one short instruction that names what it acts on',
		(resource, _operation, text) => {
			const action = text.replace(/ in (AffilBox|Affelios)$/, '');
			expect(action).not.toBe(text);
			expect(action.length).toBeLessThanOrEqual(40);
			expect(action).toMatch(/^(Get|Get or create|Record|Approve|Update|Credit|Create|Call)\b/);
			// The model must be able to tell the resources apart from the description alone.
			const named = { click: 'clicks', customCall: 'custom' }[resource] ?? resource;
			expect(action.toLowerCase()).toContain(named);
		},
	);

	it('no two operations of a node read the same', () => {
		for (const list of [affilBox, affelios]) {
			const texts = list.map(([, , text]) => text);
			expect(new Set(texts).size).toBe(texts.length);
		}
	});
});
