import { NodeOperationError, type IHttpRequestOptions, type NodeApiError } from 'n8n-workflow';

import { DEFAULT_CALL_SETTINGS, type CallSettings } from '../../../shared/callOptions';
import { bodyText, exchangeOnce, type CallingContext } from '../../../shared/exchange';
import type { JsonRecord } from '../../../shared/jsonProblem';
import { sendWithRetries, type RetriedCall } from '../../../shared/sendWithRetries';
import { errorBodyText, readV2Answer } from './answer';
import { V2_CREDENTIAL_TYPE, checkV2ApiUrl } from './credential';
import {
	v2MayHaveBeenAppliedError,
	v2NetworkError,
	v2NotJsonError,
	v2RefusedError,
	v2StatusError,
	v2TimeoutError,
	type V2ErrorContext,
} from './errors';
import { retryAfterNote, uncertainOutcomeOf } from '../errors';
import { encodeV2Params, hasV2Params, type V2Params } from './formBody';

export type { V2Params } from './formBody';

/**
 * Paths that create something (or, like the billing request, start something) on AffilBox: such
 * a call is repeated only when it certainly did not reach AffilBox. `conversions/change` sets
 * given values, so repeating it sets the same again: it is retried like a read.
 */
export const V2_CREATING_PATHS: ReadonlySet<string> = new Set([
	'conversions/add',
	'partner/add',
	'invoices/billing-request',
	'invoices/upload',
]);

export interface V2Request {
	/**
	 * GET sends its parameters as a query; POST as a form. The client the evidence comes from
	 * sends filtered lists as POST and unfiltered ones as GET (`listMethod` chooses so).
	 */
	method: 'GET' | 'POST';
	/** Below the API URL, e.g. `conversions/change`. */
	path: string;
	params?: V2Params;
	itemIndex?: number;
	settings?: CallSettings;
	/** Further values masked out of every error (e.g. a password the call sends). */
	secrets?: readonly string[];
}

/** GET without parameters, POST with them: how the known client lists conversions and partners. */
export function listMethod(params: V2Params): 'GET' | 'POST' {
	return hasV2Params(params) ? 'POST' : 'GET';
}

function httpOptions(url: string, request: V2Request, timeoutMs: number): IHttpRequestOptions {
	const encoded = encodeV2Params(request.params ?? {});
	const target = `${url}/${request.path}`;
	const common = { json: false, encoding: 'text' as const, timeout: timeoutMs };
	if (request.method === 'GET') {
		return {
			...common,
			method: 'GET',
			url: encoded === '' ? target : `${target}?${encoded}`,
			headers: { Accept: 'application/json' },
		};
	}
	return {
		...common,
		method: 'POST',
		url: target,
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
		},
		// Sent as built (a string), so lists keep the indexed form above.
		body: encoded,
	};
}

/**
 * One API v2 call: the credential adds HTTP Basic authentication; passing failures are retried as
 * the shared retry policy decides (calls in V2_CREATING_PATHS only when certainly not applied).
 * Returns the answer's JSON object; every error is a NodeApiError without any secret.
 */
export async function affilBoxV2Call(
	this: CallingContext,
	request: V2Request,
): Promise<JsonRecord> {
	const credentials = await this.getCredentials(V2_CREDENTIAL_TYPE, request.itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const url = checkV2ApiUrl(credentials.apiUrl);
	if (!url.ok) {
		throw new NodeOperationError(this.getNode(), url.message, {
			description: 'Fix the API URL field of the AffilBox V2 API credential.',
			itemIndex: request.itemIndex,
		});
	}
	const settings = request.settings ?? DEFAULT_CALL_SETTINGS;
	const creates = V2_CREATING_PATHS.has(request.path);
	const call = await sendWithRetries(
		this,
		settings,
		creates,
		async () =>
			await exchangeOnce(
				this,
				V2_CREDENTIAL_TYPE,
				httpOptions(url.url, request, settings.timeoutMs),
			),
	);
	const context: V2ErrorContext = {
		node: this.getNode(),
		call: `${request.method} ${request.path}`,
		secrets: [apiKey, ...(request.secrets ?? [])].filter((secret) => secret !== ''),
		itemIndex: request.itemIndex,
		attempts: call.attempts,
	};
	if (!call.ok) throw giveUpError(context, call, settings.timeoutMs, url.url, creates);
	const text = bodyText(call.response);
	const answer = readV2Answer(text);
	if (answer.kind === 'notJson') throw v2NotJsonError(context, text);
	if (answer.kind === 'apiError') throw v2RefusedError(context, answer.message, answer.fields);
	return answer.body;
}

function giveUpError(
	context: V2ErrorContext,
	call: Extract<RetriedCall, { ok: false }>,
	timeoutMs: number,
	url: string,
	creates: boolean,
): NodeApiError {
	const { last } = call;
	const timeoutSeconds = timeoutMs / 1000;
	if (creates && call.reason === 'may-have-been-applied') {
		return v2MayHaveBeenAppliedError(
			context,
			uncertainOutcomeOf(call, timeoutSeconds, (response) => errorBodyText(bodyText(response))),
		);
	}
	if (last.kind === 'response') {
		const note = retryAfterNote(call);
		return v2StatusError(context, last.statusCode, errorBodyText(bodyText(last)), note);
	}
	if (last.failure.kind === 'timeout') return v2TimeoutError(context, timeoutSeconds);
	return v2NetworkError(context, url, last.failure, last.reason);
}
