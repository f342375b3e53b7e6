import type { INode, NodeApiError } from 'n8n-workflow';

import type { NetworkFailure } from '../../../shared/networkFailure';
import {
	apiError,
	couldNotReach,
	didNotAnswer,
	networkAdvice,
	type PlatformWords,
} from '../../../shared/nodeError';
import { redact } from '../../../shared/redact';
import {
	afterAttempts,
	otherStatusHint,
	otherStatusMessage,
	TIMEOUT_ADVICE,
	uncertainDescription,
	uncertainMessage,
	type UncertainOutcome,
} from '../errors';

/**
 * Every error about an API v2 call, built from text we chose and the server's answer, never from
 * n8n's request error (it carries the Authorization header). Every secret of the call (the API
 * key, and e.g. a partner password the caller names) is masked out of all of it, in case a server
 * echoes the request. The sentences about a failed call are the ones both nodes use (shared
 * nodeError.ts), and where both AffilBox APIs mean the same, the XML API's (../errors.ts); only
 * the credential they name is this API's own.
 */
export interface V2ErrorContext {
	node: INode;
	/** e.g. `POST conversions/change`. */
	call: string;
	secrets: readonly string[];
	itemIndex?: number;
	attempts?: number;
}

const AFFILBOX_V2: PlatformWords = {
	name: 'AffilBox',
	urlField: 'API URL',
	credential: 'AffilBox V2 API',
};

const CREDENTIAL_HINT =
	'Check the Instance Number and API Key of the AffilBox V2 API credential (the API key is sent as the password of HTTP Basic authentication, the instance number as the user).';

function clean(context: V2ErrorContext, text: string): string {
	return context.secrets.reduce((shown, secret) => redact(shown, secret), text);
}

function v2Error(
	context: V2ErrorContext,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	return apiError(context.node, {
		message: clean(context, message),
		description: clean(context, description),
		httpCode,
		itemIndex: context.itemIndex,
		about: { call: context.call },
	});
}

/** A non-2xx answer; `serverText` is what its body says (errorBodyText). */
export function v2StatusError(
	context: V2ErrorContext,
	statusCode: number,
	serverText: string,
	note?: string,
): NodeApiError {
	if (statusCode === 401) {
		return v2Error(
			context,
			'AffilBox rejected the instance number or API key (HTTP 401)',
			CREDENTIAL_HINT,
			statusCode,
		);
	}
	if (statusCode === 403) {
		return v2Error(
			context,
			`AffilBox refused ${context.call} for these credentials (HTTP 403): ${serverText}`,
			`The credential may not be allowed to do this. ${CREDENTIAL_HINT}`,
			statusCode,
		);
	}
	if (statusCode === 422) {
		return v2Error(
			context,
			`AffilBox refused the data of ${context.call} (HTTP 422): ${serverText}`,
			'Fix the field the message names; AffilBox did not carry out the call.',
			statusCode,
		);
	}
	if (statusCode === 404) {
		return v2Error(
			context,
			`AffilBox API v2 has no ${context.call} at this API URL (HTTP 404)`,
			`Check the API URL of the AffilBox V2 API credential (https://api.affilbox.cz). The server said: ${serverText}`,
			statusCode,
		);
	}
	return v2Error(
		context,
		otherStatusMessage(context.call, statusCode, context.attempts, serverText),
		otherStatusHint(statusCode, note),
		statusCode,
	);
}

/** HTTP 2xx with `status: "error"`: AffilBox refused the call in its own words. */
export function v2RefusedError(
	context: V2ErrorContext,
	message: string | undefined,
	fields: string[],
): NodeApiError {
	const details = fields.length > 0 ? ` [${fields.join('; ')}]` : '';
	return v2Error(
		context,
		`AffilBox refused ${context.call}: ${message ?? 'no reason given'}${details}`,
		'AffilBox answered with status "error" (HTTP 200).',
	);
}

export function v2NotJsonError(context: V2ErrorContext, text: string): NodeApiError {
	const shown = text.trim() === '' ? '(empty body)' : text.trim().slice(0, 200);
	return v2Error(
		context,
		`AffilBox API v2 did not answer ${context.call} with JSON: ${shown}`,
		'The answer is not the JSON the API v2 sends. Check the API URL of the AffilBox V2 API credential (https://api.affilbox.cz, not the XML API URL of your licence).',
	);
}

export function v2NetworkError(
	context: V2ErrorContext,
	url: string,
	failure: NetworkFailure,
	reason: string,
): NodeApiError {
	return v2Error(
		context,
		`${couldNotReach(AFFILBOX_V2, url, failure)}${afterAttempts(context.attempts)}`,
		networkAdvice(AFFILBOX_V2, failure, reason),
	);
}

export function v2TimeoutError(context: V2ErrorContext, timeoutSeconds: number): NodeApiError {
	return v2Error(
		context,
		`${didNotAnswer(AFFILBOX_V2, timeoutSeconds, { method: context.call })}${afterAttempts(context.attempts)}`,
		TIMEOUT_ADVICE,
	);
}

/** A call with side effects failed in a way that leaves open whether AffilBox carried it out. */
export function v2MayHaveBeenAppliedError(
	context: V2ErrorContext,
	outcome: UncertainOutcome,
): NodeApiError {
	return v2Error(
		context,
		uncertainMessage(context.call, context.itemIndex),
		uncertainDescription(outcome),
		outcome.kind === 'status' ? outcome.statusCode : undefined,
	);
}
