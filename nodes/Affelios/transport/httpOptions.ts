import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

export interface AttemptRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: unknown;
	timeoutMs: number;
}

/**
 * What n8n's request helper is asked for: JSON in and out, as text (the shared exchange adds "the
 * full answer, whatever its status"). The body is serialised here so that arrays and numbers go
 * out exactly as built.
 */
export function httpOptions(request: AttemptRequest): IHttpRequestOptions {
	const hasBody = request.body !== undefined;
	return {
		method: request.method,
		url: request.url,
		headers: hasBody
			? { Accept: 'application/json', 'Content-Type': 'application/json' }
			: { Accept: 'application/json' },
		body: hasBody ? JSON.stringify(request.body) : undefined,
		json: false,
		encoding: 'text',
		timeout: request.timeoutMs,
	};
}
