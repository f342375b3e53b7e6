import type { INodeExecutionData } from 'n8n-workflow';

import type { AffilBoxSandbox } from './workflows/affilBoxWorkflow';
import type { ActiveTrigger, CheckOptions } from './workflows/triggerWorkflow';

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
	/** Restarts that switched durable poll cursors on or off. */
	switches: number;
	/** Checks made with a durable cursor (n8n's poller_state). */
	cursorChecks: number;
	/** Deactivated and published again (a check at activation)… */
	republished: number;
	/** …with n8n resetting the node's cursor meanwhile (to empty, or made again from old data). */
	resets: number;
	/** Checks that fired whose execution n8n did not create (cursor not committed). */
	uncommitted: number;
}

export function zeroCheckTotals(): CheckTotals {
	return {
		polls: 0,
		failedPolls: 0,
		retriedPolls: 0,
		lostWrites: 0,
		restarts: 0,
		switches: 0,
		cursorChecks: 0,
		republished: 0,
		resets: 0,
		uncommitted: 0,
	};
}

/**
 * One step of a randomized sequence, the same for every trigger, following n8n's own saving rules
 * (ActiveTrigger): maybe a restart first (sometimes switching durable poll cursors on or off);
 * then a check: scheduled, or at activation after deactivating and publishing again (sometimes
 * with n8n resetting the node's cursor meanwhile). The check either fails (one of `faults`; with
 * `callsPerCheck`, on a random one of its calls, those before it answered as usual), or runs,
 * maybe with a fault the retries absorb; its writes are kept as n8n keeps them, a scheduled check
 * that fires nothing keeping them or not at random without a cursor, and with a cursor now and
 * then a check that fires is not committed (its execution never made).
 * Returns the trigger to go on with, and the check's items (undefined: it failed, or its items
 * went nowhere).
 */
export async function randomCheck(
	rng: Random,
	trigger: ActiveTrigger,
	sandbox: AffilBoxSandbox,
	faults: object[],
	totals: CheckTotals,
	callsPerCheck?: number,
): Promise<{ trigger: ActiveTrigger; items?: INodeExecutionData[] }> {
	if (rng.chance(0.08)) {
		trigger = trigger.restarted();
		totals.restarts += 1;
	} else if (rng.chance(0.05)) {
		trigger = trigger.restarted(!trigger.store.durable);
		totals.switches += 1;
	}
	const withCursor = trigger.store.durable || trigger.store.cursor !== undefined;
	const republish = rng.chance(0.1);
	// Left out: n8n making the cursor anew right after a check whose execution it never made, no
	// check having written since. Nothing either place keeps tells that from a check whose
	// execution ran and a cursor made anew after it (by far the likelier); the trigger goes with
	// that one, so this rarer double fault would cost that check's items (README, State).
	const mayReset = !trigger.owesUncommittedFire;
	const reset =
		republish && mayReset && rng.chance(0.6) ? rng.pick(['empty', 'remade'] as const) : undefined;
	const run = (options?: CheckOptions) =>
		republish ? trigger.republish(reset, options) : trigger.poll(options);
	totals.polls += 1;
	if (withCursor) totals.cursorChecks += 1;
	if (republish) totals.republished += 1;
	if (reset && withCursor) totals.resets += 1;
	if (rng.chance(0.2)) {
		const passing = callsPerCheck === undefined ? 0 : rng.int(0, callsPerCheck - 1);
		if (passing > 0) sandbox.injectFault({ times: passing, passThrough: true });
		sandbox.injectFault({ times: 1, ...rng.pick(faults) });
		await expect(run()).rejects.toThrow();
		totals.failedPolls += 1;
		return { trigger };
	}
	if (rng.chance(0.1)) {
		sandbox.injectFault({ times: 1, ...rng.pick(PASSING_FAULTS) });
		totals.retriedPolls += 1;
	}
	const emptyWrites = rng.chance(0.6) ? 'lost' : 'saved';
	const notCommitted = withCursor && rng.chance(0.08);
	const items = await run({ emptyWrites, notCommitted });
	if (trigger.lastCheckWentNowhere) {
		totals.uncommitted += 1;
		return { trigger };
	}
	if (items.length === 0 && emptyWrites === 'lost' && !withCursor) totals.lostWrites += 1;
	return { trigger, items };
}
