import type { INode, INodeParameters, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { AffilBox } from '../../nodes/AffilBox/AffilBox.node';
import { AffilBoxInvoiceTrigger } from '../../nodes/AffilBox/AffilBoxInvoiceTrigger.node';
import { AffilBoxPartnerTrigger } from '../../nodes/AffilBox/AffilBoxPartnerTrigger.node';
import { AffilBoxTrigger } from '../../nodes/AffilBox/AffilBoxTrigger.node';
import { NodeTypesRegistry } from '../support/harness/nodeTypes';
import affelliosCodex from '../../nodes/Affelios/Affelios.node.json';
import affilBoxCodex from '../../nodes/AffilBox/AffilBox.node.json';
import triggerCodex from '../../nodes/AffilBox/AffilBoxTrigger.node.json';
import partnerTriggerCodex from '../../nodes/AffilBox/AffilBoxPartnerTrigger.node.json';
import invoiceTriggerCodex from '../../nodes/AffilBox/AffilBoxInvoiceTrigger.node.json';

/** The subtitle the editor shows under a node: its expression resolved by n8n's expression engine. */
function subtitle(type: INodeType, parameters: INodeParameters, typeVersion = 1): unknown {
	const name = `test.${type.description.name}`;
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: name,
		typeVersion,
		position: [0, 0],
		parameters: {},
	};
	node.parameters =
		NodeHelpers.getNodeParameters(
			type.description.properties,
			parameters,
			true,
			false,
			node,
			type.description,
		) ?? {};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypesRegistry({ [name]: type }),
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		type.description.subtitle,
		'internal',
		{},
	);
}

/** Every resource/operation pair of a node, with the operation's action text. */
function operations(type: INodeType): Array<[string, string, string]> {
	const pairs: Array<[string, string, string]> = [];
	for (const property of type.description.properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of property.options as INodePropertyOptions[]) {
				pairs.push([String(resource), String(option.value), String(option.action)]);
			}
		}
	}
	return pairs;
}

describe('subtitles read as words, not internal names', () => {
	it.each([
		['AffilBox', new AffilBox()],
		['Affelios', new Affelios()],
	] as const)('%s: the operation as an action, in every version', (_, type) => {
		const pairs = operations(type);
		expect(pairs.length).toBeGreaterThan(4);
		const versions = ([] as number[]).concat(type.description.version);
		for (const typeVersion of versions) {
			for (const [resource, operation, action] of pairs) {
				expect(subtitle(type, { resource, operation }, typeVersion)).toBe(action);
			}
		}
		expect(subtitle(new AffilBox(), { resource: 'conversion', operation: 'confirm' })).toBe(
			'Approve or reject a conversion',
		);
		expect(subtitle(new Affelios(), { resource: 'transaction', operation: 'createMany' })).toBe(
			'Create many transactions',
		);
	});

	it.each([
		[['authorized', 'invoiced'], 'Authorized or invoiced conversions'],
		[['invoiced', 'authorized'], 'Authorized or invoiced conversions'],
		[['authorized'], 'Authorized conversions'],
		[['invoiced'], 'Invoiced conversions'],
		[[], 'No event chosen'],
	])('AffilBox Trigger with events %p: "%s"', (events, expected) => {
		for (const typeVersion of [1, 2, 3, 4])
			expect(subtitle(new AffilBoxTrigger(), { events }, typeVersion)).toBe(expected);
	});

	it.each([
		[['created'], 'New conversions'],
		[['rejected'], 'Rejected conversions'],
		[['rejected', 'created'], 'New or rejected conversions'],
		[['authorized', 'rejected', 'invoiced'], 'Authorized, invoiced or rejected conversions'],
		[
			['invoiced', 'rejected', 'authorized', 'created'],
			'New, authorized, invoiced or rejected conversions',
		],
	])('AffilBox Trigger (versions 2 to 4) with events %p: "%s"', (events, expected) => {
		for (const typeVersion of [2, 3, 4])
			expect(subtitle(new AffilBoxTrigger(), { events }, typeVersion)).toBe(expected);
	});

	it('AffilBox Trigger: every choice of events reads as a sentence of words', () => {
		const all = ['created', 'authorized', 'invoiced', 'rejected'];
		for (let mask = 1; mask < 16; mask++) {
			const events = all.filter((_, bit) => (mask & (1 << bit)) !== 0);
			expect(subtitle(new AffilBoxTrigger(), { events }, 3)).toMatch(
				/^(New|Authorized|Invoiced|Rejected)((, | or )(authorized|invoiced|rejected))* conversions$/,
			);
		}
	});
});

