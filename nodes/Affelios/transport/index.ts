import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';
import { httpStatusError, networkError, notJsonError, type ErrorContext } from './errors';
import { parseJson } from './problem';

export const CREDENTIAL_TYPE = 'affeliosApi';

export interface AffeliosRequest {
	method: IHttpRequestMethods;
	/** Below `/api/v1/`, e.g. `customer/bulk`; ids are URL-encoded by the caller. */
	path: string;
	body?: unknown;
	itemIndex?: number;
	/** The answer must be JSON (customer calls); transaction calls answer 202 without a body. */
	expectJson: boolean;
}

export interface AffeliosAnswer {
	statusCode: number;
	/** The parsed JSON answer; undefined when there was none. */
	data: unknown;
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/**
 * The network error code (ECONNREFUSED, ENOTFOUND…). n8n's wrapper drops the original error, but
 * keeps its plain message (e.g. "connect ECONNREFUSED 127.0.0.1:443") in `messages`.
 */
function errorCode(error: unknown): string | undefined {
	const candidate = error as { code?: unknown; cause?: { code?: unknown }; messages?: unknown };
	const code = candidate?.cause?.code ?? candidate?.code;
	if (typeof code === 'string') return code;
	const messages = Array.isArray(candidate?.messages) ? candidate.messages : [];
	for (const message of messages) {
		const found = /\b(E[A-Z][A-Z_]{2,})\b/.exec(String(message));
		if (found) return found[1];
	}
	return undefined;
}

function header(response: FullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return typeof value === 'string' ? value : undefined;
}

/** One Affelios API call. The credential adds the key headers; errors never carry the request. */
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
	const hasBody = request.body !== undefined;

	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: request.method,
			url: `${base.url}${path}`,
			headers: hasBody
				? { Accept: 'application/json', 'Content-Type': 'application/json' }
				: { Accept: 'application/json' },
			// Serialised here so that arrays and numbers go out exactly as built.
			body: hasBody ? JSON.stringify(request.body) : undefined,
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60_000,
		})) as FullResponse;
	} catch (error) {
		// Only the error's code and plain message are used: the original carries the request (and key).
		const reason = (error as Error)?.message ?? 'The request failed';
		throw networkError(context, base.url, errorCode(error), reason);
	}

	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw httpStatusError(context, response.statusCode, text, header(response, 'retry-after'));
	}
	const data = text.trim() === '' ? undefined : parseJson(text);
	if (request.expectJson && (typeof data !== 'object' || data === null)) {
		throw notJsonError(context, response.statusCode, text);
	}
	return { statusCode: response.statusCode, data };
}
