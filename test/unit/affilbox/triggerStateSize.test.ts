/* eslint-disable no-console -- prints the measured size for the record */
import { planPoll, type Observation } from '../../../nodes/AffilBox/trigger/decisions';

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
	});
});
