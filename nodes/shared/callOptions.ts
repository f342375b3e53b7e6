import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readNumberInRange, readWholeNumber } from './numbers';
import { MAX_RETRY_AFTER_MS } from './retryPolicy';

/**
 * Options → Requests in Parallel, Max Retries and Timeout, which every operation of both nodes
 * has: their defaults and bounds (the one source for the code and the UI descriptions below), and
 * how they are read. Requests in Parallel shapes the whole run and is read from the first item;
 * Max Retries and Timeout are read per item (a batch: its first item), so an expression may give
 * each item its own.
 */
export const CALL_OPTIONS = {
	requestsInParallel: { default: 5, min: 1, max: 50 },
	maxRetries: { default: 3, min: 0, max: 10 },
	/** Seconds per attempt. */
	timeout: { default: 30, min: 0.1, max: 600 },
} as const;

/** Per call: how often to retry, and how long each attempt may wait for the answer. */
export interface CallSettings {
	maxRetries: number;
	timeoutMs: number;
	/** Epoch ms after which no attempt may start (e.g. a poll's time budget). */
	deadline?: number;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = {
	maxRetries: CALL_OPTIONS.maxRetries.default,
	timeoutMs: CALL_OPTIONS.timeout.default * 1000,
};

function options(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return context.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** Seconds a Timeout option allows: its default and bounds. */
export interface TimeoutLimits {
	default: number;
	min: number;
	max: number;
}

/** A Timeout option's value in milliseconds (unset: its default); a bad value throws, naming it. */
export function readTimeoutMs(value: unknown, limits: TimeoutLimits): number {
	const seconds =
		value === undefined
			? limits.default
			: readNumberInRange(value, 'Timeout', limits.min, limits.max);
	return Math.round(seconds * 1000);
}

/** Max Retries and Timeout of one item; a bad value fails that item, naming the option. */
export function readCallSettings(context: IExecuteFunctions, itemIndex: number): CallSettings {
	return callSettingsOf(options(context, itemIndex));
}

/** Max Retries and Timeout from an item's Options collection. */
export function callSettingsOf({ maxRetries, timeout }: IDataObject): CallSettings {
	const { maxRetries: retries } = CALL_OPTIONS;
	return {
		maxRetries:
			maxRetries === undefined
				? retries.default
				: readWholeNumber(maxRetries, 'Max Retries', retries),
		timeoutMs: readTimeoutMs(timeout, CALL_OPTIONS.timeout),
	};
}

/** Requests in Parallel, from the first item: it shapes the whole run. */
export function readRequestsInParallel(context: IExecuteFunctions): number {
	const { requestsInParallel } = options(context, 0);
	const limits = CALL_OPTIONS.requestsInParallel;
	if (requestsInParallel === undefined) return limits.default;
	return readWholeNumber(requestsInParallel, 'Requests in Parallel', limits);
}

export interface CallOptionWords {
	/** e.g. AffilBox */
	platform: string;
	/** What Requests in Parallel counts, e.g. items or batches. */
	unit: string;
	/** The operations that create something, e.g. "Add, Get or Create". */
	creates: string;
}

/** The three options as the editor shows them, in its (alphabetical) order. */
export function callOptionProperties(words: CallOptionWords): INodeProperties[] {
	const { requestsInParallel, maxRetries, timeout } = CALL_OPTIONS;
	// Plain names for the defaults: n8n's linter reads `default` only as a literal or a name.
	const defaultMaxRetries = maxRetries.default;
	const defaultRequestsInParallel = requestsInParallel.default;
	return [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: maxRetries.min, maxValue: maxRetries.max, numberPrecision: 0 },
			default: defaultMaxRetries,
			description: `How often a call is repeated after a passing failure (HTTP 429, 502, 503, 504, a dropped connection or a time-out), with growing pauses or as long as ${words.platform} asks (Retry-After, up to ${MAX_RETRY_AFTER_MS / 1000} s). Calls that create something (${words.creates}) are repeated only when ${words.platform} certainly did not get them (connection refused, HTTP 429, HTTP 503 with Retry-After).`,
		},
		{
			displayName: 'Requests in Parallel',
			name: 'requestsInParallel',
			type: 'number',
			typeOptions: {
				minValue: requestsInParallel.min,
				maxValue: requestsInParallel.max,
				numberPrecision: 0,
			},
			default: defaultRequestsInParallel,
			description: `How many ${words.unit} are sent to ${words.platform} at the same time (${requestsInParallel.min} to ${requestsInParallel.max}). The output keeps the input order; 1 sends them one after another.`,
		},
		timeoutOption(
			timeout,
			`Seconds to wait for ${words.platform} to answer each attempt of a call (${timeout.min} to ${timeout.max})`,
		),
	];
}

/** The Timeout option: the action nodes' (above) and the triggers' own, with their limits. */
export function timeoutOption(limits: TimeoutLimits, description: string): INodeProperties {
	const defaultTimeout = limits.default;
	return {
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: limits.min, maxValue: limits.max, numberPrecision: 1 },
		default: defaultTimeout,
		description,
	};
}

/**
 * The Options collection of an operation: its own options and the three call options, sorted by
 * display name as the editor lists them; `description` says what the collection is for.
 */
export function optionsCollectionOf(
	words: CallOptionWords,
	description: string,
	own: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description,
		options: [...own, ...callOptionProperties(words)].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
