// @ts-check
'use strict';

/**
 * The action nodes as tools for AI agents, in a real n8n (n8n start; N8N_VERSION, default 2.41.1):
 * - n8n's AI Agent with an OpenAI chat model pointed at a scripted fake model of ours: what n8n
 *   offered the model, what the tool calls changed in the sandboxes, how bad calls come back;
 * - n8n's MCP Server Trigger exposing AffilBox tools to a real MCP client.
 * The sandboxes and the fake model run in this process, so the test reads their state directly.
 * An older n8n runs the versions of the AI nodes it has (test/e2e/ai/aiPackages.js); an n8n 1.x
 * without the MCP Server Trigger skips those tests, saying so.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { aiNodeVersion, offeredAiNodes, requireAiNode } = require('./ai/aiPackages');
const { agentWorkflow, mcpWorkflow, DESCRIBE } = require('./ai/workflows');
const { isUnregistered, onceRegistered } = require('./ai/serving');
const { startFakeOpenAi, FAKE_MODEL } = require('./fakeOpenAi/server');
const { createInstance } = require('./n8n/instance');
const { installedN8n } = require('./n8n/install');
const { releaseTraits } = require('./n8n/releaseTraits');
const { sandboxCredentials } = require('./n8n/sandboxStack');
const { freePort, packPackages } = require('./processes');
const { startAffilBoxSandbox } = require('../support/sandbox/affilbox');
const { startAffeliosSandbox } = require('../support/sandbox/affelios');
const affilBoxSeed = require('../fixtures/affilbox/seed.json');
const affeliosSeed = require('../fixtures/affelios/seed.json');

const AFFILBOX_KEY = 'ai-e2e-affilbox-key-5Qm7';
const AFFELIOS_KEY = 'ai-e2e-affelios-key-8Zr2';
const MODEL_KEY = 'sk-fake-model-key-for-e2e';
const MCP_TOKEN = 'mcp-e2e-token-3Kd9';
const AGENT_PATH = 'ai-agent-e2e';
const MCP_PATH = 'affilbox-mcp-e2e';
const UNKNOWN_ORDER = 'OBJ-9999-0000';
const FINAL_ANSWER = `Approved OBJ-2026-0001; ${UNKNOWN_ORDER} does not exist; the bonus needs a number.`;

// Installed before any suite (test/e2e/globalSetup.js): which tests exist depends on what it offers.
const runtime = installedN8n();
const ai = offeredAiNodes(runtime);
const agentVersion = requireAiNode(runtime, ai, 'AI Agent', 3.1);
const modelVersion = requireAiNode(runtime, ai, 'OpenAI Chat Model', 1.3);
const mcpTriggerVersion = aiNodeVersion(runtime, ai, 'MCP Server Trigger', 2.1);
if (mcpTriggerVersion === undefined && Number(runtime.version.split('.')[0]) >= 2) {
	throw new Error(`n8n ${runtime.version} lacks the MCP Server Trigger: the MCP tests cannot run`);
}
const MCP_SKIPPED =
	mcpTriggerVersion === undefined
		? `skipped: n8n ${runtime.version} (@n8n/n8n-nodes-langchain ${ai.packageVersion}) has no MCP Server Trigger`
		: '';
if (MCP_SKIPPED) process.stdout.write(`AI e2e: the MCP Server Trigger tests are ${MCP_SKIPPED}\n`);
const describeMcp = MCP_SKIPPED ? describe.skip : describe;
const { toolErrorsNeedContinue } = releaseTraits(runtime);
if (toolErrorsNeedContinue) {
	process.stdout.write(
		`AI e2e: n8n ${runtime.version} stops the workflow when a tool fails: the agent's tool nodes get On Error: Continue\n`,
	);
}
const MCP_TITLE = `n8n's MCP Server Trigger exposing the AffilBox tools to an MCP client${MCP_SKIPPED ? ` (${MCP_SKIPPED})` : ''}`;

/** @type {ReturnType<typeof createInstance>} */ let n8n;
/** @type {Awaited<ReturnType<typeof startAffilBoxSandbox>>} */ let affilbox;
/** @type {Awaited<ReturnType<typeof startAffeliosSandbox>>} */ let affelios;
/** @type {Awaited<ReturnType<typeof startFakeOpenAi>>} */ let model;
/** @type {Awaited<ReturnType<ReturnType<typeof createInstance>['start']>> | undefined} */ let server;
/** @type {string} */ let work;
/** @type {string} */ let base;
const timings = /** @type {Record<string, number>} */ ({});

