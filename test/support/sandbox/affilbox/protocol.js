// @ts-check
'use strict';

/*
 * Wire protocol of the AffilBox sandbox.
 *
 * What the vendor documents (see /work/shared/api/affilbox.md):
 *   - every call is an HTTP POST, `application/x-www-form-urlencoded` (UTF-8), whose form field `data` holds one
 *     XML document: <?xml version="1.0" encoding="UTF-8"?><request><key>…</key><method>…</method>…params…</request>
 *   - a missing `data` field is answered with the text "NO DATA".
 *
 * What is unknown there and is OUR chosen dialect (the client must read answers leniently anyway):
 *   Requests
 *   - Only POST to exactly `/api/` is an API call; other verbs on `/api/` → HTTP 405 + error answer (code 405).
 *   - The content type must be `application/x-www-form-urlencoded` (parameters such as `; charset=UTF-8` are
 *     accepted; the body is always decoded as UTF-8). Any other content type, no `data` field or an empty one
 *     → HTTP 200, `Content-Type: text/plain`, body exactly `NO DATA`.
 *   - `data` must be well-formed XML (fast-xml-parser's XMLValidator plus: no DOCTYPE, only the five predefined
 *     entities and numeric character references, only XML 1.0 characters) with exactly one root element
 *     `<request>`; otherwise → error 400 `Invalid XML request`.
 *   - Values are decoded as an XML parser would: entities and character references resolved, CDATA sections
 *     taken verbatim, line ends normalised to LF, surrounding whitespace KEPT (never trimmed). Attributes are
 *     ignored. `<key>` and `<method>` are reserved; every other child of <request> is a parameter.
 *   - A parameter that has child elements → 400 `Invalid value for X: expected text`; a parameter sent twice →
 *     400 `Duplicate parameter: X`. Both are reported after the key check.
 *   - Wrong, missing or empty key → HTTP 401 + error answer `Invalid API key` (code 401).
 *   - Missing method → 400 `Missing parameter: method`; unknown one (names are case-sensitive) →
 *     400 `Unknown method: X`.
 *   Answers (`Content-Type: text/xml; charset=UTF-8`, XML built with XMLBuilder, every value is text)
 *   - success: <response><status>OK</status>RECORDS</response>, the records repeated directly under the root
 *     with no wrapper (<conversion>…</conversion><conversion>…</conversion>); one record is one element; an
 *     empty list is just <response><status>OK</status></response>. GetOrCreatePartner puts
 *     <created>1|0</created> before its <partner>.
 *   - error: <response><status>ERROR</status><error code="NNN">message</error></response>, codes 400
 *     (validation), 401 (auth), 404 (not found), 405 (HTTP verb), 409 (duplicate or ambiguous). HTTP status
 *     is 401 for code 401, 405 for code 405, and 200 for every other API-level error.
 *   - any path other than `/api/` → HTTP 404, text/html page "Not Found".
 */

const { XMLBuilder, XMLParser, XMLValidator } = require('fast-xml-parser');
const { ApiError } = require('./errors');

const XML_CONTENT_TYPE = 'text/xml; charset=UTF-8';
const NO_DATA = 'NO DATA';
const INVALID_XML = 'Invalid XML request';

const CDATA = '__cdata';
const TEXT = '#text';

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	processEntities: false,
	cdataPropName: CDATA,
});

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	textNodeName: TEXT,
	format: false,
	suppressEmptyNode: false,
	processEntities: true,
});

/**
 * The form field `data`, or undefined when the request carries none (or it is empty).
 * @param {Buffer} body raw request body
 * @param {string | undefined} contentType request header
 * @returns {string | undefined}
 */
function readDataField(body, contentType) {
	const mediaType = String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (mediaType !== 'application/x-www-form-urlencoded') return undefined;
	const data = new URLSearchParams(body.toString('utf8')).get('data');
	return data === null || data === '' ? undefined : data;
}

// Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF) and unpaired surrogates.
const FORBIDDEN_CHARS =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DOCTYPE = /<!DOCTYPE/i;
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_:][-\w.:]*));/g;
/** @type {Record<string, string>} */
const PREDEFINED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** @param {number} cp */
function isXmlChar(cp) {
	return (
		cp === 0x9 ||
		cp === 0xa ||
		cp === 0xd ||
		(cp >= 0x20 && cp <= 0xd7ff) ||
		(cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff)
	);
}

const invalidXml = () => new ApiError(400, INVALID_XML);

/**
 * Resolves entity and character references in raw (non-CDATA) element text.
 * @param {string} raw
 */
function decodeText(raw) {
	if (raw.replace(REFERENCE, '').includes('&')) throw invalidXml();
	return raw.replace(REFERENCE, (_match, hex, dec, name) => {
		if (name !== undefined) {
			if (!Object.prototype.hasOwnProperty.call(PREDEFINED, name)) throw invalidXml();
			return PREDEFINED[name];
		}
		const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec, 10);
		if (!isXmlChar(cp)) throw invalidXml();
		return String.fromCodePoint(cp);
	});
}

