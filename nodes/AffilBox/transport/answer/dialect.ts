import type { IDataObject } from 'n8n-workflow';

import { AFFILBOX_RECORD_KINDS, type AffilBoxRecordKind } from './types';

/**
 * The AffilBox answer dialect: the vendor never published its response schema, so every guess about
 * it (root name, record wrappers, error envelopes, status words) lives here, with the pure functions
 * that read an answer's envelope (everything but its records) for errors. The streaming reader
 * (reader.ts) decides with these names which elements are records and wrappers.
 */

// ---- Dialect guesses (all names compared case-insensitively) ------------------------------------

/** Plural wrappers seen or expected around repeated records (`<conversions><conversion>…`). */
export const PLURAL_WRAPPERS: Record<string, AffilBoxRecordKind> = {
	conversions: 'conversion',
	partners: 'partner',
	campaigns: 'campaign',
	clicks: 'click',
	bonuses: 'bonus',
};

/** Generic containers a server may put the records in (`<data><conversion>…`). */
export const GENERIC_WRAPPERS = [
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

export function isObject(value: unknown): value is IDataObject {
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

// ---- Error envelopes ----------------------------------------------------------------------------

export interface FoundError {
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

/**
 * The envelope as the reader hands it over: the root's name, its fields without the records, and
 * what is left of the wrappers whose records were handed out (`recordHolders`): such a `<result>`
 * held child elements, so it is a container even when only its text is left, never a status.
 */
export interface ReadEnvelope {
	rootName: string;
	fields: IDataObject;
	recordHolders: ReadonlySet<IDataObject>;
}

/** Top-level status-like elements (children of the root only; records' own `state` is data). */
function findStatusError(
	root: IDataObject,
	recordHolders: ReadonlySet<IDataObject>,
): FoundError | undefined {
	for (const key of childKeys(root)) {
		const name = lower(key);
		if (!STATUS_NAMES.includes(name)) continue;
		for (const element of asArray(root[key])) {
			// A `<result>` with child elements is a container, not a status.
			if (isObject(element) && recordHolders.has(element)) continue;
			const text = scalarText(element);
			if (text === undefined || !isFailureStatus(name, text)) continue;
			return statusFailure(root, text, element);
		}
	}
	return undefined;
}

/** The error an answer's envelope reports, if any (`root` without its records). */
export function findApiError(envelope: ReadEnvelope): FoundError | undefined {
	const { rootName, fields: root } = envelope;
	if (ERROR_NAMES.includes(lower(rootName))) return describeError(root);
	// An error element carries the best message, so it wins over a bare status or attribute.
	return (
		findErrorElements(root) ??
		findRootAttributeError(root) ??
		findStatusError(root, envelope.recordHolders)
	);
}

export function singularKind(name: string): AffilBoxRecordKind | undefined {
	return AFFILBOX_RECORD_KINDS.find((kind) => kind === name);
}

export function emptyRecords(): Record<AffilBoxRecordKind, IDataObject[]> {
	return { conversion: [], partner: [], campaign: [], click: [], bonus: [] };
}

/** A record element's value as a record: `<conversion/>` is none, `<click>5</click>` keeps its text. */
export function recordOf(value: unknown): IDataObject | undefined {
	if (isObject(value)) return value;
	return typeof value === 'string' && value !== '' ? { '#text': value } : undefined;
}
