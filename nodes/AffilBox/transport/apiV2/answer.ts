import {
	clip,
	fieldErrors,
	nonEmptyText,
	parseJson,
	type JsonRecord,
} from '../../../shared/jsonProblem';

/**
 * What an API v2 answer body says, whatever its HTTP status. Reported (never specified) by the
 * one public client: a JSON object `{ status, meta, …payload }`; an error says `status: "error"`
 * and a `message`, with HTTP 401, 422, another 4xx/5xx, or even HTTP 200. A missing or other
 * `status` counts as success, as that client reads it. Pure, so each shape is unit-tested.
 */
export type V2Answer =
	| { kind: 'ok'; body: JsonRecord }
	| { kind: 'apiError'; message: string | undefined; fields: string[] }
	| { kind: 'notJson'; text: string };

export function readV2Answer(text: string): V2Answer {
	const json = parseJson(text.trim());
	if (typeof json !== 'object' || json === null) return { kind: 'notJson', text: text.trim() };
	// A bare list (never seen) is kept under `data`, where the lists of dashboard-like answers are.
	const body: JsonRecord = Array.isArray(json) ? { data: json } : (json as JsonRecord);
	const fields = fieldErrors(body.errors);
	const status = typeof body.status === 'string' ? body.status.trim().toLowerCase() : '';
	if (status === 'error' || status === 'fail' || status === 'failed') {
		return { kind: 'apiError', message: messageOf(body), fields };
	}
	return { kind: 'ok', body };
}

/** The error's words: `message`, else `error` (text), else none. */
export function messageOf(body: JsonRecord): string | undefined {
	return nonEmptyText(body.message) ?? nonEmptyText(body.error);
}

/** An error body in one line: its message and field details, or the text it was (clipped). */
export function errorBodyText(text: string, max = 500): string {
	const answer = readV2Answer(text);
	let shown: string;
	if (answer.kind === 'notJson') shown = answer.text;
	else {
		const body = answer.kind === 'ok' ? answer.body : undefined;
		const message = answer.kind === 'apiError' ? answer.message : body && messageOf(body);
		const fields = answer.kind === 'apiError' ? answer.fields : fieldErrors(body?.errors);
		shown = [message, fields.length > 0 ? `[${fields.join('; ')}]` : undefined]
			.filter(Boolean)
			.join(' ');
		if (shown === '') shown = JSON.stringify(answer.kind === 'ok' ? answer.body : {});
	}
	return shown === '' ? '(empty body)' : clip(shown, max);
}
