/**
 * Masks the API key in any text that may end up in an error, an output item or a log: raw, and in
 * the forms a server echoing the request could use (JSON-escaped, URL-encoded).
 */
export function redact(text: string, apiKey: string | undefined): string {
	if (!apiKey) return text;
	const forms = new Set([apiKey, JSON.stringify(apiKey).slice(1, -1), encodeURIComponent(apiKey)]);
	let clean = text;
	for (const form of [...forms].sort((a, b) => b.length - a.length)) {
		clean = clean.split(form).join('***');
	}
	return clean;
}
