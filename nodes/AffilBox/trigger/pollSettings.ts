import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InvalidInputError } from '../../shared/invalidInput';
import { getLicenceZone } from '../helpers/licence';
import type { CallSettings } from '../transport';

/**
 * Runs a reader of a trigger's parameters; a bad value (an InvalidInputError naming the field) is
 * raised as the node's own error, with its hint as the description.
 */
export function readTriggerInput<T>(context: IPollFunctions, read: () => T): T {
	try {
		return read();
	} catch (error) {
		const { message, hint } = error as InvalidInputError;
		throw new NodeOperationError(context.getNode(), message, { description: hint });
	}
}

/** The licence zone, its error raised as the node's own (a trigger has no per-item runner to do it). */
export async function licenceZone(context: IPollFunctions): Promise<string> {
	try {
		return await getLicenceZone(context);
	} catch (error) {
		// Keeps the message; a NodeOperationError (e.g. a missing credential) passes through as it is.
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

/** The Lookback Window (Days) field: a whole number of days ≥ 1, or an error naming the field. */
export function readLookbackDays(context: IPollFunctions, fallback: number): number {
	const lookbackDays = Number(context.getNodeParameter('lookbackDays', fallback));
	if (!Number.isInteger(lookbackDays) || lookbackDays < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`Lookback Window must be a whole number of days ≥ 1, got ${String(lookbackDays)}`,
		);
	}
	return lookbackDays;
}

/** Share of a poll budget the answers may use; the rest is left for deciding and saving. */
const BUDGET_SHARE = 0.9;

/**
 * Each answer of a poll must be in within this time, whole transfer included. A trigger has no
 * Timeout option, and one answer holds the whole lookback window: 100,000 conversions are about
 * 45 MB, which takes tens of seconds on a slow link or a busy machine.
 */
const POLL_CALL_SETTINGS: CallSettings = { maxRetries: 3, timeoutMs: 120_000 };

/**
 * The calls of a poll. Where the n8n running the poll gives it a time budget (`getPollBudgetMs`,
 * newer n8n only, hence looked up rather than typed), no call runs past it.
 */
export function pollCallSettings(context: IPollFunctions, startedAt: number): CallSettings {
	const settings: CallSettings = { ...POLL_CALL_SETTINGS };
	const withBudget = context as { getPollBudgetMs?: () => number | undefined };
	const budget =
		typeof withBudget.getPollBudgetMs === 'function' ? withBudget.getPollBudgetMs() : undefined;
	if (typeof budget === 'number' && Number.isFinite(budget) && budget > 0) {
		settings.deadline = startedAt + Math.floor(budget * BUDGET_SHARE);
	}
	return settings;
}
