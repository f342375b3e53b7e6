// @ts-check
'use strict';

/**
 * The two workflows of the AI end-to-end test, built as a user would in the editor: the AffilBox and
 * Affelios tool nodes keep the names n8n gives them (the operation's action text), and the values a
 * model fills are `$fromAI()` placeholders as the editor's "let the model define this parameter"
 * button writes them (key = the field's display name), with descriptions as docs/ai-agents.md advises.
 */

/** The package each tool node comes from (its type is `<package>.<node>Tool`). */
const PACKAGE_OF = { affilBox: 'n8n-nodes-affilbox', affelios: 'n8n-nodes-affelios' };

const AFFILBOX_CREDENTIALS = { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } };
const AFFELIOS_CREDENTIALS = { affeliosApi: { id: 'affeliosSandbox', name: 'Affelios sandbox' } };

/**
 * A value the model fills, written as the editor writes it.
 * @param {string} key @param {string} description @param {'string' | 'number'} [type]
 */
function fromAI(key, description, type = 'string') {
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

/** What the model reads about each value (docs/ai-agents.md recommends these descriptions). */
const DESCRIBE = {
	conversionId:
		'The transaction ID of the conversion (its transactionId, e.g. an order number), not its internal id',
	decision: 'approve or reject',
	state: 'One of waiting, authorized, invoiced, rejection',
	partner: "The partner's affiliate ID (affilId) or e-mail",
	amount: 'A plain number without currency, e.g. 250 or 12.50',
	reason: 'What the bonus is for; the partner sees it',
	externalId: 'Your ID of the customer, e.g. the user ID in the shop',
	brand: 'Your ID of the brand or shop, e.g. shop-eu',
	registrationDate: 'When the customer registered, ISO 8601',
};

/**
 * @param {string} name the node's name, which n8n turns into the tool's name
 * @param {'affilBox' | 'affelios'} node
 * @param {Record<string, unknown>} parameters
 * @param {number} y
 */
function toolNode(name, node, parameters, y) {
	return {
		id: `tool-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: `${PACKAGE_OF[node]}.${node}Tool`,
		typeVersion: 1,
		position: [400, y],
		credentials: node === 'affilBox' ? AFFILBOX_CREDENTIALS : AFFELIOS_CREDENTIALS,
		parameters,
	};
}

const getManyConversions = (/** @type {number} */ y) =>
	toolNode(
		'Get many conversions',
		'affilBox',
		{
			resource: 'conversion',
			operation: 'getMany',
			returnAll: true,
			filters: { state: fromAI('State', DESCRIBE.state) },
		},
		y,
	);

/** Confirm or Reject: the model picks the conversion; the decision is fixed or picked too. */
const approveOrReject = (/** @type {string} */ decision, /** @type {number} */ y) =>
	toolNode(
		'Approve or reject a conversion',
		'affilBox',
		{
			resource: 'conversion',
			operation: 'confirm',
			conversionId: fromAI('Conversion_ID', DESCRIBE.conversionId),
			decision,
			additionalFields: {},
		},
		y,
	);

/**
 * @param {string} id @param {string} name
 * @param {object[]} nodes the trigger first, then the nodes it feeds and the tools
 * @param {string[]} toolNames connected to `toolsTo` as tools
 * @param {string} toolsTo
 * @param {Record<string, unknown>} [connections]
 */
function workflow(id, name, nodes, toolNames, toolsTo, connections = {}) {
	return {
		id,
		name,
		active: false,
		nodes,
		connections: {
			...connections,
			...Object.fromEntries(
				toolNames.map((tool) => [
					tool,
					{ ai_tool: [[{ node: toolsTo, type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Webhook → AI Agent (model: OpenAI Chat Model with the credential "Fake OpenAI"), with four tools:
 * read conversions, approve (the decision is fixed: the model only picks the conversion), credit a
 * bonus, create an Affelios customer.
 * @param {{ path: string, agentVersion: number, modelVersion: number, toolsContinueOnError?: boolean }} options
 *   node versions: the newest this n8n has up to what the test is written for
 *   (test/e2e/ai/aiPackages.js); `toolsContinueOnError`: the tool nodes' On Error set to Continue,
 *   as n8n 1.x needs for a failed tool call to reach the model (2.x does that by default)
 */
function agentWorkflow({ path, agentVersion, modelVersion, toolsContinueOnError = false }) {
	const chosen = [
		getManyConversions(200),
		approveOrReject('approve', 300),
		toolNode(
			'Credit a bonus to a partner',
			'affilBox',
			{
				resource: 'bonus',
				operation: 'add',
				partnerId: fromAI('Partner', DESCRIBE.partner),
				text: fromAI('Reason', DESCRIBE.reason),
				value: fromAI('Amount', DESCRIBE.amount, 'number'),
			},
			400,
		),
		toolNode(
			'Create a customer',
			'affelios',
			{
				resource: 'customer',
				operation: 'create',
				externalId: fromAI('External_ID', DESCRIBE.externalId),
				externalBrandId: fromAI('External_Brand_ID', DESCRIBE.brand),
				registrationDate: fromAI('Registration_Date', DESCRIBE.registrationDate),
				additionalFields: {},
			},
			500,
		),
	];
	const tools = toolsContinueOnError
		? chosen.map((tool) => ({ ...tool, onError: 'continueRegularOutput' }))
		: chosen;
	return workflow(
		'aiAgentE2e',
		'e2e AI Agent with affiliate tools',
		[
			{
				id: 'agent-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '0f6f0e4e-4d59-4a35-9f3e-6b1c2a7d0e11',
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: agentVersion,
				position: [200, 0],
				parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} },
			},
			{
				id: 'agent-model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: modelVersion,
				position: [200, 200],
				credentials: { openAiApi: { id: 'fakeOpenAi', name: 'Fake OpenAI' } },
				parameters: {
					model: { __rl: true, mode: 'id', value: 'fake-agent-model' },
					responsesApiEnabled: false,
					options: {},
				},
			},
			...tools,
		],
		tools.map((tool) => tool.name),
		'AI Agent',
		{
			Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
		},
	);
}

/**
 * MCP Server Trigger (Bearer auth) exposing two AffilBox tools: read conversions, and approve or
 * reject one (here the model chooses the decision too).
 * @param {{ path: string, triggerVersion: number }} options
 */
function mcpWorkflow({ path, triggerVersion }) {
	const tools = [
		getManyConversions(200),
		approveOrReject(fromAI('Decision', DESCRIBE.decision), 300),
	];
	return workflow(
		'mcpServerE2e',
		'e2e MCP server with AffilBox tools',
		[
			{
				id: 'mcp-trigger',
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: triggerVersion,
				position: [0, 0],
				webhookId: '5a1d7c2b-2f0e-4c8a-9b7d-3e6f1a2b4c5d',
				credentials: { httpBearerAuth: { id: 'mcpBearer', name: 'MCP bearer token' } },
				parameters: { authentication: 'bearerAuth', path },
			},
			...tools,
		],
		tools.map((tool) => tool.name),
		'MCP Server Trigger',
	);
}

module.exports = { agentWorkflow, mcpWorkflow, DESCRIBE };
