import { InvalidInputError } from '../../shared/invalidInput';
import type { NameValuePair } from '../../shared/pairsField';
import { requireText } from '../../shared/parameters';

/**
 * The Path of a Custom API Call, made safe to put after `{Base URL}/api/v1/`: the call must stay on
 * the credential's host and under its API, because the credential sends the key to wherever the
 * request goes. So a scheme, a host, `.`/`..` segments (also percent-encoded, which URL parsers
 * resolve alike), backslashes and a fragment are refused; anything else a path or query cannot carry
 * as is gets percent-encoded, and valid `%XX` escapes are kept.
 */

const PATH_FIELD = 'Path';
const QUERY_FIELD = 'Query Parameters';
/** Every path starts here; a Path copied from the docs with it is accepted. */
const API_PREFIX = /^api\/v1(\/|$)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// RFC 3986: what a path segment (pchar) and a query may hold unencoded; `%` only as a valid escape.
const SEGMENT_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
const QUERY_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

const EXAMPLE = 'e.g. customer/3f2a… or /api/v1/customer/3f2a…';

function refuse(message: string, hint = `Give the path below the Base URL, ${EXAMPLE}`): never {
	throw new InvalidInputError(PATH_FIELD, message, hint);
}

/** Percent-encodes what `safe` does not allow, keeping valid escapes as they are. */
function encodeExcept(text: string, safe: RegExp): string {
	let out = '';
	for (let index = 0; index < text.length; index += 1) {
		const char = text[index];
		if (char === '%' && /^%[0-9A-Fa-f]{2}$/.test(text.slice(index, index + 3))) out += char;
		else if (safe.test(char)) out += char;
		else {
			const point = text.codePointAt(index) ?? 0;
			const whole = String.fromCodePoint(point);
			out += encodeURIComponent(whole);
			index += whole.length - 1;
		}
	}
	return out;
}

/** A segment as URL parsers read it, for the dot check (`%2e%2e` counts as `..`). */
function decoded(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The request path below `/api/v1/` for `path` and the Query Parameters pairs, e.g.
 * `customer/abc?x=1&y=2`, or an InvalidInputError naming the field. Pairs are added after any query
 * the path has.
 */
export function readCustomPath(value: unknown, pairs: NameValuePair[] = []): string {
	const raw = requireText(value, PATH_FIELD).trim();
	if (SCHEME.test(raw) || raw.startsWith('//')) {
		refuse(
			`${PATH_FIELD} "${raw}" is a full URL: only a path under the credential's Base URL can be called`,
			`The host comes from the Affelios credential (its key is sent only there): ${EXAMPLE}. A first segment with a colon needs a leading "/".`,
		);
	}
	if (raw.includes('\\')) refuse(`${PATH_FIELD} must not contain a backslash`);
	if (raw.includes('#')) refuse(`${PATH_FIELD} must not contain "#" (a fragment is never sent)`);
	if ([...raw].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f')) {
		refuse(`${PATH_FIELD} must not contain control characters (a line break or a tab)`);
	}

	const queryAt = raw.indexOf('?');
	const pathPart = (queryAt === -1 ? raw : raw.slice(0, queryAt)).replace(/^\/+/, '');
	const query = queryAt === -1 ? '' : raw.slice(queryAt + 1);
	const below = pathPart.replace(API_PREFIX, '');
	if (below === '') refuse(`${PATH_FIELD} names no endpoint`);
	const segments = below.split('/');
	segments.forEach((segment, index) => {
		const plain = decoded(segment);
		if (plain === '.' || plain === '..') {
			refuse(
				`${PATH_FIELD} must not contain "${segment}" segments: the call stays under the Base URL's /api/v1/`,
			);
		}
		// A trailing slash is kept; an empty segment inside is a typo the server would misread.
		if (segment === '' && index < segments.length - 1)
			refuse(`${PATH_FIELD} has an empty segment ("//")`);
	});

	const queryParts = query === '' ? [] : [encodeExcept(query, QUERY_SAFE)];
	pairs.forEach((pair, index) => {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (name === '') {
			throw new InvalidInputError(QUERY_FIELD, `${QUERY_FIELD} → Name ${index + 1} is empty`);
		}
		const pairValue =
			typeof pair.value === 'string' ||
			typeof pair.value === 'number' ||
			typeof pair.value === 'boolean'
				? String(pair.value)
				: '';
		queryParts.push(`${encodeURIComponent(name)}=${encodeURIComponent(pairValue)}`);
	});
	const path = segments.map((segment) => encodeExcept(segment, SEGMENT_SAFE)).join('/');
	return queryParts.length === 0 ? path : `${path}?${queryParts.join('&')}`;
}
