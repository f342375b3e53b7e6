import type { IDataObject } from 'n8n-workflow';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { GENERIC_WRAPPERS, PLURAL_WRAPPERS, findApiError, recordOf, singularKind } from './dialect';
import {
	EMPTY_ANSWER,
	htmlProblem,
	looksLikeHtml,
	mentionsHtml,
	notXmlProblem,
	plainTextProblem,
} from './text';
import type {
	AffilBoxAnswerProblem,
	AffilBoxEnvelope,
	AffilBoxRecordKind,
	RecordHandler,
} from './types';

/**
 * Reads an AffilBox answer as it arrives, text chunk by text chunk, in one pass and without building
 * the document: each record is handed to the caller when its closing tag is read, and only the
 * envelope (the few elements around the records) is kept, to look for errors at the end. The rules
 * of the dialect (dialect.ts) decide what is a record and what a wrapper:
 * - the root may itself be a record (`<conversion>…</conversion>`), or a plural wrapper;
 * - under the root: records, plural wrappers (`<conversions>`, records inside) and generic wrappers
 *   (`<data>`, records and plural wrappers inside); anything deeper is a record's or field's data;
 * - a body with several top-level elements reads as if they had a common root (name `''`).
 * Records come in document order. Element values follow types.ts's conventions.
 */

export type AnswerEnd =
	| { ok: true; envelope: AffilBoxEnvelope; records: number; complete: boolean }
	| { ok: false; problem: AffilBoxAnswerProblem };

/** How much of a body is looked at before deciding whether it is XML, text or an HTML page. */
const HEAD_CHARS = 1024;
/** The start of every body is kept this far, for the error message of a malformed one. */
const SEEN_CHARS = 64 * 1024;
/** A text, HTML or malformed body is read this far for its problem, then reading stops. */
const CAPTURE_CHARS = 1024 * 1024;

/** HTML entities a PHP server may send; other unknown named entities stay as sent. */
const HTML_ENTITIES: Record<string, string> = {
	nbsp: '\u00a0',
	copy: '©',
	reg: '®',
	trade: '™',
	mdash: '—',
	ndash: '–',
	hellip: '…',
	laquo: '«',
	raquo: '»',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	bdquo: '„',
	sbquo: '‚',
	bull: '•',
	para: '¶',
	sect: '§',
	deg: '°',
	frac12: '½',
	frac14: '¼',
	frac34: '¾',
	cent: '¢',
	pound: '£',
	yen: '¥',
	euro: '€',
	curren: '¤',
	dollar: '$',
};

/**
 * Slips the parser reports but today's answers may contain, read as before: an unknown entity stays
 * as sent, a control character or `]]>` in text stays in the value.
 */
const TOLERATED = new Set([
	'undefined entity.',
	'disallowed character.',
	'the string "]]>" is disallowed in char data.',
]);

/**
 * The parser's entities with HTML_ENTITIES added, made once and shared by every parser (a parser
 * only reads them): each answer used to copy them into its own parser, a tenth of a short answer's
 * reading. Same lookup: the HTML names on the object, the XML ones on its prototype, as saxes has them.
 */
let sharedEntities: Record<string, string> | undefined;

function entitiesFor(
	parser: SaxesParser<{ position: true; xmlns: false }>,
): Record<string, string> {
	sharedEntities ??= Object.assign(
		Object.create(Object.getPrototypeOf(parser.ENTITIES) as object) as Record<string, string>,
		HTML_ENTITIES,
	);
	return sharedEntities;
}

/**
 * Element names read so far, copied (see own): every answer has the same few, so each is copied
 * once per process, not once per answer. Bounded: past it, a new name is copied each time again.
 */
const NAMES = new Map<string, string>();
const MAX_NAMES = 10_000;

type Role = 'record' | 'data' | 'container';

interface Frame {
	name: string;
	role: Role;
	kind?: AffilBoxRecordKind;
	/** Container: 0 the root, 1 inside a generic wrapper or a plural root, 2 inside a plural wrapper. */
	depth: number;
	/** Container that is a plural wrapper: empty, it is an empty list and leaves no field behind. */
	plural: boolean;
	attributes?: Record<string, string>;
	children?: IDataObject;
	text: string;
	/** Container: records (or empty plural wrappers) were taken out of it. */
	took: boolean;
	line: number;
	col: number;
}

type Mode = 'head' | 'xml' | 'capture' | 'done';

/**
 * V8 keeps a whole chunk alive for any slice of it that is kept (13 characters or more): values
 * that outlive the chunk are copied.
 */
function own(text: string): string {
	return text.length < 13 ? text : (' ' + text).slice(1);
}

