import type { IDataObject } from 'n8n-workflow';

import { emptyRecords } from './dialect';
import { AnswerReader, type AnswerEnd } from './reader';
import type { AffilBoxReadResult, AffilBoxRecordKind, RecordHandler } from './types';

export { emptyRecords } from './dialect';
export { AFFILBOX_RECORD_KINDS } from './types';
export type {
	AffilBoxAnswer,
	AffilBoxAnswerProblem,
	AffilBoxEnvelope,
	AffilBoxReadResult,
	AffilBoxRecordKind,
	RecordHandler,
} from './types';

/**
 * The answer reader's face: an answer read from a string (below) or from the response stream
 * (readAnswerStream); reader.ts reads, dialect.ts knows AffilBox's shapes, text.ts words what is
 * not XML, types.ts holds the shapes handed out.
 */

/**
 * Reads a whole AffilBox answer held in a string, leniently: records, top-level fields, or what went
 * wrong. It is the streaming reader (reader.ts) given the body in one piece, every record
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

/**
 * Reads an HTTP answer body (the response stream n8n hands over with `encoding: 'stream'`) as it
 * arrives: bytes are decoded as UTF-8 chunk by chunk (a character split between chunks is joined)
 * and go straight to the answer reader. Once the reader needs no more, the stream is destroyed,
 * which closes the connection instead of downloading the rest.
 */

/** The body as n8n gives it: a response stream; a string or bytes are read as one chunk. */
interface ChunkSource {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: (error?: Error) => void;
}

function chunksOf(body: unknown): ChunkSource | unknown[] {
	if (typeof body === 'string' || body instanceof Uint8Array) return [body];
	const source = body as Partial<ChunkSource> | null | undefined;
	if (source && typeof source[Symbol.asyncIterator] === 'function') return source as ChunkSource;
	return [body === undefined || body === null ? '' : String(body)];
}

function textOf(chunk: unknown, decoder: InstanceType<typeof TextDecoder>): string {
	if (typeof chunk === 'string') return chunk;
	if (chunk instanceof Uint8Array) return decoder.decode(chunk, { stream: true });
	return String(chunk);
}

function close(source: ChunkSource | unknown[]): void {
	if (!Array.isArray(source)) source.destroy?.();
}

/**
 * Ends the transfer when `deadline` passes. n8n puts its own cancel signal in place of a node's
 * `abortSignal` when it runs a node, so the deadline is also kept here, on the body itself.
 */
function stopAt(source: ChunkSource | unknown[], deadline: AbortSignal | undefined): () => void {
	if (deadline === undefined || Array.isArray(source)) return () => undefined;
	const stop = () => source.destroy?.(new Error('The answer did not arrive in time'));
	if (deadline.aborted) stop();
	deadline.addEventListener('abort', stop, { once: true });
	return () => deadline.removeEventListener('abort', stop);
}

export interface StreamedAnswer {
	end: AnswerEnd;
	/** The whole body as text, when asked for (Include Raw XML). */
	rawXml?: string;
	/** Bytes of the body read before reading stopped. */
	bytesRead: number;
}

export async function readAnswerStream(
	body: unknown,
	onRecord: RecordHandler,
	keepRawXml: boolean,
	deadline?: AbortSignal,
): Promise<StreamedAnswer> {
	const reader = new AnswerReader(onRecord);
	const decoder = new TextDecoder('utf-8');
	const raw: string[] = [];
	const source = chunksOf(body);
	const release = stopAt(source, deadline);
	let bytesRead = 0;
	try {
		for await (const chunk of source) {
			bytesRead += chunk instanceof Uint8Array ? chunk.byteLength : String(chunk).length;
			const text = textOf(chunk, decoder);
			if (keepRawXml) raw.push(text);
			reader.write(text);
			if (reader.finished) break;
		}
		if (!reader.finished) {
			const rest = decoder.decode();
			if (keepRawXml) raw.push(rest);
			reader.write(rest);
		}
	} finally {
		release();
		close(source);
	}
	const streamed: StreamedAnswer = { end: reader.end(), bytesRead };
	if (keepRawXml) streamed.rawXml = raw.join('');
	return streamed;
}

/** The text of an error answer, up to `maxChars` (the rest is not downloaded). */
export async function readBodyText(
	body: unknown,
	maxChars: number,
	deadline?: AbortSignal,
): Promise<string> {
	const decoder = new TextDecoder('utf-8');
	const source = chunksOf(body);
	const release = stopAt(source, deadline);
	let text = '';
	try {
		for await (const chunk of source) {
			text += textOf(chunk, decoder);
			if (text.length >= maxChars) return text.slice(0, maxChars);
		}
		return text + decoder.decode();
	} finally {
		release();
		close(source);
	}
}