describe('the node panel finds the nodes', () => {
	// n8n's node panel searches display names and codex aliases (the *.node.json next to the node).
	const WORDS = ['affiliate', 'commission', 'partner', 'payout', 'conversion'];

	it.each([
		['AffilBox', affilBoxCodex],
		['AffilBox Trigger', triggerCodex],
		['Affelios', affelliosCodex],
	])('%s has the aliases people search for', (_, codex) => {
		expect(codex.alias).toEqual(expect.arrayContaining(WORDS));
	});

	/**
	 * How n8n's node panel builds an app's "Triggers (n)" list (editor-ui, actionsFactory's
	 * triggersCategory): from the first property of the trigger's description whose label is
	 * "Event", "Events" or "Trigger On", whatever version it is shown for.
	 */
	function panelTriggerEvents(type: INodeType): string[] {
		const events = type.description.properties.find((property) =>
			['event', 'events', 'trigger on'].includes(property.displayName.toLowerCase()),
		);
		return (events?.options ?? []).map((option) => String((option as INodePropertyOptions).value));
	}

	/** The events the version new triggers get offers. */
	function offeredEvents(type: INodeType): string[] {
		const { description } = type;
		const events = description.properties.find(
			(property) =>
				property.name === 'events' &&
				NodeHelpers.displayParameter(
					{},
					property,
					{ typeVersion: description.defaultVersion ?? 1 },
					description,
				),
		);
		return (events?.options ?? []).map((option) => String((option as INodePropertyOptions).value));
	}

	it('the AffilBox entry lists as triggers all four events a new AffilBox Trigger offers', () => {
		const trigger = new AffilBoxTrigger();
		expect(offeredEvents(trigger)).toEqual(['created', 'authorized', 'invoiced', 'rejected']);
		expect(panelTriggerEvents(trigger)).toEqual(offeredEvents(trigger));
	});

	it("the AffilBox entry (node and trigger in one) describes both: n8n shows the trigger's text for it", () => {
		const text = new AffilBoxTrigger().description.description;
		expect(text).toMatch(/approve/i);
		expect(text).toMatch(/start a workflow when/i);
		expect(new AffilBox().description.description).not.toMatch(/^Starts/);
	});
});

describe('the AffilBox Partner Trigger in the editor', () => {
	it('has its own node panel entry that says what starts the workflow, found by "affiliate" and "partner"', () => {
		expect(new AffilBoxPartnerTrigger().description.description).toMatch(
			/^Starts a workflow when a new partner registers in your AffilBox/,
		);
		expect(partnerTriggerCodex.alias).toEqual(
			expect.arrayContaining(['affiliate', 'partner', 'new partner', 'new affiliate']),
		);
	});

	it.each([
		[{}, 'New partners'],
		[{ onlyAllowed: true }, 'New allowed partners'],
	])('subtitle with %p: "%s"', (parameters, expected) => {
		expect(subtitle(new AffilBoxPartnerTrigger(), parameters)).toBe(expected);
	});
});

describe('the AffilBox Invoice Trigger in the editor', () => {
	it('has its own node panel entry that says what starts the workflow, found by "invoice" and "payout"', () => {
		expect(new AffilBoxInvoiceTrigger().description.description).toMatch(
			/^Starts a workflow when a partner invoice appears in AffilBox or is marked paid/,
		);
		expect(invoiceTriggerCodex.alias).toEqual(
			expect.arrayContaining(['affiliate', 'invoice', 'payout', 'invoice paid']),
		);
	});

	it.each([
		[{}, 'New invoices'],
		[{ onlyUnpaid: true }, 'New unpaid invoices'],
		[{ events: ['paid'] }, 'Paid invoices'],
		[{ events: ['paid'], onlyUnpaid: true }, 'Paid invoices'],
		[{ events: ['new', 'paid'] }, 'New and paid invoices'],
		[{ events: ['new', 'paid'], onlyUnpaid: true }, 'New unpaid and paid invoices'],
	])('subtitle with %p: "%s"', (parameters, expected) => {
		expect(subtitle(new AffilBoxInvoiceTrigger(), parameters)).toBe(expected);
	});

	it('lists its two events where n8n builds the trigger list', () => {
		const events = new AffilBoxInvoiceTrigger().description.properties.find(
			(property) => property.displayName === 'Events',
		);
		expect((events?.options ?? []).map((option) => (option as INodePropertyOptions).name)).toEqual([
			'New Invoice',
			'Invoice Paid',
		]);
	});
});
