import type { IDataObject } from 'n8n-workflow';

import { emptyRecords } from './answerDialect';
import { AnswerReader } from './answerReader';
import type { AffilBoxReadResult, AffilBoxRecordKind } from './answerTypes';

export { AFFILBOX_RECORD_KINDS } from './answerTypes';
export type {
	AffilBoxAnswer,
	AffilBoxAnswerProblem,
	AffilBoxEnvelope,
	AffilBoxReadResult,
	AffilBoxRecordKind,
	RecordHandler,
} from './answerTypes';

/**
 * Reads a whole AffilBox answer held in a string, leniently: records, top-level fields, or what went
 * wrong. It is the streaming reader (answerReader.ts) given the body in one piece, every record
 * kept: for short answers and error bodies.
 */
export function readAffilBoxAnswer(body: string): AffilBoxReadResult {
	const records: Record<AffilBoxRecordKind, IDataObject[]> = emptyRecords();
	const reader = new AnswerReader((kind, record) => {
		records[kind].push(record);
	});
	reader.write(typeof body === 'string' ? body : '');
	const end = reader.end();
	if (!end.ok) return end;
	return {
		ok: true,
		answer: { rootName: end.envelope.rootName, records, fields: end.envelope.fields },
	};
}
