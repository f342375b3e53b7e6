/**
 * Parameters of an API v2 call as they go on the wire: query text for GET, the body of a POST
 * (`application/x-www-form-urlencoded`). The one public client sends them as PHP's
 * `http_build_query` does: RFC 1738 (a space as `+`), lists with indexed brackets
 * (`conversionId[0]=1&conversionId[1]=2`), `true`/`false` as `1`/`0`, `null` left out. We send
 * that form, the only one known to reach AffilBox (whether it also takes `x[]` is unknown).
 */
export type V2Scalar = string | number | boolean;
export type V2Params = Record<string, V2Scalar | readonly V2Scalar[] | null | undefined>;

function encode(text: string): string {
	// encodeURIComponent leaves !'()* as they are; RFC 1738 (and PHP) escape them, and write a space as +.
	return encodeURIComponent(text)
		.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

function scalarText(value: V2Scalar): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	return String(value);
}

/** `a=1&b%5B0%5D=x&b%5B1%5D=y`; parameters without a value (null, undefined) are left out. */
export function encodeV2Params(params: V2Params): string {
	const pairs: string[] = [];
	for (const [name, value] of Object.entries(params)) {
		if (value === null || value === undefined) continue;
		if (Array.isArray(value)) {
			(value as readonly V2Scalar[]).forEach((entry, index) =>
				pairs.push(`${encode(`${name}[${index}]`)}=${encode(scalarText(entry))}`),
			);
		} else {
			pairs.push(`${encode(name)}=${encode(scalarText(value as V2Scalar))}`);
		}
	}
	return pairs.join('&');
}

/** True when the call has a parameter to send (the client then posts instead of getting). */
export function hasV2Params(params: V2Params): boolean {
	return encodeV2Params(params) !== '';
}
