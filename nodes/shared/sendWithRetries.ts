import { sleep } from 'n8n-workflow';

import type { CallSettings } from './callOptions';
import {
	failureOf,
	isSuccess,
	type CallingContext,
	type Exchange,
	type Response,
} from './exchange';
import { decideRetry, type CallFailure, type StopReason } from './retryPolicy';

export type RetriedCall =
	| { ok: true; response: Response; attempts: number }
	| {
			ok: false;
			/** The last attempt's exchange, and why the node stopped there. */
			last: Exchange;
			failure: CallFailure;
			/** `cancelled`: the execution was stopped; `deadline`: the call's deadline has passed. */
			reason: StopReason | 'cancelled' | 'deadline';
			attempts: number;
	  };

function wasCancelled(context: CallingContext): boolean {
	const withSignal = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return withSignal.getExecutionCancelSignal?.()?.aborted === true;
}

/**
 * Sends a call until it succeeds (2xx) or the retry policy says stop, pausing with n8n's `sleep`
 * in between. `creates`: the call creates something, so it is repeated only when it certainly did
 * not reach the API. A stopped execution does not wait out its pauses, and no attempt starts
 * after the settings' deadline.
 */
export async function sendWithRetries(
	context: CallingContext,
	settings: CallSettings,
	creates: boolean,
	send: () => Promise<Exchange>,
): Promise<RetriedCall> {
	for (let attempts = 1; ; attempts++) {
		const last = await send();
		if (last.kind === 'response' && isSuccess(last)) return { ok: true, response: last, attempts };
		const failure = failureOf(last, Date.now());
		const decision = decideRetry(failure, {
			creates,
			retriesDone: attempts - 1,
			maxRetries: settings.maxRetries,
			random: Math.random(),
		});
		if (!decision.retry) return { ok: false, last, failure, reason: decision.reason, attempts };
		if (wasCancelled(context)) return { ok: false, last, failure, reason: 'cancelled', attempts };
		if (settings.deadline !== undefined && Date.now() >= settings.deadline) {
			return { ok: false, last, failure, reason: 'deadline', attempts };
		}
		if (decision.delayMs > 0) await sleep(decision.delayMs);
	}
}
