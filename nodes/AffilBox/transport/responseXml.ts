import type { IDataObject } from 'n8n-workflow';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reads AffilBox answers. The vendor never published its response schema, so every guess about the
 * dialect (root name, record wrappers, error envelopes, status words) lives in this one file, in the
 * constants just below. Pure functions only: no I/O, no n8n execution context.
 *
 * Value conventions (decided here, relied on by the operations):
 * - every value is a string exactly as sent (no number/boolean parsing: ids keep leading zeros);
 * - leading/trailing whitespace of each text and attribute value is trimmed (the server may
 *   pretty-print), whitespace inside a value is kept (` a  b ` becomes `a  b`); CDATA content is
 *   kept verbatim, without entity decoding;
 * - XML and numeric entities are decoded, and so are common HTML named entities (`&nbsp;`), which a
 *   PHP server may emit;
 * - attributes are kept with an `@` prefix (`@code`); an element with attributes and text keeps its
 *   text under `#text`; an empty element is `''`;
 * - nesting is kept as sent (a GetPartners `partner` keeps its `person`, `address`, `company`).
 */

export type AffilBoxRecordKind = 'conversion' | 'partner' | 'campaign' | 'click' | 'bonus';

export const AFFILBOX_RECORD_KINDS: readonly AffilBoxRecordKind[] = [
	'conversion',
	'partner',
	'campaign',
	'click',
	'bonus',
];

export interface AffilBoxAnswer {
	/** Name of the document's root element as sent; `''` when the body had several top-level elements. */
	rootName: string;
	/** Records of each kind, always arrays (empty when absent), wrapped or not. */
	records: Record<AffilBoxRecordKind, IDataObject[]>;
	/** Everything else at the top level (child elements, root attributes as `@name`), as sent. */
	fields: IDataObject;
}

export type AffilBoxAnswerProblem =
	| { kind: 'empty'; message: string }
	| { kind: 'notXml'; message: string; text: string }
	| { kind: 'apiError'; message: string; code?: string };

export type AffilBoxReadResult =
	| { ok: true; answer: AffilBoxAnswer }
	| { ok: false; problem: AffilBoxAnswerProblem };

// ---- Dialect guesses (all names compared case-insensitively) ------------------------------------

/** Plural wrappers seen or expected around repeated records (`<conversions><conversion>…`). */
const PLURAL_WRAPPERS: Record<string, AffilBoxRecordKind> = {
	conversions: 'conversion',
	partners: 'partner',
	campaigns: 'campaign',
	clicks: 'click',
	bonuses: 'bonus',
};

/** Generic containers a server may put the records in (`<data><conversion>…`). */
const GENERIC_WRAPPERS = [
	'data',
	'items',
	'list',
	'records',
	'rows',
	'results',
	'result',
	'response',
];

/** Error elements (`chyba`/`chyby`: Czech error/errors). */
const ERROR_NAMES = ['error', 'errors', 'chyba', 'chyby'];

/** Top-level elements or root attributes whose text says whether the call succeeded. */
const STATUS_NAMES = ['status', 'result', 'state', 'stav', 'success'];

/** Status texts meaning success; any other non-empty status text is a failure. */
const SUCCESS_WORDS = ['ok', 'success', 'successful', '1', 'true', 'yes', 'ano', 'done'];

/** A top-level `state`/`stav` holding one of these is conversion data (wrapper-less answer). */
const CONVERSION_STATE_NAMES = ['state', 'stav'];
const CONVERSION_STATES = ['waiting', 'rejection', 'authorized', 'invoiced'];

/** Error-element or error-attribute texts meaning "no error" (`<error>0</error>`). */
const NO_ERROR_WORDS = ['0', 'false', 'no', 'ne', 'none', 'ok'];

/** Error-attribute texts that only flag an error (`error="1"`), so the message must come from elsewhere. */
const ERROR_FLAG_WORDS = ['1', 'true', 'yes'];

/** Where an error's human text may be (`zprava`: Czech message). */
const MESSAGE_NAMES = [
	'message',
	'msg',
	'text',
	'zprava',
	'zpráva',
	'popis',
	'description',
	'detail',
];

/** Where an error's code may be (`kod`: Czech code). */
const CODE_NAMES = ['code', 'kod', 'kód', 'errorcode', 'error_code'];

