import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkApiUrl } from './apiUrl';
import { answerProblemError, httpStatusError, networkError } from './errors';
import { buildRequestXml, type AffilBoxParams } from './requestXml';
import { readAffilBoxAnswer, type AffilBoxAnswer } from './responseXml';

export type { AffilBoxParams } from './requestXml';
export type { AffilBoxAnswer, AffilBoxRecordKind } from './responseXml';

export const CREDENTIAL_TYPE = 'affilBoxApi';

type AffilBoxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface AffilBoxCallResult {
	answer: AffilBoxAnswer;
	rawXml: string;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function errorCode(error: unknown): string | undefined {
	const candidate = error as { code?: unknown; cause?: { code?: unknown } };
	const code = candidate?.cause?.code ?? candidate?.code;
	return typeof code === 'string' ? code : undefined;
}

/** One AffilBox API call: builds the document, sends it as form field `data`, reads the answer. */
export async function affilBoxApiCall(
	this: AffilBoxContext,
	method: string,
	params: AffilBoxParams = {},
	itemIndex?: number,
): Promise<AffilBoxCallResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
	const context = { node: this.getNode(), method, apiKey, itemIndex };

	const url = checkApiUrl(credentials.apiUrl);
	if (!url.ok) {
		throw new NodeOperationError(this.getNode(), url.message, {
			description: 'Fix the API URL field of the AffilBox credential.',
			itemIndex,
		});
	}

	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: 'POST',
			url: url.url,
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
				Accept: 'text/xml, application/xml, text/plain;q=0.8, */*;q=0.5',
			},
			body: { data: buildRequestXml(method, params) },
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60_000,
		})) as FullResponse;
	} catch (error) {
		// Only the error's code and plain message are used: the original carries the request (and key).
		const reason = (error as Error)?.message ?? 'The request failed';
		throw networkError(context, url.url, errorCode(error), reason);
	}

	const body = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	const read = readAffilBoxAnswer(body);
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw httpStatusError(context, response.statusCode, serverSays(read));
	}
	if (!read.ok) throw answerProblemError(context, read.problem);
	return { answer: read.answer, rawXml: body };
}

/** What an error answer says, in words: the error message of an XML answer, or the text of any other. */
function serverSays(read: ReturnType<typeof readAffilBoxAnswer>): string {
	if (read.ok) return 'an answer without an error message';
	if (read.problem.kind === 'apiError') {
		return read.problem.code
			? `${read.problem.message} (code ${read.problem.code})`
			: read.problem.message;
	}
	return read.problem.kind === 'notXml' ? read.problem.text : '';
}
