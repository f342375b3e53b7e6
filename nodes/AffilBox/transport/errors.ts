import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { escapeXmlText } from './apiKey';
import type { AffilBoxAnswerProblem } from './responseXml';

/**
 * Every error this node raises about an AffilBox call is built here, from text we chose or the
 * server's answer, never from the request (the API key travels inside the request body). The key
 * is also masked out of server text, in case a server echoes the request back.
 */
export function redact(text: string, apiKey: string | undefined): string {
	if (!apiKey) return text;
	// Every form the key can take on its way: raw, XML-escaped (fully, or only & < >), URL-encoded.
	const forms = new Set([
		apiKey,
		escapeXmlText(apiKey),
		apiKey.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
		encodeURIComponent(apiKey),
		encodeURIComponent(escapeXmlText(apiKey)),
	]);
	let clean = text;
	for (const form of [...forms].sort((a, b) => b.length - a.length))
		clean = clean.split(form).join('***');
	return clean;
}

interface ErrorContext {
	node: INode;
	method: string;
	apiKey: string | undefined;
	itemIndex?: number;
}

function apiError(
	context: ErrorContext,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	const clean = (text: string) => redact(text, context.apiKey);
	const response: JsonObject = { message: clean(message), method: context.method };
	if (httpCode !== undefined) response.httpCode = String(httpCode);
	return new NodeApiError(context.node, response, {
		message: clean(message),
		description: clean(description),
		httpCode: httpCode === undefined ? undefined : String(httpCode),
		itemIndex: context.itemIndex,
	});
}

const AUTH_HINT =
	'Check the API key in the AffilBox credential (Settings → User settings of your licence).';

export function httpStatusError(
	context: ErrorContext,
	statusCode: number,
	serverText: string,
): NodeApiError {
	const shown = serverText.trim().slice(0, 500) || '(empty body)';
	if (statusCode === 401 || statusCode === 403) {
		return apiError(
			context,
			`AffilBox rejected the API key (HTTP ${statusCode}): ${shown}`,
			AUTH_HINT,
			statusCode,
		);
	}
	if (statusCode === 404) {
		return apiError(
			context,
			`No AffilBox API at this URL (HTTP 404)`,
			`Check the API URL in the AffilBox credential: copy it exactly from Settings → User settings. The server said: ${shown}`,
			statusCode,
		);
	}
	return apiError(
		context,
		`AffilBox answered HTTP ${statusCode} to ${context.method}: ${shown}`,
		statusCode >= 500
			? 'The AffilBox server had a problem; try again later.'
			: 'The request was not accepted.',
		statusCode,
	);
}

export function answerProblemError(
	context: ErrorContext,
	problem: AffilBoxAnswerProblem,
): NodeApiError {
	switch (problem.kind) {
		case 'empty':
			return apiError(
				context,
				`AffilBox sent an empty answer to ${context.method}`,
				problem.message,
			);
		case 'notXml':
			return apiError(
				context,
				`AffilBox did not answer ${context.method} with XML: ${problem.text.slice(0, 200)}`,
				problem.message,
			);
		case 'apiError': {
			const code = problem.code ? ` ${problem.code}` : '';
			const description =
				problem.code === '401' || problem.code === '403'
					? AUTH_HINT
					: `Method ${context.method} failed.`;
			return apiError(context, `AffilBox error${code}: ${problem.message}`, description);
		}
	}
}

export function networkError(
	context: ErrorContext,
	url: string,
	code: string | undefined,
	reason: string,
): NodeApiError {
	return apiError(
		context,
		`Could not reach AffilBox at ${url}${code ? ` (${code})` : ''}`,
		`${reason}. Check the API URL in the AffilBox credential and your network.`,
	);
}
