import type { INodeExecutionData } from 'n8n-workflow';

import type { AffilBoxSandbox } from './affilBoxWorkflow';
import type { ActiveTrigger } from './triggerWorkflow';

/** A small seeded generator for the randomized trigger tests, so a failing sequence can be replayed from its seed. */
export function random(seed: number) {
	let value = seed >>> 0;
	const next = () => {
		value = (value + 0x6d2b79f5) >>> 0;
		let t = value;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		chance: (p: number) => next() < p,
		pick: <T>(list: T[]): T => list[Math.floor(next() * list.length)],
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
	};
}

export type Random = ReturnType<typeof random>;

/**
 * Faults that fail a check: an HTTP error, a text answer, an answer broken off after `brokenStart`.
 * Passing failures (503 here) are retried 3 times first, so they must last 4 attempts; Retry-After
 * 0 keeps the retries instant (dropped connections would back off for real: the transport tests
 * cover them).
 */
export function failingFaults(brokenStart: string) {
	return [
		{ status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
		{ times: 4, status: 503, body: 'Service Unavailable', headers: { 'Retry-After': '0' } },
		{ status: 200, body: 'NO DATA', contentType: 'text/plain' },
		{ status: 200, body: brokenStart, contentType: 'text/xml' },
	];
}

/** Faults the retries absorb: the check goes on as if nothing happened. */
export const PASSING_FAULTS = [
	{ status: 429, headers: { 'Retry-After': '0' } },
	{ times: 2, status: 503, headers: { 'Retry-After': '0' } },
];

/** What the randomized trigger tests count about the checks they run. */
export interface CheckTotals {
	polls: number;
	failedPolls: number;
	retriedPolls: number;
	lostWrites: number;
	restarts: number;
}

/**
 * One scheduled check of a randomized sequence, the same for every trigger: maybe a restart first;
 * then either a failing check (one of `faults`; with `callsPerCheck`, on a random one of the
 * check's calls, those before it answered as usual), or a
 * check, maybe with a fault the retries absorb, whose write n8n keeps or loses as its rules say
 * (default n8n drops what a check that fired nothing wrote; durable-cursor mode keeps it).
 * Returns the trigger to go on with, and the check's items (undefined: it failed).
 */
export async function randomCheck(
	rng: Random,
	trigger: ActiveTrigger,
	sandbox: AffilBoxSandbox,
	faults: object[],
	totals: CheckTotals,
	callsPerCheck?: number,
): Promise<{ trigger: ActiveTrigger; items?: INodeExecutionData[] }> {
	if (rng.chance(0.1)) {
		trigger = trigger.restarted();
		totals.restarts += 1;
	}
	totals.polls += 1;
	if (rng.chance(0.2)) {
		const passing = callsPerCheck === undefined ? 0 : rng.int(0, callsPerCheck - 1);
		if (passing > 0) sandbox.injectFault({ times: passing, passThrough: true });
		sandbox.injectFault({ times: 1, ...rng.pick(faults) });
		await expect(trigger.poll()).rejects.toThrow();
		totals.failedPolls += 1;
		return { trigger };
	}
	if (rng.chance(0.1)) {
		sandbox.injectFault({ times: 1, ...rng.pick(PASSING_FAULTS) });
		totals.retriedPolls += 1;
	}
	const emptyWrites = rng.chance(0.6) ? 'lost' : 'saved';
	const items = await trigger.poll({ emptyWrites });
	if (items.length === 0 && emptyWrites === 'lost') totals.lostWrites += 1;
	return { trigger, items };
}
