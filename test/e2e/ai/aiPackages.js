// @ts-check
'use strict';

/**
 * The AI nodes the test needs come with n8n in @n8n/n8n-nodes-langchain. If an n8n install lacks
 * them (e.g. a registry without that package), the test must fail saying so, not time out waiting
 * for a webhook that can never be registered.
 */
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = '@n8n/n8n-nodes-langchain';
const NEEDED = {
	'AI Agent': 'dist/nodes/agents/Agent/Agent.node.js',
	'OpenAI Chat Model': 'dist/nodes/llms/LMChatOpenAi/LmChatOpenAi.node.js',
	'MCP Server Trigger': 'dist/nodes/mcp/McpTrigger/McpTrigger.node.js',
};

/** @param {{ dir: string, version: string }} runtime the installed n8n (test/e2e/n8n/install.js) */
function requireAiNodes(runtime) {
	const manifestFile = path.join(
		runtime.dir,
		'node_modules',
		...PACKAGE.split('/'),
		'package.json',
	);
	if (!fs.existsSync(manifestFile)) {
		throw new Error(
			`n8n ${runtime.version} here has no ${PACKAGE} (expected ${manifestFile}): the AI Agent and MCP tests cannot run`,
		);
	}
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const missing = Object.entries(NEEDED)
		.filter(([, file]) => !manifest.n8n?.nodes?.includes(file))
		.map(([name]) => name);
	if (missing.length > 0) {
		throw new Error(
			`${PACKAGE} ${manifest.version} in n8n ${runtime.version} lacks ${missing.join(', ')}: the AI Agent and MCP tests cannot run`,
		);
	}
	return manifest.version;
}

module.exports = { requireAiNodes };