function addChild(parent: Frame, name: string, value: unknown): void {
	const children = (parent.children ??= {});
	const existing = children[name];
	if (existing === undefined) children[name] = value as IDataObject;
	else if (Array.isArray(existing)) existing.push(value as IDataObject);
	else children[name] = [existing, value] as IDataObject[];
}

/** The element as an object: child elements, then `#text`, then attributes (`@name`). */
function objectOf(frame: Frame): IDataObject {
	const value: IDataObject = frame.children ?? {};
	if (frame.text !== '') value['#text'] = own(frame.text);
	if (frame.attributes) {
		for (const name in frame.attributes) value[`@${name}`] = own(frame.attributes[name].trim());
	}
	return value;
}

/** The element's value: its text when it has neither children nor attributes, else an object. */
function valueOf(frame: Frame): unknown {
	if (frame.children === undefined && frame.attributes === undefined) return own(frame.text);
	return objectOf(frame);
}

/** Whether an object has any own key, without listing them all (saxes's attribute objects, rests). */
function hasKeys(object: object): boolean {
	for (const key in object) if (key !== undefined) return true;
	return false;
}

function capitalised(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export class AnswerReader {
	private mode: Mode = 'head';
	private readonly parser = new SaxesParser<{ position: true; xmlns: false }>({
		position: true,
		xmlns: false,
	});
	private readonly stack: Frame[] = [];
	/** What is left of wrappers whose records went out, handed to the dialect with the envelope. */
	private readonly recordHolders = new Set<IDataObject>();
	/** What was written while deciding what the body is. */
	private head = '';
	private seen = '';
	private seenComplete = true;
	private rootName: string | undefined;
	/** The root (or the common root of several top-level elements) once closed or made up. */
	private root: Frame | undefined;
	private rootIsRecord = false;
	private synthetic = false;
	private tagStart = { line: 1, col: 1 };
	private lastClosed: { name: string; line: number; col: number } | undefined;
	private mismatch:
		| { expected: { name: string; line: number; col: number }; line: number }
		| undefined;
	private problem: AffilBoxAnswerProblem | undefined;
	/** Set when the body turned out to be no XML answer: the detail of a malformed one. */
	private capture: { kind: 'text' | 'html' } | { kind: 'malformed'; message: string } | undefined;
	private recordCount = 0;
	private stopped = false;

	constructor(private readonly onRecord: RecordHandler) {
		this.parser.ENTITIES = entitiesFor(this.parser);
		this.parser.on('opentagstart', (tag) => this.tagStarted(tag.name));
		this.parser.on('opentag', (tag) => this.opened(tag));
		this.parser.on('closetag', () => this.closed());
		this.parser.on('text', (text) => this.addText(text.trim()));
		this.parser.on('cdata', (text) => this.addText(text));
		this.parser.on('error', (error) => this.parserError(error.message));
	}

	/** True once nothing more needs to be read: enough records, or the body is no answer. */
	get finished(): boolean {
		return this.mode === 'done';
	}

	/** Reads the next piece of the body (decoded text). */
	write(text: string): void {
		if (this.mode === 'done' || text === '') return;
		this.keepSeen(text);
		if (this.mode === 'head') {
			this.head += text;
			if (this.head.length >= HEAD_CHARS) this.decide(false);
			return;
		}
		if (this.mode === 'capture') {
			if (!this.seenComplete || this.seen.length >= CAPTURE_CHARS) this.mode = 'done';
			return;
		}
		this.feed(text);
	}

	/** Says the body has ended (or that reading stopped) and gives what it held. */
	end(): AnswerEnd {
		if (this.mode === 'head') this.decide(true);
		if (this.mode === 'xml') {
			this.parser.close();
			if (this.mode === 'xml') this.mode = 'done';
		}
		if (this.problem) return { ok: false, problem: this.problem };
		if (this.capture) return { ok: false, problem: this.captureProblem() };
		return this.envelope();
	}

	private keepSeen(text: string): void {
		const limit = this.mode === 'xml' ? SEEN_CHARS : CAPTURE_CHARS;
		if (!this.seenComplete) return;
		if (this.seen.length + text.length <= limit) {
			this.seen += text;
			return;
		}
		this.seen += text.slice(0, Math.max(0, limit - this.seen.length));
		this.seenComplete = false;
	}

	private decide(atEnd: boolean): void {
		const start = this.head.replace(/^\uFEFF/, '').trimStart();
		if (start === '' && !atEnd && this.head.length < CAPTURE_CHARS) return;
		this.head = '';
		// Only whitespace: an empty answer (its captured text, trimmed, is empty).
		if (start === '') {
			this.startCapture({ kind: 'text' });
			return;
		}
		if (!start.startsWith('<')) {
			this.startCapture({ kind: 'text' });
			return;
		}
		if (looksLikeHtml(start)) {
			this.startCapture({ kind: 'html' });
			return;
		}
		this.mode = 'xml';
		// The declaration says nothing the reader uses (the body is UTF-8 text by now) and a server may
		// get it wrong: it is left out, its line breaks kept so that line numbers stay right.
		this.feed(
			start.replace(/^<\?xml\b[^>]*>/i, (declaration) =>
				declaration.includes('\n') ? declaration.replace(/[^\n]/g, '') : '',
			),
		);
	}

	private startCapture(capture: NonNullable<AnswerReader['capture']>): void {
		this.capture = capture;
		this.mode = this.seenComplete && this.seen.length < CAPTURE_CHARS ? 'capture' : 'done';
	}

	private feed(text: string): void {
		this.parser.write(text);
		this.settleMismatch();
	}

	private captureProblem(): AffilBoxAnswerProblem {
		const body = this.seen.replace(/^\uFEFF/, '').trim();
		const capture = this.capture!;
		if (capture.kind === 'text') return body === '' ? EMPTY_ANSWER : plainTextProblem(body);
		if (capture.kind === 'html' || mentionsHtml(body)) return htmlProblem(body);
		return notXmlProblem((capture as { message: string }).message, body);
	}

	private envelope(): AnswerEnd {
		if (this.rootName === undefined) {
			return {
				ok: false,
				problem: notXmlProblem(
					'AffilBox answered with XML that has no root element',
					this.seen.trim(),
				),
			};
		}
		const complete = !this.stopped;
		if (this.rootIsRecord) {
			return {
				ok: true,
				envelope: { rootName: this.rootName, fields: {} },
				records: this.recordCount,
				complete,
			};
		}
		const root = this.root ?? this.stack[0];
		const fields = root ? objectOf(root) : {};
		const error = findApiError({
			rootName: this.rootName,
			fields,
			recordHolders: this.recordHolders,
		});
		if (error) {
			const problem: AffilBoxAnswerProblem = { kind: 'apiError', message: error.message };
			if (error.code !== undefined) problem.code = error.code;
			return { ok: false, problem };
		}
		return {
			ok: true,
			envelope: { rootName: this.rootName, fields },
			records: this.recordCount,
			complete,
		};
	}

	// ---- Parser events ----------------------------------------------------------------------------

	/** The element's name, never a slice of the chunk it was read from (see own). */
	private intern(name: string): string {
		let kept = NAMES.get(name);
		if (kept === undefined) {
			kept = own(name);
			if (NAMES.size < MAX_NAMES) NAMES.set(kept, kept);
		}
		return kept;
	}

	private tagStarted(name: string): void {
		this.settleMismatch();
		// The parser has read `<`, the name and one more character: the tag starts that far back.
		this.tagStart = {
			line: this.parser.line,
			col: Math.max(1, this.parser.columnIndex - name.length - 1),
		};
	}

	private opened(tag: SaxesTagPlain): void {
		if (this.mode !== 'xml') return;
		const name = this.intern(tag.name);
		if (name === '__proto__') {
			this.fail('AffilBox answered with XML that could not be read: an element is named __proto__');
			return;
		}
		const parent = this.stack[this.stack.length - 1];
		const frame: Frame = {
			name,
			role: 'data',
			depth: 0,
			plural: false,
			text: '',
			took: false,
			line: this.tagStart.line,
			col: this.tagStart.col,
		};
		if (hasKeys(tag.attributes)) frame.attributes = tag.attributes;
		if (parent === undefined) {
			const lowered = name.toLowerCase();
			if (lowered === 'html') {
				this.startCapture({ kind: 'html' });
				return;
			}
			this.rootName = name;
			frame.kind = singularKind(lowered);
			this.rootIsRecord = frame.kind !== undefined;
			frame.role = frame.kind ? 'record' : 'container';
			frame.depth = PLURAL_WRAPPERS[lowered] ? 1 : 0;
		} else if (parent.role === 'container') {
			this.classify(frame, parent);
		}
		this.stack.push(frame);
	}

	/** Inside the root or a wrapper: record, wrapper or plain data (takeRecords of the tree reader). */
	private classify(frame: Frame, parent: Frame): void {
		const lowered = frame.name.toLowerCase();
		frame.kind = singularKind(lowered);
		if (frame.kind) {
			frame.role = 'record';
		} else if (parent.depth <= 1 && PLURAL_WRAPPERS[lowered]) {
			frame.role = 'container';
			frame.depth = 2;
			frame.plural = true;
		} else if (parent.depth === 0 && GENERIC_WRAPPERS.includes(lowered)) {
			frame.role = 'container';
			frame.depth = 1;
		}
	}

	private addText(text: string): void {
		this.settleMismatch();
		if (this.mode !== 'xml' || text === '') return;
		const frame = this.stack[this.stack.length - 1];
		if (frame === undefined) return;
		frame.text = frame.text === '' ? text : frame.text + text;
	}

	private closed(): void {
		const frame = this.stack.pop();
		if (frame === undefined) return;
		this.lastClosed = { name: frame.name, line: frame.line, col: frame.col };
		if (this.mode !== 'xml' || this.mismatch) return;
		const parent = this.stack[this.stack.length - 1];
		if (parent === undefined) this.root = frame;
		this.settle(frame, parent);
	}

	/** A closed element goes to the caller (a record) or into its parent (the envelope). */
	private settle(frame: Frame, parent: Frame | undefined): void {
		if (frame.role === 'record') {
			if (parent) parent.took = true;
			const record = recordOf(valueOf(frame));
			if (record) this.deliver(frame.kind!, record);
			return;
		}
		if (parent === undefined) return;
		if (frame.role === 'data') {
			addChild(parent, frame.name, valueOf(frame));
			return;
		}
		// A wrapper: what is left once its records are out, if anything.
		if (frame.took) {
			parent.took = true;
			const rest = objectOf(frame);
			this.recordHolders.add(rest);
			if (hasKeys(rest)) addChild(parent, frame.name, rest);
			return;
		}
		const value = valueOf(frame);
		if (frame.plural && value === '') parent.took = true;
		else addChild(parent, frame.name, value);
	}

	private deliver(kind: AffilBoxRecordKind, record: IDataObject): void {
		if (this.stopped) return;
		this.recordCount++;
		if (this.onRecord(kind, record) === false) {
			this.stopped = true;
			this.mode = 'done';
		}
	}

	/** A second top-level element: read the body as if one root held them all. */
	private makeCommonRoot(): void {
		if (this.synthetic) return;
		this.synthetic = true;
		const common: Frame = {
			name: '',
			role: 'container',
			depth: 0,
			plural: false,
			text: '',
			took: false,
			line: 1,
			col: 1,
		};
		const first = this.root;
		if (first && first.role !== 'record') {
			const rest = first;
			rest.role = 'data';
			this.classify(rest, common);
			if (rest.role === 'data' && rest.took) rest.role = 'container';
			this.settle(rest, common);
		}
		this.rootName = '';
		this.rootIsRecord = false;
		this.root = undefined;
		this.stack.push(common);
	}

	private parserError(raw: string): void {
		const message = raw.replace(/^\d+:\d+: /, '');
		if (TOLERATED.has(message)) return;
		if (message === 'documents may contain only one root.') {
			this.makeCommonRoot();
			return;
		}
		const unmatched = /^unmatched closing tag: (.*)\.$/.exec(message);
		if (this.mismatch) {
			// The parser reports each tag it closes on the way, then names the closing tag if none matched.
			if (message !== 'unexpected close tag.') this.settleMismatch(unmatched?.[1]);
			return;
		}
		if (this.mode !== 'xml') return;
		if (message === 'unexpected close tag.' && this.lastClosed) {
			this.mismatch = { expected: this.lastClosed, line: this.parser.line };
			return;
		}
		if (message === 'document must contain a root element.') return;
		const detail = unmatched
			? `Closing tag '${unmatched[1]}' has not been opened.`
			: this.describe(message);
		this.malformed(detail, this.parser.line);
	}

	private describe(message: string): string {
		if (message === 'text data outside of root node.') {
			return this.rootName === undefined ? 'Text before the root element' : 'Extra text at the end';
		}
		const unclosed = /^unclosed tag: (.*)$/.exec(message);
		if (unclosed) return `Unclosed tag '${unclosed[1]}' (the answer ended early)`;
		if (message === 'unexpected end.') return 'The answer ended early';
		return capitalised(message);
	}

	/**
	 * A closing tag that did not match: the parser then closes open tags until one matches (the
	 * last one closed is the closing tag's name) or names the closing tag itself.
	 */
	private settleMismatch(closing?: string): void {
		if (!this.mismatch) return;
		const { expected, line } = this.mismatch;
		this.mismatch = undefined;
		this.malformed(
			`Expected closing tag '${expected.name}' (opened in line ${expected.line}, col ${expected.col}) instead of closing tag '${closing ?? this.lastClosed?.name ?? ''}'.`,
			line,
		);
	}

	private malformed(detail: string, line: number): void {
		this.startCapture({
			kind: 'malformed',
			message: `AffilBox answered with malformed XML (line ${line}): ${detail}`,
		});
	}

	private fail(message: string): void {
		this.problem = notXmlProblem(message, this.seen.replace(/^\uFEFF/, '').trim());
		this.mode = 'done';
	}
}