/** Longest server text kept in a problem (the text may be a whole page). */
const MAX_TEXT = 500;
/** Longest server text repeated inside a problem's message. */
const MAX_MESSAGE_TEXT = 200;

/** Name of the element wrapped around a body that has several top-level elements. */
const SYNTHETIC_ROOT = 'affilbox-synthetic-root';

// ---- Parsing ------------------------------------------------------------------------------------

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	textNodeName: '#text',
	// Values stay strings exactly as sent: ids such as "007" must not become numbers.
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
	// Without it numeric entities (`&#233;`) stay undecoded; also decodes `&nbsp;` and the like.
	htmlEntities: true,
});

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

function lower(name: string): string {
	return name.toLowerCase();
}

function isAttribute(key: string): boolean {
	return key.startsWith('@');
}

/** Keys of an element's child elements (not attributes, not its text). */
function childKeys(element: IDataObject): string[] {
	return Object.keys(element).filter((key) => !isAttribute(key) && key !== '#text');
}

/** First child element whose name is in `names` (case-insensitive). */
function findChild(element: IDataObject, names: string[]): unknown {
	const key = childKeys(element).find((candidate) => names.includes(lower(candidate)));
	return key === undefined ? undefined : element[key];
}

/** First attribute whose name (without `@`) is in `names` (case-insensitive). */
function findAttribute(element: IDataObject, names: string[]): string | undefined {
	const key = Object.keys(element).find(
		(candidate) => isAttribute(candidate) && names.includes(lower(candidate.slice(1))),
	);
	const value = key === undefined ? undefined : element[key];
	return typeof value === 'string' ? value : undefined;
}

/**
 * Text of a scalar element: the string itself, or `#text` of an element with attributes. Undefined
 * for an element with child elements (that is a container, not a scalar).
 */
function scalarText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (!isObject(value) || childKeys(value).length > 0) return undefined;
	return typeof value['#text'] === 'string' ? value['#text'] : '';
}

