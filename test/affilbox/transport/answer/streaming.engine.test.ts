/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads a fixture */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { NodeApiError } from 'n8n-workflow';

import { jsonOf, runAffilBox, useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();
const getConversions = { resource: 'conversion', operation: 'getMany', returnAll: true };

/** A valid GetConversions answer of `count` conversions, in the sandbox's dialect. */
function conversionsAnswer(count: number): string {
	const conversions = Array.from(
		{ length: count },
		(_, index) =>
			`<conversion><id>${index + 1}</id><createDate>2025-03-11 10:50:50</createDate><transactionId>T-${index + 1}</transactionId><state>authorized</state></conversion>`,
	);
	return `<?xml version="1.0" encoding="UTF-8"?><response><status>OK</status>${conversions.join('')}</response>`;
}

/**
 * What the sandbox sent of its last answer. The sandbox notices a closed connection at its next
 * piece, after the node has finished: wait for it to say so.
 */
async function answerOfLastCall(): Promise<{ bytes: number; sent: number }> {
	for (let turn = 0; turn < 1_000_000; turn++) {
		const last = sandbox().requests.at(-1);
		const answer = last && sandbox().answerSent(last);
		if (answer) return answer;
		await new Promise((resolve) => setImmediate(resolve));
	}
	throw new Error('the sandbox recorded no answer');
}

describe('AffilBox answers are read as they stream in', () => {
	it('Timeout covers the whole answer: a body that dribbles in is stopped, then retried', async () => {
		const body = readFileSync(
			join(__dirname, '..', '..', '..', 'fixtures', 'affilbox', 'answers', 'sandbox-conversions.xml'),
			'utf8',
		);
		// 8 bytes every 50 ms: the answer would take several seconds, the Timeout is half a second.
		const dribbling = {
			status: 200,
			contentType: 'text/xml; charset=UTF-8',
			body,
			dribbleMs: 50,
			dribbleBytes: 8,
		};
		sandbox().injectFault({ ...dribbling, times: 2 });
		const result = await runAffilBox(sandbox(), {
			...getConversions,
			options: { timeout: 0.5, maxRetries: 1 },
		});
		expect(result.error?.message).toBe(
			'AffilBox did not answer GetConversions within 0.5 s after 2 attempts',
		);
		expect((result.error as NodeApiError).description).toMatch(/Raise Options → Timeout/);
		expect(sandbox().requests.map((request) => request.method)).toEqual([
			'GetConversions',
			'GetConversions',
		]);
		// The client gave up halfway: the sandbox saw the connection closed before the end.
		const { bytes, sent } = await answerOfLastCall();
		expect(sent).toBeLessThan(bytes);
	});

	it('Get Many with a Limit closes the connection once it has its records', async () => {
		// 2,000 conversions sent 4 KB every 20 ms: reading it all would take 8 s and more.
		sandbox().injectFault({
			status: 200,
			contentType: 'text/xml; charset=UTF-8',
			body: conversionsAnswer(2000),
			dribbleMs: 20,
			dribbleBytes: 4096,
		});
		const result = await runAffilBox(sandbox(), {
			...getConversions,
			returnAll: false,
			limit: 3,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((conversion) => conversion.id)).toEqual(['1', '2', '3']);
		const { bytes, sent } = await answerOfLastCall();
		expect(sent).toBeLessThan(bytes / 4);
	});

	it('Return All reads the whole answer into items, in order', async () => {
		sandbox().injectFault({
			status: 200,
			contentType: 'text/xml; charset=UTF-8',
			body: conversionsAnswer(500),
			dribbleMs: 1,
			dribbleBytes: 16 * 1024,
		});
		const result = await runAffilBox(sandbox(), getConversions);
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((conversion) => conversion.id);
		expect(ids).toHaveLength(500);
		expect(ids.slice(0, 2)).toEqual(['1', '2']);
		expect(ids.at(-1)).toBe('500');
		const { bytes, sent } = await answerOfLastCall();
		expect(sent).toBe(bytes);
	});

	it('an answer that breaks off halfway is an error, not a short list', async () => {
		const whole = conversionsAnswer(50);
		sandbox().injectFault({
			status: 200,
			contentType: 'text/xml; charset=UTF-8',
			body: whole.slice(0, whole.length / 2),
		});
		const result = await runAffilBox(sandbox(), getConversions);
		expect(result.error?.message).toMatch(/^AffilBox did not answer GetConversions with XML/);
		expect((result.error as NodeApiError).description).toMatch(
			/^AffilBox answered with malformed XML \(line 1\): Unclosed tag/,
		);
	});
});
