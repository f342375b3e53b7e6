// @ts-check
'use strict';

/**
 * The AI nodes the test needs come with n8n in @n8n/n8n-nodes-langchain, in versions that differ
 * between n8n releases (n8n 2.41.1: AI Agent 3.1, MCP Server Trigger 2.1; 1.123.81: 3 and 2;
 * 1.85.4: AI Agent 1.8 and no MCP Server Trigger). Which versions an n8n offers is read off the
 * installed node classes, loaded with that n8n's own Node. If an n8n lacks a node the test needs,
 * the test fails saying so, rather than time out waiting for a webhook that can never be
 * registered; only n8n 1.x may lack the MCP Server Trigger, and then its tests are skipped, saying so.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = '@n8n/n8n-nodes-langchain';
const NODES = {
	'AI Agent': 'dist/nodes/agents/Agent/Agent.node.js',
	'OpenAI Chat Model': 'dist/nodes/llms/LMChatOpenAi/LmChatOpenAi.node.js',
	'MCP Server Trigger': 'dist/nodes/mcp/McpTrigger/McpTrigger.node.js',
};
/** @typedef {keyof typeof NODES} AiNode */

/** Prints a node class's versions: a versioned node's `nodeVersions`, else `description.version`. */
const PRINT_VERSIONS = `
const found = {};
for (const [name, file] of JSON.parse(process.argv[1])) {
	const exported = require(file);
	const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
	const node = new NodeClass();
	found[name] = node.nodeVersions
		? Object.keys(node.nodeVersions).map(Number)
		: [].concat(node.description.version);
}
process.stdout.write(JSON.stringify(found));
`;

/**
 * @param {{ dir: string, node: string, version: string }} runtime the installed n8n (test/e2e/n8n/install.js)
 * @returns {{ packageVersion: string, offered: Partial<Record<AiNode, number[]>> }}
 */
function offeredAiNodes(runtime) {
	const packageDir = path.join(runtime.dir, 'node_modules', ...PACKAGE.split('/'));
	const manifestFile = path.join(packageDir, 'package.json');
	if (!fs.existsSync(manifestFile)) {
		throw new Error(
			`n8n ${runtime.version} here has no ${PACKAGE} (expected ${manifestFile}): the AI Agent and MCP tests cannot run`,
		);
	}
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const present = Object.entries(NODES)
		.filter(([, file]) => manifest.n8n?.nodes?.includes(file))
		.map(([name, file]) => [name, path.join(packageDir, file)]);
	const run = spawnSync(runtime.node, ['-e', PRINT_VERSIONS, JSON.stringify(present)], {
		cwd: packageDir,
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	});
	if (run.status !== 0) {
		throw new Error(
			`could not read the AI nodes' versions in n8n ${runtime.version}:\n${run.stderr}`,
		);
	}
	return { packageVersion: manifest.version, offered: JSON.parse(run.stdout) };
}

/**
 * The version of an AI node the test uses: `wanted` (what it was written for, n8n 2.41.1) where this
 * n8n offers it, else the newest this n8n offers below it (said on the output).
 * @param {{ version: string }} runtime
 * @param {ReturnType<typeof offeredAiNodes>} ai
 * @param {AiNode} name
 * @param {number} wanted
 * @returns {number | undefined} undefined: this n8n lacks the node
 */
function aiNodeVersion(runtime, ai, name, wanted) {
	const offered = ai.offered[name];
	if (!offered) return undefined;
	if (offered.includes(wanted)) return wanted;
	const older = offered.filter((version) => version < wanted).sort((a, b) => b - a)[0];
	if (older === undefined) {
		throw new Error(
			`n8n ${runtime.version} offers ${name} versions ${offered.join(', ')}: none at or below ${wanted}, which the test is written for`,
		);
	}
	process.stdout.write(
		`AI e2e on n8n ${runtime.version}: ${name} ${older} (the newest it has; n8n 2.41.1 runs ${wanted})\n`,
	);
	return older;
}

/**
 * A node the test needs: missing is a failure.
 * @param {{ version: string }} runtime
 * @param {ReturnType<typeof offeredAiNodes>} ai
 * @param {AiNode} name
 * @param {number} wanted
 */
function requireAiNode(runtime, ai, name, wanted) {
	const version = aiNodeVersion(runtime, ai, name, wanted);
	if (version === undefined) {
		throw new Error(
			`${PACKAGE} ${ai.packageVersion} in n8n ${runtime.version} lacks ${name}: the AI tests cannot run`,
		);
	}
	return version;
}

module.exports = { offeredAiNodes, aiNodeVersion, requireAiNode };
