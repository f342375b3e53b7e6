import type { IDataObject, INodeParameters } from 'n8n-workflow';

import saved from '../../../fixtures/affilbox/trigger-state-before-copies.json';
import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { fired, partnerTrigger, register } from '../../../support/workflows/partnerTriggerWorkflow';
import { ActiveTrigger, emitted, setState, type ConversionState } from '../../../support/workflows/triggerWorkflow';

/**
 * States both triggers stored before they kept a copy in the workflow's global static data (the
 * fixture: written by the code of commit 5031693 against the seed; test/fixtures/affilbox/README.md),
 * read by today's triggers with durable poll cursors off, and switched on (n8n makes the cursor
 * from the node's static data when a check first reads it): nothing old fires, a new change once.
 */
const sandbox = useAffilBoxSandbox();

interface SavedCase {
	trigger: 'affilBoxTrigger' | 'affilBoxPartnerTrigger';
	name: string;
	typeVersion: number;
	parameters: INodeParameters;
	sandboxChanges?: Record<string, ConversionState>;
	staticData: IDataObject;
}

const CASES = saved as unknown as SavedCase[];
const NODE_KEY = 'node:Node Under Test';
const REJECTED_BIT = 4;

const stateOf = (savedCase: SavedCase) =>
	(savedCase.staticData[NODE_KEY] as { state: { v: number; seen: Record<string, number> } }).state;

/** When the partner the fixture's run registered (after the first check) registered. */
const REGISTERED_THEN = '2026-11-30 10:00:00';

/** The sandbox as it was when the state was saved: the seed plus the changes it saw. */
function sandboxAsSaved(savedCase: SavedCase): void {
	for (const [id, state] of Object.entries(savedCase.sandboxChanges ?? {})) {
		setState(sandbox(), sandbox().store.conversions.find((c) => c.id === id)!, state);
	}
	if (savedCase.trigger === 'affilBoxPartnerTrigger')
		sandbox().registerPartner({ register: REGISTERED_THEN, allow: true });
}

/** A conversion the saved state tracks that has not fired Rejected yet, and its change to it. */
function rejectOne(savedCase: SavedCase): string {
	const { seen } = stateOf(savedCase);
	const partner = (savedCase.parameters.filters as { partnerId?: { value: string } } | undefined)
		?.partnerId?.value;
	const conversion = sandbox().store.conversions.find(
		(c) =>
			c.id in seen &&
			(seen[c.id] % 16 & REJECTED_BIT) === 0 &&
			c.state !== 'rejection' &&
			(partner === undefined || c.affilId === partner),
	)!;
	setState(sandbox(), conversion, 'rejection');
	return `${conversion.transactionId}:rejected`;
}

function triggerOf(savedCase: SavedCase, durable: boolean): ActiveTrigger {
	const staticData = JSON.parse(JSON.stringify(savedCase.staticData)) as IDataObject;
	return savedCase.trigger === 'affilBoxTrigger'
		? new ActiveTrigger(
				sandbox(),
				savedCase.parameters,
				staticData,
				savedCase.typeVersion,
				undefined,
				{ durable },
			)
		: partnerTrigger(sandbox(), savedCase.parameters, undefined, staticData, { durable });
}

describe('Both triggers read the state they stored before keeping a copy', () => {
	it('the fixture holds conversion states version 2 and partner states version 1, without write numbers', () => {
		expect(CASES.map((savedCase) => [savedCase.trigger, stateOf(savedCase).v])).toEqual([
			['affilBoxTrigger', 2],
			['affilBoxTrigger', 2],
			['affilBoxTrigger', 2],
			['affilBoxTrigger', 2],
			['affilBoxPartnerTrigger', 1],
			['affilBoxPartnerTrigger', 1],
		]);
		for (const savedCase of CASES) expect(stateOf(savedCase)).not.toHaveProperty('n');
	});

	describe.each([
		['durable poll cursors off', false],
		['durable poll cursors switched on', true],
	] as const)('%s', (_, durable) => {
		it.each(CASES.map((savedCase) => [savedCase.name, savedCase] as const))(
			'%s: nothing old fires, then a new change fires once',
			async (__, savedCase) => {
				sandboxAsSaved(savedCase);
				// A restart with the new package (with durable cursors switched on: its first check).
				let active = triggerOf(savedCase, durable).restarted(durable);
				expect(await active.poll()).toEqual([]);
				expect(await active.poll({ emptyWrites: 'saved' })).toEqual([]);
				if (savedCase.trigger === 'affilBoxTrigger') {
					const change = rejectOne(savedCase);
					expect(emitted(await active.poll())).toEqual([change]);
				} else {
					const newcomer = register(sandbox(), { allow: true });
					expect(fired(await active.poll())).toEqual([newcomer]);
				}
				active = active.restarted();
				expect(await active.poll()).toEqual([]);
			},
		);
	});
});