/** @template T @param {string} name @param {() => Promise<T> | T} action */
async function timed(name, action) {
	const started = Date.now();
	try {
		return await action();
	} finally {
		timings[name] = Date.now() - started;
	}
}

/** The tool messages n8n sent back in a chat request, by tool call ID. */
function toolResults(/** @type {any} */ request) {
	return Object.fromEntries(
		request.messages
			.filter((/** @type {any} */ message) => message.role === 'tool')
			.map((/** @type {any} */ message) => [message.tool_call_id, JSON.parse(message.content)]),
	);
}

/**
 * The model's side of the conversation: read, then act on what it read, then answer.
 * @type {import('./fakeOpenAi/server').ScriptStep[]}
 */
const AGENT_SCRIPT = [
	{ toolCalls: [{ name: 'Get_many_conversions', arguments: { State: 'waiting' } }] },
	(/** @type {any} */ request) => {
		const [waiting] = Object.values(toolResults(request));
		const kveta = waiting.find((/** @type {any} */ c) => c.affilId === 'kveta');
		if (!kveta) throw new Error(`no waiting conversion of kveta in ${JSON.stringify(waiting)}`);
		return {
			toolCalls: [
				{
					name: 'Approve_or_reject_a_conversion',
					arguments: { Conversion_ID: kveta.transactionId },
				},
				{ name: 'Approve_or_reject_a_conversion', arguments: { Conversion_ID: UNKNOWN_ORDER } },
				{
					name: 'Credit_a_bonus_to_a_partner',
					arguments: { Partner: 'kveta', Amount: 'twelve', Reason: 'Top seller' },
				},
				{
					name: 'Create_a_customer',
					arguments: {
						External_ID: 'AI-CUSTOMER-1',
						External_Brand_ID: 'shop-eu',
						Registration_Date: '2026-11-20T09:15:00Z',
					},
				},
			],
		};
	},
	{ content: FINAL_ANSWER },
];

beforeAll(async () => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-ai-e2e-'));
	const tarballs = packPackages(work);
	affilbox = await startAffilBoxSandbox({ apiKey: AFFILBOX_KEY });
	affelios = await startAffeliosSandbox({ apiKey: AFFELIOS_KEY });
	model = await startFakeOpenAi(AGENT_SCRIPT);
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	n8n = createInstance({
		runtime,
		userFolder: path.join(work, 'n8n'),
		port,
		brokerPort: await freePort(),
	});
	n8n.installPackages(tarballs);
	await timed('import and publish', async () => {
		await n8n.importCredentials([
			// Keys of its own, so that "no key reached the model" cannot match anything else.
			...sandboxCredentials(
				{ affilbox, affelios },
				{ affilbox: AFFILBOX_KEY, affelios: AFFELIOS_KEY },
			),
			{
				id: 'fakeOpenAi',
				name: 'Fake OpenAI',
				type: 'openAiApi',
				data: { apiKey: MODEL_KEY, url: model.baseUrl },
			},
			{
				id: 'mcpBearer',
				name: 'MCP bearer token',
				type: 'httpBearerAuth',
				data: { token: MCP_TOKEN },
			},
		]);
		await n8n.importWorkflow([
			agentWorkflow({
				path: AGENT_PATH,
				agentVersion,
				modelVersion,
				toolsContinueOnError: toolErrorsNeedContinue,
			}),
			...(mcpTriggerVersion === undefined
				? []
				: [mcpWorkflow({ path: MCP_PATH, triggerVersion: mcpTriggerVersion })]),
		]);
		await n8n.publish('aiAgentE2e');
		if (mcpTriggerVersion !== undefined) await n8n.publish('mcpServerE2e');
	});
	// Resolves once n8n serves (readiness OK and JSON from its REST API).
	server = await timed('n8n start', () => n8n.start());
}, 900_000);

