import type { IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
	MIN_TIMEOUT_SECONDS,
	type RetrySettings,
} from '../transport/retryPolicy';
import { toNodeError } from './nodeError';
import { getCollection } from './parameters';
import { parseNumberInRange, parseWholeNumber } from './values';

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;

export interface RequestOptions {
	/** Requests in Parallel: items (or batches) in flight at once. */
	concurrency: number;
	retry: RetrySettings;
}

/**
 * The Options every operation shares, read once from the first item (like Batch Size): they
 * shape the whole run, so a bad value stops it before any request.
 */
export function readRequestOptions(context: IExecuteFunctions): RequestOptions {
	const options = getCollection(context, 'options', 0);
	try {
		const seconds = parseNumberInRange(
			options.timeout ?? DEFAULT_TIMEOUT_SECONDS,
			'Timeout',
			MIN_TIMEOUT_SECONDS,
			MAX_TIMEOUT_SECONDS,
		);
		return {
			concurrency: parseWholeNumber(
				options.requestsInParallel ?? DEFAULT_CONCURRENCY,
				'Requests in Parallel',
				1,
				MAX_CONCURRENCY,
			),
			retry: {
				maxRetries: parseWholeNumber(
					options.maxRetries ?? DEFAULT_MAX_RETRIES,
					'Max Retries',
					0,
					MAX_MAX_RETRIES,
				),
				timeoutMs: Math.round(seconds * 1000),
			},
		};
	} catch (error) {
		throw toNodeError(context, error, 0);
	}
}