function firstText(values: unknown[]): string | undefined {
	for (const value of values) {
		for (const one of asArray(value)) {
			const text = scalarText(one);
			if (text) return text;
		}
	}
	return undefined;
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ---- Error envelopes ----------------------------------------------------------------------------

interface FoundError {
	message: string;
	code?: string;
}

function meaningfulCode(code: string | undefined): string | undefined {
	return code && code !== '0' ? code : undefined;
}

/** Reads one `error`/`errors`/`chyba` element; undefined when it says nothing (empty, `0`…). */
function describeError(value: unknown): FoundError | undefined {
	if (Array.isArray(value)) return combineErrors(value.map(describeError));
	if (typeof value === 'string') {
		return value && !NO_ERROR_WORDS.includes(lower(value)) ? { message: value } : undefined;
	}
	if (!isObject(value)) return undefined;

	const code = meaningfulCode(
		findAttribute(value, CODE_NAMES) ?? scalarText(findChild(value, CODE_NAMES)),
	);
	const ownText = typeof value['#text'] === 'string' ? value['#text'] : '';
	const message =
		(ownText && !NO_ERROR_WORDS.includes(lower(ownText)) ? ownText : undefined) ??
		firstText([findChild(value, MESSAGE_NAMES)]) ??
		findAttribute(value, MESSAGE_NAMES);
	if (message) return { message, code };

	// `<errors><error>…</error>…</errors>`: the inner elements carry the text.
	const nested = combineErrors(asArray(findChild(value, ERROR_NAMES)).map(describeError));
	if (nested) return { message: nested.message, code: code ?? nested.code };

	return code ? { message: `AffilBox answered with error ${code}`, code } : undefined;
}

function combineErrors(errors: Array<FoundError | undefined>): FoundError | undefined {
	const found = errors.filter((error): error is FoundError => error !== undefined);
	if (found.length === 0) return undefined;
	const messages = [...new Set(found.map((error) => error.message))];
	return { message: messages.join('; '), code: found.find((error) => error.code)?.code };
}

/** Error elements directly under the root, or one level below (but not inside records). */
function findErrorElements(root: IDataObject): FoundError | undefined {
	const found: Array<FoundError | undefined> = [];
	for (const key of childKeys(root)) {
		const name = lower(key);
		if (ERROR_NAMES.includes(name)) {
			found.push(describeError(root[key]));
			continue;
		}
		if (singularKind(name)) continue;
		for (const child of asArray(root[key])) {
			if (!isObject(child)) continue;
			for (const innerKey of childKeys(child)) {
				if (ERROR_NAMES.includes(lower(innerKey))) found.push(describeError(child[innerKey]));
			}
		}
	}
	return combineErrors(found);
}

function isFailureStatus(name: string, text: string): boolean {
	const word = lower(text);
	if (!word || SUCCESS_WORDS.includes(word)) return false;
	return !(CONVERSION_STATE_NAMES.includes(name) && CONVERSION_STATES.includes(word));
}

/** Message and code for a failed status, from wherever the answer put them. */
function statusFailure(root: IDataObject, status: string, statusElement?: unknown): FoundError {
	const message =
		firstText([findChild(root, MESSAGE_NAMES)]) ??
		findAttribute(root, MESSAGE_NAMES) ??
		`AffilBox answered with status ${status}`;
	const code = meaningfulCode(
		(isObject(statusElement) ? findAttribute(statusElement, CODE_NAMES) : undefined) ??
			firstText([findChild(root, CODE_NAMES)]) ??
			findAttribute(root, CODE_NAMES),
	);
	return { message, code };
}

/** Error attributes on the root: `<response status="error" message="…">`, `error="…"`. */
function findRootAttributeError(root: IDataObject): FoundError | undefined {
	const errorText = findAttribute(root, ERROR_NAMES);
	if (errorText && !NO_ERROR_WORDS.includes(lower(errorText))) {
		const message =
			findAttribute(root, MESSAGE_NAMES) ??
			(ERROR_FLAG_WORDS.includes(lower(errorText)) ? 'AffilBox answered with an error' : errorText);
		return { message, code: meaningfulCode(findAttribute(root, CODE_NAMES)) };
	}
	for (const key of Object.keys(root)) {
		if (!isAttribute(key)) continue;
		const name = lower(key.slice(1));
		const text = root[key];
		if (STATUS_NAMES.includes(name) && typeof text === 'string' && isFailureStatus(name, text)) {
			return statusFailure(root, text);
		}
	}
	return undefined;
}

/** Top-level status-like elements (children of the root only; records' own `state` is data). */
function findStatusError(root: IDataObject): FoundError | undefined {
	for (const key of childKeys(root)) {
		const name = lower(key);
		if (!STATUS_NAMES.includes(name)) continue;
		for (const element of asArray(root[key])) {
			// A `<result>` with child elements is a container, not a status.
			const text = scalarText(element);
			if (text === undefined || !isFailureStatus(name, text)) continue;
			return statusFailure(root, text, element);
		}
	}
	return undefined;
}

function findApiError(rootName: string, root: IDataObject): FoundError | undefined {
	if (ERROR_NAMES.includes(lower(rootName))) return describeError(root);
	// An error element carries the best message, so it wins over a bare status or attribute.
	return findErrorElements(root) ?? findRootAttributeError(root) ?? findStatusError(root);
}

// ---- Records ------------------------------------------------------------------------------------

function singularKind(name: string): AffilBoxRecordKind | undefined {
	return AFFILBOX_RECORD_KINDS.find((kind) => kind === name);
}

function emptyRecords(): Record<AffilBoxRecordKind, IDataObject[]> {
	return { conversion: [], partner: [], campaign: [], click: [], bonus: [] };
}

function toRecords(value: unknown): IDataObject[] {
	const records: IDataObject[] = [];
	for (const one of asArray(value)) {
		if (isObject(one)) records.push(one);
		// `<conversion/>` is no record; `<click>5</click>` keeps its text like any attribute-less value.
		else if (typeof one === 'string' && one !== '') records.push({ '#text': one });
	}
	return records;
}

/**
 * Moves records out of `container` into `records` and returns what is left. Depth 0 is the root:
 * records, plural wrappers and generic wrappers; depth 1 is inside a generic wrapper: records and
 * plural wrappers; depth 2 is inside a plural wrapper: records only. Deeper elements are data.
 */
function takeRecords(
	container: IDataObject,
	records: Record<AffilBoxRecordKind, IDataObject[]>,
	depth: number,
): { rest: IDataObject; took: boolean } {
	const rest: IDataObject = {};
	let took = false;
	for (const key of Object.keys(container)) {
		const value = container[key];
		const name = lower(key);
		const kind = isAttribute(key) || key === '#text' ? undefined : singularKind(name);
		if (kind) {
			records[kind].push(...toRecords(value));
			took = true;
			continue;
		}
		const isPlural = depth <= 1 && PLURAL_WRAPPERS[name] !== undefined;
		const isGeneric = depth === 0 && GENERIC_WRAPPERS.includes(name);
		if (!isPlural && !isGeneric) {
			rest[key] = value;
			continue;
		}
		const kept: unknown[] = [];
		let tookHere = false;
		for (const wrapper of asArray(value)) {
			if (isObject(wrapper)) {
				const inner = takeRecords(wrapper, records, isPlural ? 2 : 1);
				tookHere = tookHere || inner.took;
				if (Object.keys(inner.rest).length > 0) kept.push(inner.rest);
			} else if (isPlural && wrapper === '') {
				// `<conversions/>`: an empty list.
				tookHere = true;
			} else {
				kept.push(wrapper);
			}
		}
		took = took || tookHere;
		if (!tookHere) rest[key] = value;
		else if (kept.length > 0) rest[key] = (kept.length === 1 ? kept[0] : kept) as IDataObject;
	}
	return { rest, took };
}

function buildAnswer(rootName: string, root: IDataObject, rootValue: unknown): AffilBoxAnswer {
	const records = emptyRecords();
	// Wrapper-less answer whose root is itself one record (`<conversion>…</conversion>`).
	const rootKind = singularKind(lower(rootName));
	if (rootKind) {
		records[rootKind].push(...toRecords(rootValue));
		return { rootName, records, fields: {} };
	}
	// `<partners><partner>…</partner></partners>` as the whole document.
	const wrapperKind = PLURAL_WRAPPERS[lower(rootName)];
	const { rest } = takeRecords(root, records, wrapperKind ? 1 : 0);
	return { rootName, records, fields: rest };
}

// ---- Plain text and HTML ------------------------------------------------------------------------

function fromCodePoint(code: number): string {
	return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

function decodeBasicEntities(text: string): string {
	return text
		.replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d{1,7});/g, (_, dec: string) => fromCodePoint(parseInt(dec, 10)))
		.replace(/&nbsp;/gi, ' ')
		.replace(/&lt;/gi, '<')
		.replace(/&gt;/gi, '>')
		.replace(/&quot;/gi, '"')
		.replace(/&apos;/gi, "'")
		.replace(/&amp;/gi, '&');
}