afterAll(async () => {
	// Waits until n8n has exited: it writes its log while shutting down, so its folder can only go after.
	await server?.stop();
	await Promise.all([affilbox?.close(), affelios?.close(), model?.close()]);
	process.stdout.write(`AI e2e timings (ms): ${JSON.stringify(timings)}\n`);
	if (!process.env.E2E_KEEP && work) fs.rmSync(work, { recursive: true, force: true });
});

describe("n8n's AI Agent with the AffilBox and Affelios tools", () => {
	/** @type {{ status: number, body: any }} */ let answer;

	beforeAll(async () => {
		affilbox.reset();
		affelios.reset();
		answer = await timed('AI Agent run', () =>
			onceRegistered(
				'the AI Agent webhook',
				async () => {
					const response = await fetch(`${base}/webhook/${AGENT_PATH}`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({
							prompt: "Approve kveta's waiting order and register customer AI-CUSTOMER-1.",
						}),
					});
					const text = await response.text();
					if (isUnregistered(response.status, text)) return { unregistered: true, detail: text };
					return {
						unregistered: false,
						value: { status: response.status, body: JSON.parse(text) },
					};
				},
				120_000,
			),
		);
	}, 300_000);

	it('the workflow succeeds with the final answer of the model', () => {
		expect(answer).toEqual({ status: 200, body: { output: FINAL_ANSWER } });
		expect(model.completions()).toHaveLength(3);
	});

	it('n8n offered the four tools with our names, descriptions and parameter schemas', () => {
		const [first] = model.completions();
		expect(first.body.model).toBe(FAKE_MODEL);
		const tools = first.body.tools
			.map((/** @type {any} */ tool) => ({
				name: tool.function.name,
				description: tool.function.description,
				properties: tool.function.parameters.properties,
				required: [...tool.function.parameters.required].sort(),
			}))
			.sort((/** @type {any} */ a, /** @type {any} */ b) => a.name.localeCompare(b.name));
		const text = (/** @type {string} */ description) => ({ type: 'string', description });
		expect(tools).toEqual([
			{
				name: 'Approve_or_reject_a_conversion',
				description: 'Approve or reject a conversion in AffilBox',
				properties: { Conversion_ID: text(DESCRIBE.conversionId) },
				required: ['Conversion_ID'],
			},
			{
				name: 'Create_a_customer',
				description: 'Create a customer in Affelios',
				properties: {
					External_ID: text(DESCRIBE.externalId),
					External_Brand_ID: text(DESCRIBE.brand),
					Registration_Date: text(DESCRIBE.registrationDate),
				},
				required: ['External_Brand_ID', 'External_ID', 'Registration_Date'],
			},
			{
				name: 'Credit_a_bonus_to_a_partner',
				description: 'Credit a bonus to a partner in AffilBox',
				properties: {
					Partner: text(DESCRIBE.partner),
					Reason: text(DESCRIBE.reason),
					Amount: { type: 'number', description: DESCRIBE.amount },
				},
				required: ['Amount', 'Partner', 'Reason'],
			},
			{
				name: 'Get_many_conversions',
				description: 'Get many conversions in AffilBox',
				properties: { State: text(DESCRIBE.state) },
				required: ['State'],
			},
		]);
	});

	it('the tool calls changed the sandboxes exactly as intended: one approval, one new customer', () => {
		const changed = affilbox.store.conversions.filter(
			(conversion, index) =>
				JSON.stringify(conversion) !== JSON.stringify(affilBoxSeed.conversions[index]),
		);
		expect(affilbox.store.conversions).toHaveLength(affilBoxSeed.conversions.length);
		expect(changed).toEqual([
			expect.objectContaining({ transactionId: 'OBJ-2026-0001', state: 'authorized' }),
		]);
		expect(affilbox.store.bonuses).toEqual(affilBoxSeed.bonuses);
		expect(
			affilbox.requests
				.map((call) => [call.method, call.params.conversion_id ?? call.params.filter_state])
				.sort(),
		).toEqual([
			['ConfirmConversion', 'OBJ-2026-0001'],
			['ConfirmConversion', UNKNOWN_ORDER],
			['GetConversions', 'waiting'],
		]);

		expect(affelios.store.customers).toHaveLength(affeliosSeed.customers.length + 1);
		expect(affelios.store.customers.at(-1)).toEqual(
			expect.objectContaining({
				externalId: 'AI-CUSTOMER-1',
				externalBrandId: 'shop-eu',
				registrationDate: '2026-11-20T09:15:00.000Z',
			}),
		);
		expect(affelios.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/v1/customer',
		]);
	});

	it('the model got the results, and the bad calls back as readable tool errors', () => {
		const [, second, third] = model.completions();
		const [waiting] = Object.values(toolResults(second.body));
		expect(waiting.map((/** @type {any} */ c) => c.transactionId).sort()).toEqual(
			affilBoxSeed.conversions
				.filter((c) => c.state === 'waiting')
				.map((c) => c.transactionId)
				.sort(),
		);
		const results = toolResults(third.body);
		expect(results.call_1_0).toEqual([
			expect.objectContaining({ transactionId: 'OBJ-2026-0001', state: 'authorized' }),
		]);
		// With On Error: Continue (n8n 1.x, see above) the node's error item also carries the hint as
		// `description`; n8n 2.x passes the error's message alone.
		const toolError = (/** @type {string} */ message, /** @type {string} */ hint) =>
			toolErrorsNeedContinue
				? { error: `${message} ${hint}`, description: hint }
				: { error: `${message} ${hint}` };
		expect(results.call_1_1).toEqual([
			toolError(
				`AffilBox error 404: Conversion not found: ${UNKNOWN_ORDER}.`,
				"Method ConfirmConversion failed. Check: Transaction ID must be the one your shop sent with the conversion (a conversion's transactionId, e.g. an order number or customer e-mail), not AffilBox's internal id; if that transaction ID exists in several campaigns, also give the campaign.",
			),
		]);
		expect(results.call_1_2).toEqual([
			toolError(
				'Amount must be a number, got "twelve".',
				'Use digits with an optional decimal part, e.g. 630 or 12.50 (12,50 works too).',
			),
		]);
		expect(results.call_1_3).toEqual([expect.objectContaining({ externalId: 'AI-CUSTOMER-1' })]);
	});

	it('no API key of AffilBox or Affelios reached the model', () => {
		const sent = JSON.stringify(model.requests);
		expect(sent).not.toContain(AFFILBOX_KEY);
		expect(sent).not.toContain(AFFELIOS_KEY);
		// The check can see keys: the model's own key is in every request it got.
		expect(
			model
				.completions()
				.every((request) => request.headers.authorization === `Bearer ${MODEL_KEY}`),
		).toBe(true);
	});
});