/**
 * The name of a preserveOrder node, or undefined for text/CDATA nodes.
 * @param {Record<string, any>} node
 */
function elementName(node) {
	return Object.keys(node).find((k) => k !== TEXT && k !== CDATA && k !== ':@');
}

/**
 * Text content of an element whose children are only text and CDATA; undefined if it has child elements.
 * @param {Array<Record<string, any>>} children
 * @returns {string | undefined}
 */
function leafText(children) {
	let text = '';
	for (const child of children) {
		if (Object.prototype.hasOwnProperty.call(child, TEXT)) text += decodeText(String(child[TEXT]));
		else if (Object.prototype.hasOwnProperty.call(child, CDATA)) {
			for (const part of child[CDATA]) text += String(part[TEXT] ?? '');
		} else return undefined;
	}
	return text;
}

/**
 * @typedef {{ key: string, method: string, params: Record<string, string>, paramError?: ApiError }} ParsedRequest
 */

/**
 * Parses the `data` document. Throws ApiError 400 `Invalid XML request` when it is not a well-formed
 * `<request>` document; parameter-level problems come back in `paramError` so the key is checked first.
 * @param {string} xml
 * @returns {ParsedRequest}
 */
function parseRequestXml(xml) {
	const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
	if (FORBIDDEN_CHARS.test(text) || DOCTYPE.test(text)) throw invalidXml();
	if (XMLValidator.validate(text) !== true) throw invalidXml();
	/** @type {Array<Record<string, any>>} */
	let doc;
	try {
		doc = parser.parse(text);
	} catch {
		throw invalidXml();
	}
	const roots = doc.filter((node) => elementName(node) !== undefined);
	const strayText = doc.some(
		(node) =>
			Object.prototype.hasOwnProperty.call(node, CDATA) || String(node[TEXT] ?? '').trim() !== '',
	);
	if (roots.length !== 1 || elementName(roots[0]) !== 'request' || strayText) throw invalidXml();

	/** @type {ParsedRequest} */
	const parsed = { key: '', method: '', params: {} };
	/** @type {Set<string>} */
	const seen = new Set();
	for (const child of roots[0].request) {
		const name = elementName(child);
		if (name === undefined) {
			// Text between parameters carries nothing, but must still be well-formed.
			if (Object.prototype.hasOwnProperty.call(child, TEXT)) decodeText(String(child[TEXT]));
			continue;
		}
		const value = leafText(child[name]);
		const duplicate = seen.has(name);
		seen.add(name);
		if (name === 'key' || name === 'method') {
			// A malformed <key>/<method> (nested or repeated) counts as missing.
			parsed[name] = value === undefined || duplicate ? '' : value;
			continue;
		}
		if (duplicate) {
			parsed.paramError ??= new ApiError(400, `Duplicate parameter: ${name}`);
			continue;
		}
		if (value === undefined) {
			parsed.paramError ??= new ApiError(400, `Invalid value for ${name}: expected text`);
			continue;
		}
		parsed.params[name] = value;
	}
	return parsed;
}

/**
 * A success answer. `payload` maps element names to a text value, a record object or an array of records; keys
 * keep their order (so `{ created: '1', partner: [rec] }` puts <created> first).
 * @param {Record<string, unknown>} payload
 */
function okAnswer(payload) {
	return build({ status: 'OK', ...payload });
}

/**
 * The same answer as okAnswer, in pieces of a record or so each: a long list goes out as it is
 * written, the way a server streams one, without first building the whole document.
 * @param {Record<string, unknown>} payload
 * @returns {Generator<string>}
 */
function* okAnswerPieces(payload) {
	const empty = build({});
	// `<?xml …?><response></response>`: split around the (empty) root's closing tag.
	const close = '</response>';
	yield empty.slice(0, empty.length - close.length);
	yield builder.build({ status: 'OK' });
	for (const [name, value] of Object.entries(payload)) {
		if (Array.isArray(value)) {
			for (const element of value) yield builder.build({ [name]: element });
		} else {
			yield builder.build({ [name]: value });
		}
	}
	yield close;
}

/**
 * @param {number} code
 * @param {string} message
 */
function errorAnswer(code, message) {
	return build({ status: 'ERROR', error: { '@_code': String(code), [TEXT]: message } });
}

/** @param {Record<string, unknown>} response */
function build(response) {
	return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, response });
}

/**
 * HTTP status for an API error code.
 * @param {number} code
 */
function httpStatusFor(code) {
	return code === 401 || code === 405 ? code : 200;
}

module.exports = {
	XML_CONTENT_TYPE,
	NO_DATA,
	INVALID_XML,
	readDataField,
	parseRequestXml,
	okAnswer,
	okAnswerPieces,
	errorAnswer,
	httpStatusFor,
};
