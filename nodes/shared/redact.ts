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

/**
 * A parsed JSON answer with the secret masked in every text, names included (a server that echoes
 * the request could put it anywhere). Returned as it is when `text`, the answer's JSON text, holds
 * no form of it, which is the usual case and costs one search.
 */
export function redactJson(value: unknown, text: string, secret: string | undefined): unknown {
	if (!secret || redact(text, secret) === text) return value;
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return redact(node, secret);
		if (Array.isArray(node)) return node.map(walk);
		if (typeof node !== 'object' || node === null) return node;
		return Object.fromEntries(
			Object.entries(node).map(([name, inner]) => [redact(name, secret), walk(inner)]),
		);
	};
	return walk(value);
}
