import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallSettings } from '../transport';
import { oneCheckAtATime, triggerKey } from './checksUnderWay';
import { readTriggerOptions, type TriggerOptions } from './pollSettings';

/**
 * How long a check may run, from what n8n tells a poll and what it does not (read in n8n 2.41.1):
 * - `getPollBudgetMs()` (newer n8n only, hence looked up rather than typed) is a real limit only
 *   for a check the durable scheduler runs: min(N8N_SCHEDULER_POLL_TIMEOUT, the scheduler's lease)
 *   less a margin, 36 s by default, after 45 s n8n abandons the check. Every other check gets the
 *   PollContext's default of 5 minutes, which nothing enforces.
 * - The check n8n runs while it activates a workflow (publishing, start-up) is told nothing, yet
 *   n8n gives up on the activation after 0.7 × N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS
 *   (84 s by default) with its own "exceeded its deadline", retrying a failed check 4 times on
 *   the way (pausing 1, 2, 4 and 8 s). Such a check stops early enough for its own message, and
 *   the retries after it fail at once with the same one, so that message is what n8n reports.
 */

/** The share of the lease n8n gives an activation (ABORT_AFTER_LEASE_FRACTION in n8n 2.41). */
const ACTIVATION_SHARE_OF_LEASE = 0.7;
/** Left for n8n's 4 retries of a failed activation check (15 s of pauses) and its own work before the check. */
const ACTIVATION_RESERVE_MS = 20_000;
/** Retries of the same activation come within n8n's longest pause (8 s) of a failure. */
const RETRY_GAP_MS = 15_000;
/** What n8n 2.41.1's PollContext returns when no lease applies: no limit anyone enforces. */
const CONTEXT_DEFAULT_BUDGET_MS = 300_000;
/** Share of a poll budget the answers may use; the rest is left for deciding and saving. */
const BUDGET_SHARE = 0.9;
/** Passing failures of a call are retried as often as the action nodes' default. */
const MAX_RETRIES = 3;

export interface CheckDeadline {
	/** Epoch ms after which no answer is waited for. */
	at: number;
	kind: 'activation' | 'poll budget';
	/** What n8n allows: the activation's whole time, or the poll budget. */
	allowedMs: number;
	publicationLeaseSeconds: number;
}

/** What the check's error names as the ways to make it fit. */
export interface CheckWords {
	lookbackDays: number;
	/** How many calls a check makes (one per chosen event, or one). */
	calls: number;
	/** Whether choosing fewer events makes a check shorter. */
	hasEvents: boolean;
}

export interface CheckTiming {
	settings: CallSettings;
	deadline?: CheckDeadline;
	/** Whether this is the check n8n runs at activation (or may be: older n8n tells too little). */
	atActivation: boolean;
	/** Runs the check: an error once the deadline has passed becomes the deadline's own error. */
	run<T>(check: () => Promise<T>): Promise<T>;
}

/** Poll contexts that have polled: n8n makes a new one per activation, and per durable-scheduled check. */
const contextsPolled = new WeakSet<object>();

/**
 * The deadline of each trigger's activation under way, shared by n8n's retries of it: a check of
 * the same trigger within RETRY_GAP_MS of a failed one is a retry of the same activation.
 */
export class ActivationDeadlines {
	private readonly byTrigger = new Map<string, { deadline: number; expiresAt: number }>();

	/** For a check of trigger `key` at activation, starting at `now`: when it must stop. */
	deadlineFor(key: string, now: number, limitMs: number): number {
		let activation = this.byTrigger.get(key);
		if (activation === undefined || now > activation.expiresAt) {
			const deadline = now + limitMs;
			activation = { deadline, expiresAt: deadline + RETRY_GAP_MS };
			this.byTrigger.set(key, activation);
		}
		return activation.deadline;
	}

	/** The check ended: a success ends its activation; a failure leaves room for n8n's next retry. */
	settled(key: string, succeeded: boolean, now: number): void {
		const activation = this.byTrigger.get(key);
		if (activation === undefined) return;
		if (succeeded) this.byTrigger.delete(key);
		else activation.expiresAt = Math.max(activation.expiresAt, now + RETRY_GAP_MS);
	}
}

const activations = new ActivationDeadlines();

function pollBudgetMs(context: IPollFunctions): number | undefined {
	const withBudget = context as { getPollBudgetMs?: () => number | undefined };
	const budget =
		typeof withBudget.getPollBudgetMs === 'function' ? withBudget.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : undefined;
}

