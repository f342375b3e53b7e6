/* eslint-disable no-console -- prints the measured size for the record */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { planPoll, type Observation } from '../../../nodes/AffilBox/trigger/conversion/conversionDecisions';
import { TriggerStateStore } from '../../../nodes/AffilBox/trigger/stateStore';
import { readTriggerState } from '../../../nodes/AffilBox/trigger/conversion/conversionTriggerState';
import { FAKE_NODE } from '../../support/fakeContext';

const TRACKED = 100_000;
const EVENTS = ['created', 'authorized', 'invoiced', 'rejected'] as const;
const NOW = 29_600_000; // epoch minutes, late 2026

describe('trigger state size', () => {
	it(`stays compact with ${TRACKED.toLocaleString('en')} tracked conversions`, () => {
		// AffilBox ids as the sandbox numbers them, creation dates spread over the 90-day window.
		const observations: Observation[] = Array.from({ length: TRACKED }, (_, index) => ({
			key: String(1_000_000 + index),
			event: EVENTS[index % EVENTS.length],
			createdMinute: NOW - (index % (90 * 24 * 60)),
			record: {},
		}));
		const { next } = planPoll({
			state: undefined,
			config: '0123456789abcdef',
			observations,
			windowStartMinute: NOW - 90 * 24 * 60,
			nowMinute: NOW,
		});
		const bytes = Buffer.byteLength(JSON.stringify({ state: next }));
		console.info(
			`trigger state: ${bytes} bytes for ${TRACKED} conversions = ${(bytes / TRACKED).toFixed(1)} bytes each`,
		);
		expect(Object.keys(next.seen)).toHaveLength(TRACKED);
		expect(bytes / TRACKED).toBeLessThan(24);

		// Stored as the trigger stores it: the node's static data and the copy in the workflow's.
		const staticData: Record<string, IDataObject> = { node: {}, global: {} };
		const context = {
			getNode: () => FAKE_NODE,
			getWorkflowStaticData: (type: 'node' | 'global') => staticData[type],
		} as unknown as IPollFunctions;
		new TriggerStateStore(context, readTriggerState).write(next, {});
		const stored = Buffer.byteLength(JSON.stringify(staticData));
		console.info(
			`stored twice (node and copy): ${stored} bytes = ${(stored / TRACKED).toFixed(1)} bytes per conversion`,
		);
		expect(stored / TRACKED).toBeLessThan(2 * 24);
	});
});
