// @ts-check
'use strict';

/**
 * A small OpenAI-compatible chat server for the AI Agent end-to-end test: it plays a model whose
 * answers are scripted (tool calls, then a final text) and records every request it was sent, so the
 * test can read which tools n8n offered and what the tools answered.
 *
 *   const model = await startFakeOpenAi([
 *     { toolCalls: [{ name: 'Confirm_conversion', arguments: { transactionId: 'ORDER-1' } }] },
 *     (request) => ({ content: 'Done.' }),
 *   ]);
 *   // model.baseUrl (…/v1, for an OpenAI credential's Base URL), model.requests, await model.close()
 *
 * Endpoints: POST /v1/chat/completions (JSON, or server-sent events when the request says
 * `stream: true`) and GET /v1/models. Each completion request takes the next reply of the script; a
 * request beyond the script is answered HTTP 500 with a message saying so (a real model would not
 * stop there either, so the test sees it). Nothing here checks keys: the fake key is recorded like
 * everything else.
 */
const http = require('node:http');
const { readBody, serverLifecycle } = require('../../support/sandbox/shared/httpServer');

const MODEL = 'fake-agent-model';

/**
 * @typedef {{ name: string, arguments: Record<string, unknown> }} ScriptedToolCall
 * @typedef {{ toolCalls: ScriptedToolCall[] } | { content: string }} Reply
 * @typedef {{ method: string, path: string, headers: http.IncomingHttpHeaders, body: any }} RecordedRequest
 * @typedef {Reply | ((request: any, index: number) => Reply)} ScriptStep
 */

/**
 * @param {Reply} reply
 * @param {number} turn used to make tool call IDs unique over the conversation
 */
function assistantMessage(reply, turn) {
	if ('content' in reply) return { role: 'assistant', content: reply.content };
	return {
		role: 'assistant',
		content: null,
		tool_calls: reply.toolCalls.map((call, index) => ({
			id: `call_${turn}_${index}`,
			type: 'function',
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		})),
	};
}

/** @param {ReturnType<typeof assistantMessage>} message @param {number} turn */
function completion(message, turn) {
	return {
		id: `chatcmpl-fake-${turn}`,
		object: 'chat.completion',
		created: 1767225600 + turn,
		model: MODEL,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/**
 * The same answer as a stream: one chunk with the role and text or tool calls, one with the finish
 * reason, then `[DONE]`.
 * @param {http.ServerResponse} res
 * @param {ReturnType<typeof assistantMessage>} message
 * @param {number} turn
 */
function streamCompletion(res, message, turn) {
	const base = {
		id: `chatcmpl-fake-${turn}`,
		object: 'chat.completion.chunk',
		created: 1767225600 + turn,
		model: MODEL,
	};
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
			}
		: { role: 'assistant', content: message.content };
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const finish = message.tool_calls ? 'tool_calls' : 'stop';
	for (const chunk of [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }], usage: null },
	])
		res.write(`data: ${JSON.stringify(chunk)}\n\n`);
	res.end('data: [DONE]\n\n');
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

/**
 * @param {ScriptStep[]} script
 * @param {{ port?: number, host?: string }} [where]
 */
async function startFakeOpenAi(script, where = {}) {
	/** @type {RecordedRequest[]} */
	const requests = [];
	let turn = 0;

	const server = http.createServer(async (req, res) => {
		const raw = await readBody(req, 10 * 1024 * 1024);
		const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
		let body;
		try {
			body = raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
		} catch {
			body = raw?.toString('utf8');
		}
		requests.push({ method: req.method ?? '', path, headers: req.headers, body });

		if (req.method === 'GET' && path === '/v1/models') {
			return sendJson(res, 200, {
				object: 'list',
				data: [
					{ id: MODEL, object: 'model', created: 1767225600, owned_by: 'n8n-nodes-affiliate' },
				],
			});
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions') {
			return sendJson(res, 404, { error: { message: `fake OpenAI: no ${req.method} ${path}` } });
		}
		const index = turn++;
		const step = script[index];
		if (step === undefined) {
			return sendJson(res, 500, {
				error: {
					message: `fake OpenAI: the script has ${script.length} replies, this is request ${index + 1}`,
				},
			});
		}
		let reply;
		try {
			reply = typeof step === 'function' ? step(body, index) : step;
		} catch (error) {
			// The script could not go on with what n8n sent: say so, the agent run fails visibly.
			return sendJson(res, 500, {
				error: { message: `fake OpenAI script, reply ${index + 1}: ${String(error)}` },
			});
		}
		const message = assistantMessage(reply, index);
		if (body?.stream === true) return streamCompletion(res, message, index);
		return sendJson(res, 200, completion(message, index));
	});
	const lifecycle = serverLifecycle(server, '/v1');
	const baseUrl = await lifecycle.listen(where.port ?? 0, where.host ?? '127.0.0.1');
	return {
		baseUrl,
		requests,
		/** the chat completion requests only, in order */
		completions: () => requests.filter((request) => request.path === '/v1/chat/completions'),
		close: lifecycle.close,
	};
}

module.exports = { startFakeOpenAi, FAKE_MODEL: MODEL };