/** Visible text of an HTML page, whitespace collapsed. */
function htmlToText(html: string): string {
	const text = html
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<[^>]*>/g, ' ');
	return decodeBasicEntities(text).replace(/\s+/g, ' ').trim();
}

function htmlTitle(html: string): string | undefined {
	const match = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
	const title = match ? decodeBasicEntities(match[1]).replace(/\s+/g, ' ').trim() : '';
	return title || undefined;
}

/** A page that announces itself as HTML; other HTML shows up as malformed XML or an `html` root. */
function looksLikeHtml(body: string): boolean {
	return /^(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html\b|<html[\s>])/i.test(body);
}

function htmlProblem(body: string): AffilBoxReadResult {
	const pageText = htmlToText(body);
	const summary = htmlTitle(body) ?? (truncate(pageText, MAX_MESSAGE_TEXT) || 'no text');
	return {
		ok: false,
		problem: {
			kind: 'notXml',
			message: `AffilBox answered with an HTML page instead of XML: ${summary}`,
			text: truncate(pageText, MAX_TEXT),
		},
	};
}

function notXml(message: string, body: string): AffilBoxReadResult {
	return { ok: false, problem: { kind: 'notXml', message, text: truncate(body, MAX_TEXT) } };
}

// ---- Entry point --------------------------------------------------------------------------------

function validationError(xml: string): { message: string; line?: number } | undefined {
	// The validator lets text after a self-closing root through (`<response/>NO DATA`).
	if (!xml.endsWith('>')) return { message: 'Extra text at the end', line: xml.split('\n').length };
	const result = XMLValidator.validate(xml);
	if (result === true) return undefined;
	return { message: result.err.msg, line: result.err.line };
}

