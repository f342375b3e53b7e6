import { DateTime } from 'luxon';
import type { IDataObject, IWorkflowDataProxyData, NodeParameterValue } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { readExamples } from '../e2e/n8n/examples';
import { readmeCurlBodies } from '../e2e/n8n/readmeCurls';

/**
 * What the editor previews for the example nodes that read the webhook caller's data, with the
 * bodies the package READMEs tell people to send: no expression may come out `undefined`.
 * For each webhook path: the nodes reading the caller's data, and the items they get (`$json`).
 */
type Feed = (body: IDataObject) => IDataObject[];
const webhookItem = (body: IDataObject): IDataObject => ({
	headers: {},
	params: {},
	query: {},
	body,
});
const READERS: Record<string, Record<string, Feed>> = {
	'payment-succeeded': { 'Approve Conversion': (body) => [webhookItem(body)] },
	'crm-new-customer': {
		'Create Customer': (body) => [webhookItem(body)],
		'Orders of the Customer': () => [{}],
		// After Split Out: one item per order of the body.
		'Create Transactions': (body) => body.orders as IDataObject[],
	},
	'approve-waiting-conversions': {
		'Waiting Conversions': (body) => [webhookItem(body)],
		// After Get Many: one item per waiting conversion (its AffilBox ID among the fields).
		'Approve All in One Call': () => [{ id: '1005', transactionId: 'zakaznik@example.com' }],
	},
};

interface Example {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: IDataObject }>;
}

function webhookOf(example: Example) {
	return example.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
}

/** Every `=…` expression among a node's parameters, with its path for the failure message. */
function expressionsIn(value: unknown, at: string): Array<{ at: string; expression: string }> {
	if (typeof value === 'string') return value.startsWith('=') ? [{ at, expression: value }] : [];
	if (Array.isArray(value)) return value.flatMap((entry, i) => expressionsIn(entry, `${at}[${i}]`));
	if (value !== null && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, entry]) => expressionsIn(entry, `${at}.${key}`));
	}
	return [];
}

function previews(example: Example, body: IDataObject): Array<{ at: string; value: unknown }> {
	const webhook = webhookOf(example)!;
	const readers = READERS[webhook.parameters.path as string];
	const expression = new Expression('Europe/Prague');
	const results: Array<{ at: string; value: unknown }> = [];
	for (const [nodeName, feed] of Object.entries(readers)) {
		const node = example.nodes.find((candidate) => candidate.name === nodeName);
		if (!node) throw new Error(`${example.name} has no node "${nodeName}"`);
		for (const [index, json] of feed(body).entries()) {
			const data = {
				$json: json,
				$now: DateTime.now().setZone('Europe/Prague'),
				$: (name: string) => {
					if (name !== webhook.name) throw new Error(`no preview data for node "${name}"`);
					return { item: { json: webhookItem(body) }, first: () => ({ json: webhookItem(body) }) };
				},
			} as unknown as IWorkflowDataProxyData;
			for (const { at, expression: text } of expressionsIn(node.parameters, nodeName)) {
				const value = expression.resolveSimpleParameterValue(text as NodeParameterValue, data);
				results.push({ at: `${at} (item ${index})`, value });
			}
		}
	}
	return results;
}

const shownAsUndefined = (value: unknown) =>
	value === undefined ||
	value === null ||
	(typeof value === 'string' && value.includes('undefined'));

const webhookExamples = (readExamples() as Example[]).filter((example) => webhookOf(example));
const bodies = readmeCurlBodies();

describe("example workflows with the package READMEs' curl bodies", () => {
	it('a package README shows a curl call for every webhook example, and the test knows its readers', () => {
		expect(webhookExamples.map((example) => webhookOf(example)!.parameters.path).sort()).toEqual([
			'approve-waiting-conversions',
			'crm-new-customer',
			'payment-succeeded',
		]);
		for (const example of webhookExamples) {
			const path = webhookOf(example)!.parameters.path as string;
			expect(bodies.get(path)).toEqual(expect.any(Object));
			// Every node reading the caller's body is previewed here.
			const reading = example.nodes
				.filter((node) => /json\.body\b/.test(JSON.stringify(node.parameters)))
				.filter((node) => node.type !== 'n8n-nodes-base.respondToWebhook')
				.map((node) => node.name);
			expect(Object.keys(READERS[path]).sort()).toEqual(expect.arrayContaining(reading.sort()));
		}
	});

	it.each(webhookExamples.map((example) => [example.name, example] as const))(
		'%s: no expression previews undefined',
		(_name, example) => {
			const body = bodies.get(webhookOf(example)!.parameters.path as string) as IDataObject;
			const results = previews(example, body);
			expect(results.length).toBeGreaterThan(0);
			expect(results.filter((result) => shownAsUndefined(result.value))).toEqual([]);
		},
	);

	it('example 3 also previews no undefined when the CRM leaves out the optional click key and country', () => {
		const example = webhookExamples.find(
			(e) => webhookOf(e)!.parameters.path === 'crm-new-customer',
		)!;
		const body = structuredClone(bodies.get('crm-new-customer')) as IDataObject;
		const customer = body.customer as IDataObject;
		delete customer.clickKey;
		delete customer.country;
		const results = previews(example, body);
		expect(results.filter((result) => shownAsUndefined(result.value))).toEqual([]);
		expect(results).toEqual(
			expect.arrayContaining([
				{ at: 'Create Customer.additionalFields.clickId (item 0)', value: '' },
				{ at: 'Create Customer.additionalFields.country (item 0)', value: '' },
			]),
		);
	});
});
