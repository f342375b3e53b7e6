/**
 * Reading the error body of a JSON API: its text parsed (or not), and its field-by-field
 * validation details in words. Neither API documents them, so the common shapes are read:
 * `errors: { field: [messages] }` (Laravel, ASP.NET) and `errors: [{ field, message }]`.
 */
export type JsonRecord = Record<string, unknown>;

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** Server text shown in an error: at most `max` characters, an ellipsis where it was cut. */
export function clip(text: string, max = 500): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Non-empty trimmed text, else undefined. */
export function nonEmptyText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `field: message message` lines from `{ field: [messages] }` or `[{ field, message }]`. */
export function fieldErrors(errors: unknown): string[] {
	if (Array.isArray(errors)) {
		return errors
			.map((entry) => {
				if (typeof entry === 'string') return entry;
				const record = (entry ?? {}) as JsonRecord;
				const message = nonEmptyText(record.message) ?? nonEmptyText(record.errorMessage);
				const field = nonEmptyText(record.field) ?? nonEmptyText(record.propertyName);
				return field && message ? `${field}: ${message}` : (message ?? JSON.stringify(entry));
			})
			.filter((line) => line !== '');
	}
	if (typeof errors !== 'object' || errors === null) return [];
	return Object.entries(errors as JsonRecord).map(([field, messages]) => {
		const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
		return `${field}: ${list.join(' ')}`;
	});
}
