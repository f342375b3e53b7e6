/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads the fixtures */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EventEmitter } from 'node:events';

import type { IDataObject } from 'n8n-workflow';

import { AnswerReader } from '../../../../nodes/AffilBox/transport/answer/reader';
import type { AffilBoxRecordKind } from '../../../../nodes/AffilBox/transport/answer/types';
import { readAffilBoxAnswer, readAnswerStream } from '../../../../nodes/AffilBox/transport/answer';

const ANSWERS = join(__dirname, '..', '..', '..', 'fixtures', 'affilbox', 'answers');
const FIXTURES = readdirSync(ANSWERS).map((name) => ({
	name,
	body: readFileSync(join(ANSWERS, name), 'utf8'),
}));

/** The answer read from `pieces`, in the shape readAffilBoxAnswer gives. */
function readInPieces(pieces: string[]) {
	const records: Array<[AffilBoxRecordKind, IDataObject]> = [];
	const reader = new AnswerReader((kind, record) => {
		records.push([kind, record]);
	});
	for (const piece of pieces) reader.write(piece);
	return { end: reader.end(), records };
}

function split(text: string, size: number): string[] {
	const pieces: string[] = [];
	for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
	return pieces;
}

/**
 * A response stream stand-in: hands out one chunk per turn of the event loop, as a socket does,
 * until it is destroyed; counts the chunks handed out and whether it was destroyed. Destroyed with
 * an error, it emits that error, then `close`, as Node's streams do.
 */
function fakeStream(chunks: Uint8Array[]) {
	const state = { pulled: 0, destroyed: false };
	const stream = Object.assign(new EventEmitter(), {
		destroy(error?: Error) {
			if (state.destroyed) return;
			state.destroyed = true;
			if (error) stream.emit('error', error);
			stream.emit('close');
		},
	});
	const next = () => {
		if (state.destroyed) return;
		if (state.pulled === chunks.length) {
			stream.emit('end');
			stream.emit('close');
			return;
		}
		stream.emit('data', chunks[state.pulled++]);
		setImmediate(next);
	};
	setImmediate(next);
	return { state, stream };
}

function bytesIn(text: string, size: number): Uint8Array[] {
	const bytes = new TextEncoder().encode(text);
	const chunks: Uint8Array[] = [];
	for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
	return chunks;
}

describe('AnswerReader: an answer in pieces reads as the whole', () => {
	it.each(FIXTURES)('$name, in pieces of 1, 7 and 100 characters', ({ body }) => {
		const whole = readInPieces([body]);
		for (const size of [1, 7, 100]) expect(readInPieces(split(body, size))).toEqual(whole);
	});

	it.each(FIXTURES)('$name, in bytes that split characters', async ({ body }) => {
		const expected = readAffilBoxAnswer(body);
		for (const size of [1, 3]) {
			const records = { conversion: [], partner: [], campaign: [], click: [], bonus: [] } as Record<
				AffilBoxRecordKind,
				IDataObject[]
			>;
			const { stream } = fakeStream(bytesIn(body, size));
			const { end } = await readAnswerStream(
				stream,
				(kind, record) => {
					records[kind].push(record);
				},
				false,
			);
			const read = end.ok
				? {
						ok: true,
						answer: { rootName: end.envelope.rootName, records, fields: end.envelope.fields },
					}
				: end;
			expect(read).toEqual(expected);
		}
	});
});

describe('readAnswerStream', () => {
	const body = `<response><status>OK</status>${Array.from(
		{ length: 1000 },
		(_, index) => `<conversion><id>${index}</id></conversion>`,
	).join('')}</response>`;

	it('stops pulling and destroys the stream once the caller has enough', async () => {
		const { stream, state } = fakeStream(bytesIn(body, 256));
		const kept: unknown[] = [];
		const { end, bytesRead } = await readAnswerStream(
			stream,
			(_kind, record) => {
				kept.push(record.id);
				return kept.length < 5;
			},
			false,
		);
		expect(kept).toEqual(['0', '1', '2', '3', '4']);
		expect(end).toMatchObject({ ok: true, complete: false, records: 5 });
		expect(state.destroyed).toBe(true);
		expect(state.pulled).toBeLessThan(5);
		expect(bytesRead).toBeLessThan(body.length / 10);
	});

	it('reads to the end when the caller keeps everything, and keeps the raw text on request', async () => {
		const { stream, state } = fakeStream(bytesIn(body, 256));
		let count = 0;
		const { end, rawXml, bytesRead } = await readAnswerStream(
			stream,
			() => {
				count++;
			},
			true,
		);
		expect(count).toBe(1000);
		expect(end).toMatchObject({ ok: true, complete: true, records: 1000 });
		expect(rawXml).toBe(body);
		expect(bytesRead).toBe(body.length);
		expect(state.pulled).toBe(Math.ceil(body.length / 256));
	});

	it('ends the transfer when the deadline passes', async () => {
		const { stream, state } = fakeStream(bytesIn(body, 256));
		const deadline = new AbortController();
		const reading = readAnswerStream(
			stream,
			(_kind, record) => {
				if (record.id === '10') deadline.abort();
			},
			false,
			deadline.signal,
		);
		await expect(reading).rejects.toThrow('The answer did not arrive in time');
		expect(state.destroyed).toBe(true);
		expect(state.pulled).toBeLessThan(body.length / 256);
	});

	it("reads Node's own streams, and fails when one closes before its end", async () => {
		const whole = await readAnswerStream(Readable.from(bytesIn(body, 1000)), () => undefined, true);
		expect(whole).toMatchObject({ end: { ok: true, records: 1000 }, rawXml: body });
		const broken = new Readable({ read() {} });
		broken.push(new TextEncoder().encode(body.slice(0, 500)));
		const reading = readAnswerStream(broken, () => undefined, false);
		setImmediate(() => broken.destroy());
		await expect(reading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
	});

	it('stops reading a body that is no XML once it has shown enough of it', async () => {
		const page = `NO DATA ${'x'.repeat(3 * 1024 * 1024)}`;
		const { stream, state } = fakeStream(bytesIn(page, 64 * 1024));
		const { end } = await readAnswerStream(stream, () => undefined, false);
		expect(end).toMatchObject({ ok: false, problem: { kind: 'notXml' } });
		expect(state.destroyed).toBe(true);
		expect(state.pulled).toBeLessThan(20);
	});
});
