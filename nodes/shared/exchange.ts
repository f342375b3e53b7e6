import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { classifyNetworkError, type NetworkFailure } from './networkFailure';
import { parseRetryAfter, type CallFailure } from './retryPolicy';

/** Where the nodes call from: an operation, a dropdown, a trigger's poll. */
export type CallingContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** One HTTP exchange: the answer whatever its status, or how the network failed. */
export type Exchange =
	| { kind: 'response'; statusCode: number; headers: Record<string, unknown>; body: unknown }
	| {
			kind: 'network';
			failure: NetworkFailure;
			/** n8n's plain words for it; the original error (request and key included) is dropped. */
			reason: string;
	  };

export type Response = Extract<Exchange, { kind: 'response' }>;

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** The request as n8n's helper is asked for it: the full answer, whatever its status. */
export function askingForFullAnswer(request: IHttpRequestOptions): IHttpRequestOptions {
	return { ...request, returnFullResponse: true, ignoreHttpStatusErrors: true };
}

/**
 * Sends one request through n8n's helper with the credential (which adds the key), asking for the
 * full answer whatever its status. Never throws: a request that got no answer comes back as its
 * classified network failure. The platform sets method, URL, headers, body, encoding and timeout.
 * `credentials`: the credential as the caller already read it from this context, so that n8n does
 * not read (and decrypt) it again for every request.
 */
export async function exchangeOnce(
	context: CallingContext,
	credentialType: string,
	request: IHttpRequestOptions,
	credentials?: ICredentialDataDecryptedObject,
): Promise<Exchange> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			askingForFullAnswer(request),
			// n8n's helper uses only `data` of an already decrypted credential.
			credentials === undefined
				? undefined
				: {
						credentialsDecrypted: {
							id: '',
							name: credentialType,
							type: credentialType,
							data: credentials,
						},
					},
		)) as FullResponse;
		return {
			kind: 'response',
			statusCode: response.statusCode,
			headers: response.headers ?? {},
			body: response.body,
		};
	} catch (error) {
		// Only the kind, code and plain message are kept: the original carries the request (and key).
		const reason = (error as Error)?.message ?? 'The request failed';
		return { kind: 'network', failure: classifyNetworkError(error), reason };
	}
}

/** A 2xx answer. */
export function isSuccess(response: Response): boolean {
	return response.statusCode >= 200 && response.statusCode <= 299;
}

/** A response header by name, whatever its case; the first value of a repeated one. */
export function headerOf(response: Response, name: string): string | undefined {
	const key = Object.keys(response.headers).find((header) => header.toLowerCase() === name);
	const value = key === undefined ? undefined : response.headers[key];
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	return typeof first === 'string' ? first : undefined;
}

export function bodyText(response: Response): string {
	return typeof response.body === 'string' ? response.body : String(response.body ?? '');
}

/** What the retry policy needs to know about an exchange that did not succeed. */
export function failureOf(exchange: Exchange, nowMs: number): CallFailure {
	if (exchange.kind === 'network') return exchange.failure;
	return {
		kind: 'status',
		status: exchange.statusCode,
		retryAfterMs: parseRetryAfter(headerOf(exchange, 'retry-after'), nowMs),
	};
}
