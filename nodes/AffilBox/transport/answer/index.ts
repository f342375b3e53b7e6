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
interface BodyStream {
	on(event: string, listener: (value?: unknown) => void): unknown;
	destroy(error?: Error): unknown;
}

function isStream(body: unknown): body is BodyStream {
	const candidate = body as Partial<BodyStream> | null | undefined;
	return typeof candidate?.on === 'function' && typeof candidate.destroy === 'function';
}

function textOf(chunk: unknown, decoder: InstanceType<typeof TextDecoder>): string {
	if (typeof chunk === 'string') return chunk;
	if (chunk instanceof Uint8Array) return decoder.decode(chunk, { stream: true });
	return chunk === undefined || chunk === null ? '' : String(chunk);
}

/** What a stream that closed before its end (the connection broke) fails with, as Node words it. */
function prematureClose(): Error {
	return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * Hands each chunk of `body` to `take` until it says it has enough (true) or the body ends. A
 * stream is read by its events, each chunk taken as it comes (no async iteration per chunk: the
 * answers are mostly one chunk, and a call per chunk through an async iterator cost more than
 * reading it). It is destroyed once done, and with an error when `deadline` passes: n8n puts its
 * own cancel signal in place of a node's `abortSignal` when it runs a node, so the deadline is
 * also kept here, on the body itself. Resolves to the bytes taken.
 */
function readChunks(
	body: unknown,
	take: (chunk: unknown) => boolean,
	deadline: AbortSignal | undefined,
): Promise<number> {
	const size = (chunk: unknown) =>
		chunk instanceof Uint8Array ? chunk.byteLength : String(chunk ?? '').length;
	if (!isStream(body)) {
		take(body);
		return Promise.resolve(size(body));
	}
	return new Promise((resolve, reject) => {
		let bytes = 0;
		let settled = false;
		const stop = () => body.destroy(new Error('The answer did not arrive in time'));
		const settle = (error?: unknown) => {
			if (settled) return;
			settled = true;
			deadline?.removeEventListener('abort', stop);
			body.destroy();
			if (error === undefined) resolve(bytes);
			else reject(error instanceof Error ? error : new Error(String(error)));
		};
		body.on('data', (chunk) => {
			if (settled) return;
			bytes += size(chunk);
			try {
				if (take(chunk)) settle();
			} catch (error) {
				settle(error);
			}
		});
		body.on('end', () => settle());
		body.on('error', (error) => settle(error ?? prematureClose()));
		// 'close' follows the end and a destroy here too: only a close before either is a broken transfer.
		body.on('close', () => settled || settle(prematureClose()));
		if (deadline?.aborted) stop();
		else deadline?.addEventListener('abort', stop, { once: true });
	});
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
	const bytesRead = await readChunks(
		body,
		(chunk) => {
			const text = textOf(chunk, decoder);
			if (keepRawXml) raw.push(text);
			reader.write(text);
			return reader.finished;
		},
		deadline,
	);
	if (!reader.finished) {
		const rest = decoder.decode();
		if (keepRawXml) raw.push(rest);
		reader.write(rest);
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
	let text = '';
	await readChunks(
		body,
		(chunk) => {
			text += textOf(chunk, decoder);
			return text.length >= maxChars;
		},
		deadline,
	);
	return text.length < maxChars ? text + decoder.decode() : text.slice(0, maxChars);
}
