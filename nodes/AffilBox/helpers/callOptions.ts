import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallSettings } from '../transport';
import { DEFAULT_CALL_SETTINGS } from '../transport';
import { InvalidInputError } from './invalidInput';

/** Limits of the Options collection's fields, shared with their descriptions. */
export const CALL_OPTION_LIMITS = {
	maxRetries: { min: 0, max: 10 },
	requestsInParallel: { min: 1, max: 50, default: 5 },
	timeout: { max: 600 },
} as const;

function options(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return context.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InvalidInputError(
			field,
			`${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
		);
	}
	return number;
}

/** Options → Max Retries and Timeout of one item (an expression may differ per item). */
export function readCallSettings(context: IExecuteFunctions, itemIndex: number): CallSettings {
	const { maxRetries, timeout } = options(context, itemIndex);
	const limits = CALL_OPTION_LIMITS;
	const settings = { ...DEFAULT_CALL_SETTINGS };
	if (maxRetries !== undefined) {
		settings.maxRetries = wholeNumber(
			maxRetries,
			'Max Retries',
			limits.maxRetries.min,
			limits.maxRetries.max,
		);
	}
	if (timeout !== undefined) {
		const seconds = typeof timeout === 'string' && timeout.trim() !== '' ? Number(timeout) : timeout;
		// Fractions are fine (an expression may give 0.5); the field itself starts at 1.
		if (
			typeof seconds !== 'number' ||
			!Number.isFinite(seconds) ||
			seconds <= 0 ||
			seconds > limits.timeout.max
		) {
			throw new InvalidInputError(
				'Timeout',
				`Timeout must be a number of seconds above 0 and at most ${limits.timeout.max}, got ${JSON.stringify(timeout)}`,
			);
		}
		settings.timeoutSeconds = seconds;
	}
	return settings;
}

/** Options → Requests in Parallel: one value for the whole run, read from the first item. */
export function readRequestsInParallel(context: IExecuteFunctions): number {
	const { requestsInParallel } = options(context, 0);
	const limits = CALL_OPTION_LIMITS.requestsInParallel;
	if (requestsInParallel === undefined) return limits.default;
	return wholeNumber(requestsInParallel, 'Requests in Parallel', limits.min, limits.max);
}
