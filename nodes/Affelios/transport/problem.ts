/**
 * Turns an Affelios error body into one readable line. The error format is undocumented; an
 * ASP.NET problem object (`title`, `detail`, `errors: { field: [messages] }`) is likely, so that is
 * rendered field by field. Other JSON is shown compact, text as it is, nothing as "(empty body)".
 */
const MAX_SHOWN = 500;

type Json = Record<string, unknown>;

function clip(text: string): string {
	return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `field: message message; other: message` from `{ field: [messages] }` or `[{ field, message }]`. */
function fieldErrors(errors: unknown): string[] {
	if (Array.isArray(errors)) {
		return errors
			.map((entry) => {
				if (typeof entry === 'string') return entry;
				const record = (entry ?? {}) as Json;
				const message = asText(record.message) ?? asText(record.errorMessage);
				const field = asText(record.field) ?? asText(record.propertyName);
				return field && message ? `${field}: ${message}` : (message ?? JSON.stringify(entry));
			})
			.filter((line) => line !== '');
	}
	if (typeof errors !== 'object' || errors === null) return [];
	return Object.entries(errors as Json).map(([field, messages]) => {
		const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
		return `${field}: ${list.join(' ')}`;
	});
}

function renderObject(body: Json): string | undefined {
	const title = asText(body.title) ?? asText(body.message) ?? asText(body.error);
	const detail = asText(body.detail);
	const fields = fieldErrors(body.errors);
	if (!title && !detail && fields.length === 0) return undefined;
	const head = [title, detail && detail !== title ? detail : undefined].filter(Boolean).join(' – ');
	return fields.length === 0 ? head : `${head ? `${head} ` : ''}[${fields.join('; ')}]`;
}

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export function renderErrorBody(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return '(empty body)';
	const json = parseJson(trimmed);
	if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
		return clip(renderObject(json as Json) ?? JSON.stringify(json));
	}
	return clip(json === undefined ? trimmed : JSON.stringify(json));
}