/** Reads an AffilBox answer body leniently: records, top-level fields, or what went wrong. */
export function readAffilBoxAnswer(body: string): AffilBoxReadResult {
	const text = (typeof body === 'string' ? body : '').replace(/^\uFEFF/, '').trim();
	if (text === '') {
		return {
			ok: false,
			problem: { kind: 'empty', message: 'AffilBox answered with an empty body' },
		};
	}
	if (!text.startsWith('<')) {
		return notXml(
			`AffilBox answered with text instead of XML: ${truncate(text, MAX_MESSAGE_TEXT)}`,
			text,
		);
	}
	if (looksLikeHtml(text)) return htmlProblem(text);

	let xml = text;
	let invalid = validationError(xml);
	let synthetic = false;
	if (invalid && /multiple possible root/i.test(invalid.message)) {
		// Records sent with no root at all (`<conversion>…</conversion><conversion>…</conversion>`).
		const wrapped = `<${SYNTHETIC_ROOT}>${text.replace(/^<\?xml[^>]*\?>/i, '')}</${SYNTHETIC_ROOT}>`;
		if (!validationError(wrapped)) {
			xml = wrapped;
			invalid = undefined;
			synthetic = true;
		}
	}
	if (invalid) {
		// HTML is rarely well-formed XML: a page whose markup breaks the validator is still a page.
		if (/<html[\s>]/i.test(text)) return htmlProblem(text);
		const where = invalid.line === undefined ? '' : ` (line ${invalid.line})`;
		return notXml(`AffilBox answered with malformed XML${where}: ${invalid.message}`, text);
	}

	let parsed: IDataObject;
	try {
		parsed = parser.parse(xml) as IDataObject;
	} catch (error) {
		// The parser refuses a few things the validator lets through (e.g. an element named `__proto__`).
		return notXml(
			`AffilBox answered with XML that could not be read: ${(error as Error).message}`,
			text,
		);
	}

	const rootNames = Object.keys(parsed);
	if (rootNames.length === 0)
		return notXml('AffilBox answered with XML that has no root element', text);
	// The validator lets several self-closing top-level elements through (`<a/><b/>`): read them
	// like a body wrapped in a root.
	if (rootNames.length > 1 || Array.isArray(parsed[rootNames[0]])) {
		parsed = { [SYNTHETIC_ROOT]: parsed };
		synthetic = true;
	}
	const rootName = synthetic ? '' : rootNames[0];
	const rootValue = synthetic ? parsed[SYNTHETIC_ROOT] : parsed[rootNames[0]];
	if (lower(rootName) === 'html') return htmlProblem(text);

	// A root holding only text (`<response>done</response>`) keeps it under `#text`.
	const root: IDataObject = isObject(rootValue)
		? rootValue
		: typeof rootValue === 'string' && rootValue !== ''
			? { '#text': rootValue }
			: {};

	// A record document is data throughout: its own `state` or `status` is no envelope.
	if (!singularKind(lower(rootName))) {
		const error = findApiError(rootName, root);
		if (error) {
			const problem: AffilBoxAnswerProblem = { kind: 'apiError', message: error.message };
			if (error.code !== undefined) problem.code = error.code;
			return { ok: false, problem };
		}
	}
	return { ok: true, answer: buildAnswer(rootName, root, rootValue) };
}

// ---- Helpers for the operations -----------------------------------------------------------------

/** Top-level keys that belong to the envelope, not to a record sent without a wrapper. */
function isEnvelopeField(key: string, value: unknown): boolean {
	if (isAttribute(key) || key === '#text') return true;
	const name = lower(key);
	if (ERROR_NAMES.includes(name) || ['message', 'msg', 'zprava'].includes(name)) return true;
	if (!STATUS_NAMES.includes(name)) return false;
	// Only a success word is envelope: a top-level `state` of `rejection` is the record's data.
	const text = scalarText(value);
	return text !== undefined && SUCCESS_WORDS.includes(lower(text));
}

/**
 * The first record of a kind. When the answer has none but carries data fields at the top level
 * (a wrapper-less answer such as `<response><status>OK</status><id>7</id><state>waiting</state>`),
 * those fields without the envelope (status, message, error, root attributes) are returned instead.
 */
export function firstRecord(
	answer: AffilBoxAnswer,
	kind: AffilBoxRecordKind,
): IDataObject | undefined {
	const record = answer.records[kind][0];
	if (record) return record;
	const hasOtherRecords = AFFILBOX_RECORD_KINDS.some((other) => answer.records[other].length > 0);
	if (hasOtherRecords) return undefined;
	const data: IDataObject = {};
	for (const [key, value] of Object.entries(answer.fields)) {
		if (!isEnvelopeField(key, value)) data[key] = value;
	}
	return Object.keys(data).length > 0 ? data : undefined;
}
