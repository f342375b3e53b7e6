import {
	clip,
	fieldErrors,
	nonEmptyText,
	parseJson,
	type JsonRecord,
} from '../../shared/jsonProblem';

/**
 * Turns an Affelios error body into one readable line. The error format is undocumented; an
 * ASP.NET problem object (`title`, `detail`, `errors: { field: [messages] }`) is likely, so that is
 * rendered field by field (shared jsonProblem.ts reads the field details). Other JSON is shown
 * compact, text as it is, nothing as "(empty body)".
 */
function renderObject(body: JsonRecord): string | undefined {
	const title = nonEmptyText(body.title) ?? nonEmptyText(body.message) ?? nonEmptyText(body.error);
	const detail = nonEmptyText(body.detail);
	const fields = fieldErrors(body.errors);
	if (!title && !detail && fields.length === 0) return undefined;
	const head = [title, detail && detail !== title ? detail : undefined].filter(Boolean).join(' – ');
	return fields.length === 0 ? head : `${head ? `${head} ` : ''}[${fields.join('; ')}]`;
}

export function renderErrorBody(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return '(empty body)';
	const json = parseJson(trimmed);
	if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
		return clip(renderObject(json as JsonRecord) ?? JSON.stringify(json));
	}
	return clip(json === undefined ? trimmed : JSON.stringify(json));
}
