import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { configHash, readTriggerState } from '../../../../nodes/AffilBox/trigger/conversion/conversionTriggerState';
import saved from '../../../fixtures/affilbox/trigger-state-before-new-events.json';
import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { ActiveTrigger, emitted, setState, type ConversionState } from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();

const NODE_KEY = 'node:Node Under Test';

interface SavedCase {
	name: string;
	typeVersion: number;
	parameters: INodeParameters & {
		events: Array<'authorized' | 'invoiced'>;
		filters?: { campaignId?: string; partnerId?: { value: string } };
	};
	sandboxChanges: Record<string, ConversionState>;
	staticData: IDataObject;
}

const CASES = saved as unknown as SavedCase[];

type V1State = { v: 1; config: string; seen: Record<string, number> };
const v1StateOf = (staticData: IDataObject) => (staticData[NODE_KEY] as { state: V1State }).state;

/** The sandbox as it was when the trigger saved its state: the seed plus the changes it saw. */
function sandboxAsSaved(savedCase: SavedCase): void {
	for (const [id, state] of Object.entries(savedCase.sandboxChanges)) {
		const conversion = sandbox().store.conversions.find((c) => c.id === id)!;
		setState(sandbox(), conversion, state);
	}
}

/** A seed conversion the saved configuration watches that has not fired its first event yet. */
function untouchedMatch(savedCase: SavedCase) {
	const { campaignId, partnerId } = savedCase.parameters.filters ?? {};
	const seen = v1StateOf(savedCase.staticData).seen;
	return sandbox().store.conversions.find(
		(c) =>
			!(c.id in seen) &&
			(!campaignId || c.campaignId === campaignId) &&
			(!partnerId || c.affilId === partnerId.value),
	)!;
}

describe('AffilBox Trigger: workflows saved before the new events keep their state', () => {
	it('the saved states are what the trigger wrote then (state version 1, 2 flags per conversion)', () => {
		expect(CASES).toHaveLength(4);
		for (const savedCase of CASES) expect(v1StateOf(savedCase.staticData).v).toBe(1);
	});

	it.each(CASES.map((savedCase) => [savedCase.name, savedCase] as const))(
		'%s: its configuration hashes as before',
		(_, savedCase) => {
			const { filters = {} } = savedCase.parameters;
			const hash = configHash({
				events: savedCase.parameters.events,
				campaignId: filters.campaignId ?? '',
				partnerId: filters.partnerId?.value ?? '',
				lookbackDays: Number(savedCase.parameters.lookbackDays),
			});
			expect(hash).toBe(v1StateOf(savedCase.staticData).config);
		},
	);

	it('reading a version-1 state keeps every conversion, its creation minute and its events', () => {
		for (const savedCase of CASES) {
			const old = v1StateOf(savedCase.staticData);
			const migrated = readTriggerState(old)!;
			expect(migrated.config).toBe(old.config);
			expect(Object.keys(migrated.seen)).toEqual(Object.keys(old.seen));
			for (const [key, entry] of Object.entries(old.seen)) {
				expect(Math.floor(migrated.seen[key] / 16)).toBe(Math.floor(entry / 4));
				expect(migrated.seen[key] % 16).toBe(entry % 4);
			}
		}
	});

	it.each(CASES.map((savedCase) => [savedCase.name, savedCase] as const))(
		'%s: the upgraded trigger fires nothing old, then fires a new change once',
		async (_, savedCase) => {
			sandboxAsSaved(savedCase);
			const active = new ActiveTrigger(
				sandbox(),
				savedCase.parameters,
				savedCase.staticData,
				savedCase.typeVersion,
			);
			// Nothing old fires, with the write lost (default n8n) or saved (durable cursors).
			expect(await active.poll()).toEqual([]);
			expect(active.saved).toEqual(savedCase.staticData);
			expect(await active.poll({ emptyWrites: 'saved' })).toEqual([]);
			const upgraded = (active.saved[NODE_KEY] as { state: { v: number; config: string } }).state;
			expect(upgraded).toMatchObject({ v: 2, config: v1StateOf(savedCase.staticData).config });
			expect(await active.restarted().poll()).toEqual([]);

			const conversion = untouchedMatch(savedCase);
			const event = savedCase.parameters.events[0];
			setState(sandbox(), conversion, event);
			expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:${event}`]);
			expect(await active.restarted().poll()).toEqual([]);
		},
	);
});
