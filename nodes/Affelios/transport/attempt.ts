import type { IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './credentialType';
import { classifyNetworkError, type NetworkFailure } from './networkFailure';

/** One HTTP exchange with Affelios: what came back, or how the network failed. Never throws. */
export type AttemptResult =
	| { kind: 'response'; statusCode: number; text: string; retryAfter?: string }
	| {
			kind: 'network';
			failure: NetworkFailure;
			/** n8n's plain words for it; the original error (request and key included) is dropped. */
			reason: string;
	  };

export interface AttemptRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: unknown;
	timeoutMs: number;
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

function header(response: FullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return typeof value === 'string' ? value : undefined;
}

/** What n8n's request helper is asked for: the raw answer whatever its status, as text. */
export function httpOptions(request: AttemptRequest): IHttpRequestOptions {
	const hasBody = request.body !== undefined;
	return {
		method: request.method,
		url: request.url,
		headers: hasBody
			? { Accept: 'application/json', 'Content-Type': 'application/json' }
			: { Accept: 'application/json' },
		// Serialised here so that arrays and numbers go out exactly as built.
		body: hasBody ? JSON.stringify(request.body) : undefined,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs,
	};
}

export async function sendOnce(
	this: IExecuteFunctions,
	request: AttemptRequest,
): Promise<AttemptResult> {
	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			httpOptions(request),
		)) as FullResponse;
	} catch (error) {
		return {
			kind: 'network',
			failure: classifyNetworkError(error),
			reason: (error as Error)?.message ?? 'The request failed',
		};
	}
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	return {
		kind: 'response',
		statusCode: response.statusCode,
		text,
		retryAfter: header(response, 'retry-after'),
	};
}