function secondsText(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** The trigger's own error for a check that ran out of time, naming what to change. */
function deadlineError(
	context: IPollFunctions,
	deadline: CheckDeadline,
	options: TriggerOptions,
	words: CheckWords,
): NodeOperationError {
	const asks =
		words.calls === 1
			? 'The check asks AffilBox once'
			: `The check asks AffilBox ${words.calls} times (once per event)`;
	const smaller = words.hasEvents
		? `shorten the Lookback Window (${words.lookbackDays} days), watch fewer Events`
		: `shorten the Lookback Window (${words.lookbackDays} days)`;
	const perAnswer = `${asks}; each answer may take up to the Timeout (${secondsText(options.timeoutMs)}).`;
	if (deadline.kind === 'activation') {
		const lease = deadline.publicationLeaseSeconds;
		return new NodeOperationError(
			context.getNode(),
			`The check n8n runs while activating this workflow could not finish in the time n8n gives an activation (${secondsText(deadline.allowedMs)})`,
			{
				description: `n8n gives activating a workflow 0.7 × N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS (${lease} s per Options → Publication Lease), and this check stopped in time to say so. ${perAnswer} To make it fit: ${smaller}, lower the Timeout so that a slow answer fails sooner, or give the activation more time: raise N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS on the n8n server and set this trigger's Options → Publication Lease to the same value.`,
			},
		);
	}
	return new NodeOperationError(
		context.getNode(),
		`The check could not finish within the time n8n gives a poll (${secondsText(deadline.allowedMs)})`,
		{
			description: `${perAnswer} To make it fit: ${smaller}, or give polls more time: with n8n's durable scheduler on, N8N_SCHEDULER_POLL_TIMEOUT on the n8n server sets it.`,
		},
	);
}

/**
 * The time a check has, and its call settings (the Timeout option per answer, cut short by the
 * deadline). `startedAt`: when the check began (before its parameters were read).
 */
export function checkTiming(
	context: IPollFunctions,
	options: TriggerOptions,
	words: CheckWords,
	startedAt: number,
): CheckTiming {
	const firstPoll = !contextsPolled.has(context);
	contextsPolled.add(context);
	const settings: CallSettings = { maxRetries: MAX_RETRIES, timeoutMs: options.timeoutMs };
	const budget = pollBudgetMs(context);
	const lease = options.publicationLeaseSeconds;
	let deadline: CheckDeadline | undefined;
	let settle: (succeeded: boolean) => void = () => {};

	// n8n makes a poll context per activation and reuses it for the cron's checks; a check the
	// durable scheduler runs gets one of its own, with a real poll budget.
	const atActivation =
		firstPoll &&
		context.getMode() !== 'manual' &&
		(budget === undefined || budget === CONTEXT_DEFAULT_BUDGET_MS);
	const hasActivationDeadline = atActivation && budget !== undefined;
	if (hasActivationDeadline) {
		const allowedMs = lease * 1000 * ACTIVATION_SHARE_OF_LEASE;
		const key = triggerKey(context);
		const limitMs = Math.max(1000, allowedMs - ACTIVATION_RESERVE_MS);
		deadline = {
			at: activations.deadlineFor(key, startedAt, limitMs),
			kind: 'activation',
			allowedMs,
			publicationLeaseSeconds: lease,
		};
		settle = (succeeded) => activations.settled(key, succeeded, Date.now());
	} else if (budget !== undefined) {
		deadline = {
			at: startedAt + Math.floor(budget * BUDGET_SHARE),
			kind: 'poll budget',
			allowedMs: budget,
			publicationLeaseSeconds: lease,
		};
	}
	if (deadline !== undefined) settings.deadline = deadline.at;

	const passed = () => deadline !== undefined && Date.now() >= deadline.at;
	return {
		settings,
		deadline,
		atActivation,
		async run(check) {
			// A retry of an activation that has run out of time fails at once, with the same message.
			if (passed()) {
				settle(false);
				throw deadlineError(context, deadline!, options, words);
			}
			try {
				const result = await check();
				settle(true);
				return result;
			} catch (error) {
				settle(false);
				// Whatever broke last (a call cut short, the next call refused), time was the cause.
				throw passed() ? deadlineError(context, deadline!, options, words) : error;
			}
		},
	};
}

/**
 * Runs one check of a trigger within its time: reads the Options, works out the deadline, and
 * hands the check its call settings; an active workflow's check only when no other check of the
 * trigger is under way (checksUnderWay.ts). `startedAt`: when the poll began.
 */
export async function timedCheck<T>(
	context: IPollFunctions,
	startedAt: number,
	words: CheckWords,
	check: (settings: CallSettings) => Promise<T | null>,
): Promise<T | null> {
	const timing = checkTiming(context, readTriggerOptions(context), words, startedAt);
	const run = async () => await timing.run(async () => await check(timing.settings));
	if (context.getMode() === 'manual') return await run();
	return await oneCheckAtATime(context, timing.atActivation, run);
}
