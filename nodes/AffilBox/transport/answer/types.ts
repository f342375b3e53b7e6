import type { IDataObject } from 'n8n-workflow';

/**
 * What reading an AffilBox answer gives. Value conventions (relied on by the operations):
 * - every value is a string exactly as sent (no number/boolean parsing: ids keep leading zeros);
 * - leading/trailing whitespace of each text and attribute value is trimmed (the server may
 *   pretty-print), whitespace inside a value is kept (` a  b ` becomes `a  b`); CDATA content is
 *   kept verbatim, without entity decoding;
 * - XML and numeric entities are decoded, and so are common HTML named entities (`&nbsp;`), which a
 *   PHP server may emit; other unknown named entities stay as sent (`&eacute;`);
 * - attributes are kept with an `@` prefix (`@code`); an element with attributes and text keeps its
 *   text under `#text`; an empty element is `''`; repeated elements become arrays;
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

/** The answer without its records: root name and everything else at the top level. */
export interface AffilBoxEnvelope {
	/** Name of the document's root element as sent; `''` when the body had several top-level elements. */
	rootName: string;
	/** Everything else at the top level (child elements, root attributes as `@name`), as sent. */
	fields: IDataObject;
}

export interface AffilBoxAnswer extends AffilBoxEnvelope {
	/** Records of each kind, always arrays (empty when absent), wrapped or not. */
	records: Record<AffilBoxRecordKind, IDataObject[]>;
}

export type AffilBoxAnswerProblem =
	| { kind: 'empty'; message: string }
	| { kind: 'notXml'; message: string; text: string }
	| { kind: 'apiError'; message: string; code?: string };

export type AffilBoxReadResult =
	| { ok: true; answer: AffilBoxAnswer }
	| { ok: false; problem: AffilBoxAnswerProblem };

/**
 * Receives records one by one as they are read, in document order. Returning `false` says that no
 * more are needed: the rest of the answer is not read.
 */
export type RecordHandler = (kind: AffilBoxRecordKind, record: IDataObject) => boolean | void;
