import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { sendOnce, type AttemptResult } from './attempt';
import { checkBaseUrl } from './baseUrl';
import { CREDENTIAL_TYPE } from './credentialType';
import {
	httpStatusError,
	mayHaveBeenAppliedError,
	networkError,
	notJsonError,
	uncertainCause,
	type ErrorContext,
} from './errors';
import { parseJson } from './problem';
import {
	MAX_RETRY_AFTER_MS,
	decideRetry,
	type Failure,
	type RetryDecision,
	type RetrySettings,
} from './retryPolicy';

export { CREDENTIAL_TYPE };
export type { RetrySettings };

export interface AffeliosRequest {
	method: IHttpRequestMethods;
	/** Below `/api/v1/`, e.g. `customer/bulk`; ids are URL-encoded by the caller. */
	path: string;
	body?: unknown;
	itemIndex?: number;
	/** The answer must be JSON (customer calls); transaction calls answer 202 without a body. */
	expectJson: boolean;
	settings: RetrySettings;
	/**
	 * Set on calls that create something, naming what for the user, e.g. "Create Customer (item
	 * 3)". Such a call is repeated only when Affelios certainly did not act on it; when that is
	 * open, the error says so with this name.
	 */
	creates?: string;
}

export interface AffeliosAnswer {
	statusCode: number;
	/** The parsed JSON answer; undefined when there was none. */
	data: unknown;
}

function asFailure(result: AttemptResult): Failure {
	return result.kind === 'response'
		? { kind: 'status', status: result.statusCode, retryAfter: result.retryAfter }
		: { kind: 'network', network: result.failure.kind };
}

/** The error for the last attempt, worded by why the node stopped there. */
function finalError(
	context: ErrorContext,
	request: AffeliosRequest,
	baseUrl: string,
	result: AttemptResult,
	reason: Exclude<RetryDecision, { retry: true }>['reason'] | 'cancelled',
	attempts: number,
): NodeApiError {
	const { timeoutMs } = request.settings;
	if (reason === 'may-have-been-applied' && request.creates !== undefined) {
		const cause = uncertainCause(
			context,
			result.kind === 'response'
				? { kind: 'status', statusCode: result.statusCode, body: result.text }
				: { kind: 'network', failure: result.failure, timeoutMs },
		);
		const httpCode = result.kind === 'response' ? result.statusCode : undefined;
		return mayHaveBeenAppliedError(context, request.creates, cause, httpCode);
	}
	const final: ErrorContext = {
		...context,
		attempts: reason === 'exhausted' ? attempts : undefined,
		note:
			reason === 'wait-too-long'
				? `Affelios asked to wait longer than the ${MAX_RETRY_AFTER_MS / 1000} s the node waits by itself.`
				: undefined,
	};
	return result.kind === 'response'
		? httpStatusError(final, result.statusCode, result.text, result.retryAfter)
		: networkError(final, baseUrl, result.failure, result.reason, timeoutMs);
}

/**
 * One Affelios API call, repeated on passing failures as `retryPolicy` decides, waiting with n8n's
 * `sleep` in between. The credential adds the key headers; errors never carry the request.
 */
export async function affeliosRequest(
	this: IExecuteFunctions,
	request: AffeliosRequest,
): Promise<AffeliosAnswer> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, request.itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
	const base = checkBaseUrl(credentials.baseUrl);
	if (!base.ok) {
		throw new NodeOperationError(this.getNode(), base.message, {
			description: 'Fix the Base URL field of the Affelios credential.',
			itemIndex: request.itemIndex,
		});
	}
	const path = `/api/v1/${request.path}`;
	const context: ErrorContext = {
		node: this.getNode(),
		request: `${request.method} ${path}`,
		apiKey,
		itemIndex: request.itemIndex,
	};
	const attempt = {
		method: request.method,
		url: `${base.url}${path}`,
		body: request.body,
		timeoutMs: request.settings.timeoutMs,
	};

	for (let attempts = 1; ; attempts++) {
		const result = await sendOnce.call(this, attempt);
		if (result.kind === 'response' && result.statusCode >= 200 && result.statusCode <= 299) {
			const data = result.text.trim() === '' ? undefined : parseJson(result.text);
			if (request.expectJson && (typeof data !== 'object' || data === null)) {
				throw notJsonError(context, result.statusCode, result.text);
			}
			return { statusCode: result.statusCode, data };
		}
		const decision = decideRetry(asFailure(result), {
			creates: request.creates !== undefined,
			retriesDone: attempts - 1,
			maxRetries: request.settings.maxRetries,
			nowMs: Date.now(),
			random: Math.random(),
		});
		if (!decision.retry) {
			throw finalError(context, request, base.url, result, decision.reason, attempts);
		}
		// A stopped execution does not wait out its pauses.
		if (this.getExecutionCancelSignal?.()?.aborted) {
			throw finalError(context, request, base.url, result, 'cancelled', attempts);
		}
		await sleep(decision.delayMs);
	}
}