describeMcp(MCP_TITLE, () => {
	/** @type {Client} */ let client;
	const url = () => new URL(`${base}/mcp/${MCP_PATH}`);

	/** @param {string} [token] */
	async function connect(token) {
		const next = new Client({ name: 'n8n-nodes-affiliate-e2e', version: '1.0.0' });
		const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
		await next.connect(new StreamableHTTPClientTransport(url(), { requestInit: { headers } }));
		return next;
	}

	/** @param {string} name @param {Record<string, unknown>} args */
	async function call(name, args) {
		const result =
			/** @type {{ content: Array<{ type: string, text: string }>, isError?: boolean }} */ (
				await client.callTool({ name, arguments: args })
			);
		expect(result.content).toHaveLength(1);
		return { isError: result.isError === true, text: result.content[0].text };
	}

	beforeAll(async () => {
		affilbox.reset();
		client = await timed('MCP connect', () =>
			onceRegistered(
				'the MCP endpoint',
				async () => {
					try {
						return { unregistered: false, value: await connect(MCP_TOKEN) };
					} catch (error) {
						const code = /** @type {{ code?: number }} */ (error).code;
						if (code === 404) return { unregistered: true, detail: String(error) };
						throw error;
					}
				},
				120_000,
			),
		);
	}, 300_000);

	afterAll(async () => {
		await client?.close();
	});

	it('refuses a client without the bearer token, or with a wrong one', async () => {
		for (const token of [undefined, 'not-the-token']) {
			const failure = await connect(token).then(
				() => undefined,
				(/** @type {{ code?: number, message: string }} */ error) => error,
			);
			expect(failure).toMatchObject({
				code: 403,
				message: expect.stringMatching(/Authorization data is wrong/),
			});
		}
	});

	it('lists the tools with their descriptions and input schemas', async () => {
		const { tools } = await client.listTools();
		const listed = tools
			.map((tool) => ({
				name: tool.name,
				description: tool.description,
				properties: tool.inputSchema.properties,
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
		expect(listed).toEqual([
			{
				name: 'Approve_or_reject_a_conversion',
				description: 'Approve or reject a conversion in AffilBox',
				properties: {
					Conversion_ID: { type: 'string', description: DESCRIBE.conversionId },
					Decision: { type: 'string', description: DESCRIBE.decision },
				},
			},
			{
				name: 'Get_many_conversions',
				description: 'Get many conversions in AffilBox',
				properties: { State: { type: 'string', description: DESCRIBE.state } },
			},
		]);
	});

	it('Get many conversions answers with the waiting conversions of the sandbox', async () => {
		const { isError, text } = await call('Get_many_conversions', { State: 'waiting' });
		expect(isError).toBe(false);
		expect(JSON.parse(text)).toEqual(
			affilbox.store.conversions.filter((c) => c.state === 'waiting'),
		);
	});

	it('Approve or reject rejects a conversion in the sandbox and answers with it', async () => {
		const { isError, text } = await call('Approve_or_reject_a_conversion', {
			Conversion_ID: 'OBJ-2025-0002',
			Decision: 'reject',
		});
		expect(isError).toBe(false);
		expect(JSON.parse(text)).toEqual([
			expect.objectContaining({ transactionId: 'OBJ-2025-0002', state: 'rejection' }),
		]);
		expect(affilbox.store.conversions.find((c) => c.transactionId === 'OBJ-2025-0002')?.state).toBe(
			'rejection',
		);
	});

	it('a decision that is neither approve nor reject is an error and changes nothing', async () => {
		const before = affilbox.requests.length;
		const { isError, text } = await call('Approve_or_reject_a_conversion', {
			Conversion_ID: 'zakaznik@example.com',
			Decision: 'maybe',
		});
		expect(isError).toBe(true);
		expect(text).toContain('Decision must be one of "approve", "reject", got "maybe"');
		expect(affilbox.requests).toHaveLength(before);
		expect(
			affilbox.store.conversions.find((c) => c.transactionId === 'zakaznik@example.com')?.state,
		).toBe('waiting');
	});

	it('an unknown transaction ID comes back as an error saying what the ID must be', async () => {
		const { isError, text } = await call('Approve_or_reject_a_conversion', {
			Conversion_ID: UNKNOWN_ORDER,
			Decision: 'approve',
		});
		expect(isError).toBe(true);
		expect(text).toContain(`AffilBox error 404: Conversion not found: ${UNKNOWN_ORDER}`);
		expect(text).toContain('Transaction ID must be the one your shop sent with the conversion');
		expect(text).not.toContain(AFFILBOX_KEY);
	});
});
