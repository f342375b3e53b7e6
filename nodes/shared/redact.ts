const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/** XML text with all five special characters escaped. */
export function escapeXmlText(value: string): string {
	return value.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

/**
 * Masks a secret in any text that may end up in an error, an output item or a log: raw, and in
 * every form a server echoing the request could use: XML-escaped (fully, or only & < >),
 * JSON-escaped, URL-encoded.
 */
export function redact(text: string, secret: string | undefined): string {
	if (!secret) return text;
	const forms = new Set([
		secret,
		escapeXmlText(secret),
		secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
		JSON.stringify(secret).slice(1, -1),
		encodeURIComponent(secret),
		encodeURIComponent(escapeXmlText(secret)),
	]);
	let clean = text;
	for (const form of [...forms].sort((a, b) => b.length - a.length)) {
		clean = clean.split(form).join('***');
	}
	return clean;
}
