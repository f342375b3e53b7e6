/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- a benchmark script: it spawns processes, reads files and prints */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { XMLBuilder } from 'fast-xml-parser';

import { loadBuiltPackage } from '../harness/nodeTypes';
import { runNode } from '../harness/runWorkflow';
import affilboxSeed from '../fixtures/affilbox/seed.json';
import { latencyProxy, median, optionName, runLimited, startSandboxProcess, timed } from './benchTools';

const ROOT = process.cwd();
const LATENCY_MS = 20;
const CONFIRMS = 2_000;
const TRANSACTIONS = 10_000;
const PARALLEL = 5;
const AFFILBOX_KEY = 'bench-key';
const AFFELIOS_KEY = 'affelios-bench-key';

type Row = [string, string];
const rows: Row[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

function confirmDocument(id: string): string {
	return new XMLBuilder({}).build({
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		request: { key: AFFILBOX_KEY, method: 'ConfirmConversion', conversion_id: id, value: 'true' },
	}) as string;
}

async function rawConfirm(url: string, id: string): Promise<void> {
	const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ data: confirmDocument(id) }) });
	const text = await response.text();
	if (!text.includes('<status>OK</status>')) throw new Error(`raw confirm of ${id} failed: ${text.slice(0, 200)}`);
}

/** The alternative users have today: n8n's HTTP Request node with hand-built XML, in a real n8n. */
async function httpRequestNodeInN8n(url: string): Promise<number | undefined> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { ensureN8n } = require('../e2e/n8n/install') as typeof import('../e2e/n8n/install');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { createInstance } = require('../e2e/n8n/instance') as typeof import('../e2e/n8n/instance');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { freePort } = require('../e2e/processes') as typeof import('../e2e/processes');
	const runtime = ensureN8n({ log: say });
	const n8n = createInstance({ runtime, userFolder: mkdtempSync(join(tmpdir(), 'bench-n8n-')), port: await freePort(), brokerPort: await freePort() });
	n8n.importWorkflow({
		id: 'benchHttpRequest',
		name: 'bench: HTTP Request node with hand-built XML',
		active: false,
		nodes: [
			{ id: 'h1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'h2', name: 'Ids', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0],
				parameters: { assignments: { assignments: [{ id: 'i', name: 'ids', type: 'array', value: `={{ Array.from({ length: ${CONFIRMS} }, (_, i) => 'BENCH-' + i) }}` }] }, options: {} },
			},
			{ id: 'h3', name: 'One per Id', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'ids', options: {} } },
			{
				id: 'h4', name: 'Confirm via HTTP Request', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [600, 0],
				parameters: {
					method: 'POST', url, sendBody: true, contentType: 'form-urlencoded',
					bodyParameters: { parameters: [{ name: 'data', value: `=<?xml version="1.0" encoding="UTF-8"?><request><key>${AFFILBOX_KEY}</key><method>ConfirmConversion</method><conversion_id>{{ $json.ids }}</conversion_id><value>true</value></request>` }] },
					options: {},
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Ids', type: 'main', index: 0 }]] },
			Ids: { main: [[{ node: 'One per Id', type: 'main', index: 0 }]] },
			'One per Id': { main: [[{ node: 'Confirm via HTTP Request', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	});
	const execution = n8n.execute('benchHttpRequest');
	const task = execution.data.resultData.runData['Confirm via HTTP Request'][0];
	if (task.error || task.data.main[0].length !== CONFIRMS) throw new Error(`HTTP Request node run failed: ${task.error?.message}`);
	return task.executionTime as number;
}

async function confirmScenario(loaded: Awaited<ReturnType<typeof loadBuiltPackage>>) {
	const seedFile = join(mkdtempSync(join(tmpdir(), 'bench-affilbox-')), 'seed.json');
	const template = affilboxSeed.conversions[1];
	const conversions = Array.from({ length: CONFIRMS }, (_, index) => ({ ...template, id: String(100_000 + index), transactionId: `BENCH-${index}`, state: 'waiting' }));
	writeFileSync(seedFile, JSON.stringify({ ...affilboxSeed, conversions: [...affilboxSeed.conversions, ...conversions] }));
	const sandbox = await startSandboxProcess('affilbox', ['--key', AFFILBOX_KEY, '--seed', seedFile]);
	const proxy = await latencyProxy(sandbox.url, LATENCY_MS);
	try {
		const nodeType = loaded.nodeTypes['n8n-nodes-affiliate.affilBox'];
		const parallel = optionName(nodeType, 'Requests in Parallel');
		const node = await timed(() =>
			runNode({
				nodeTypes: loaded.nodeTypes,
				credentialTypes: loaded.credentialTypes,
				credentials: { affilBoxApi: { apiUrl: proxy.url, apiKey: AFFILBOX_KEY, timeZone: 'Europe/Prague' } },
				node: {
					type: 'n8n-nodes-affiliate.affilBox',
					parameters: { resource: 'conversion', operation: 'confirm', conversionId: '={{ $json.id }}', decision: 'approve', options: parallel ? { [parallel]: PARALLEL } : {} },
				},
				inputItems: Array.from({ length: CONFIRMS }, (_, index) => ({ id: `BENCH-${index}` })),
			}),
		);
		if (node.value.error || node.value.items.length !== CONFIRMS) throw new Error(`node run failed: ${node.value.error?.message}`);
		const floor = await timed(() => runLimited(CONFIRMS, PARALLEL, (index) => rawConfirm(proxy.url, `BENCH-${index}`)));
		const sequential = await timed(() => runLimited(CONFIRMS, 1, (index) => rawConfirm(proxy.url, `BENCH-${index}`)));
		let httpNode: number | undefined;
		try {
			httpNode = await httpRequestNodeInN8n(proxy.url);
		} catch (error) {
			say(`(HTTP Request node in n8n skipped: ${(error as Error).message.split('\n')[0]})`);
		}
		const label = `${CONFIRMS.toLocaleString('en')} × Confirm Conversion, ${LATENCY_MS} ms latency`;
		rows.push([`${label}: AffilBox node (${parallel ? `Requests in Parallel ${PARALLEL}` : 'no parallel option'})`, `${(node.ms / 1000).toFixed(2)} s`]);
		rows.push([`${label}: raw fetch, ${PARALLEL} in flight (floor)`, `${(floor.ms / 1000).toFixed(2)} s`]);
		rows.push([`${label}: raw fetch, one after another`, `${(sequential.ms / 1000).toFixed(2)} s`]);
		if (httpNode !== undefined) rows.push([`${label}: n8n HTTP Request node, defaults, real n8n`, `${(httpNode / 1000).toFixed(2)} s`]);
		rows.push(['→ AffilBox node vs one after another', `${(sequential.ms / node.ms).toFixed(2)}× faster`]);
		if (httpNode !== undefined) rows.push(['→ AffilBox node vs HTTP Request node', `${(httpNode / node.ms).toFixed(2)}× faster`]);
		rows.push(['→ AffilBox node ÷ raw floor', `${(node.ms / floor.ms).toFixed(2)}×`]);
	} finally {
		proxy.close();
		sandbox.stop();
	}
}

async function bulkScenario(loaded: Awaited<ReturnType<typeof loadBuiltPackage>>) {
	const sandbox = await startSandboxProcess('affelios', ['--key', AFFELIOS_KEY]);
	const proxy = await latencyProxy(sandbox.url, LATENCY_MS);
	try {
		const nodeType = loaded.nodeTypes['n8n-nodes-affiliate.affelios'];
		const parallel = optionName(nodeType, 'Requests in Parallel');
		const items = Array.from({ length: TRANSACTIONS }, (_, index) => ({ id: `TX-${index}`, amount: (index % 500) + 0.5 }));
		const node = await timed(() =>
			runNode({
				nodeTypes: loaded.nodeTypes,
				credentialTypes: loaded.credentialTypes,
				credentials: { affeliosApi: { apiKey: AFFELIOS_KEY, baseUrl: proxy.url, authorizationHeader: 'none' } },
				node: {
					type: 'n8n-nodes-affiliate.affelios',
					parameters: {
						resource: 'transaction', operation: 'createMany', inputMode: 'fields', externalId: '={{ $json.id }}',
						additionalFields: { grossRevenue: '={{ $json.amount }}' },
						options: { batchSize: 500, ...(parallel ? { [parallel]: PARALLEL } : {}) },
					},
				},
				inputItems: items,
			}),
		);
		if (node.value.error) throw new Error(`node run failed: ${node.value.error.message}`);
		const batches = Array.from({ length: Math.ceil(TRANSACTIONS / 500) }, (_, batch) =>
			JSON.stringify(items.slice(batch * 500, batch * 500 + 500).map((item) => ({ externalId: item.id, grossRevenue: item.amount }))),
		);
		const raw = await timed(() =>
			runLimited(batches.length, PARALLEL, async (index) => {
				const response = await fetch(`${proxy.url.replace(/\/$/, '')}/api/v1/transaction/bulk`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Api-Key': AFFELIOS_KEY },
					body: batches[index],
				});
				if (response.status !== 202 && response.status !== 201) throw new Error(`raw bulk failed: HTTP ${response.status}`);
				await response.arrayBuffer();
			}),
		);
		const label = `Create Many ${TRANSACTIONS.toLocaleString('en')} transactions (batches of 500), ${LATENCY_MS} ms latency`;
		rows.push([`${label}: Affelios node`, `${(node.ms / 1000).toFixed(2)} s`]);
		rows.push([`${label}: raw bulk POSTs, same batches and parallelism`, `${(raw.ms / 1000).toFixed(2)} s`]);
		rows.push(['→ Affelios node ÷ raw bulk', `${(node.ms / raw.ms).toFixed(2)}×`]);
	} finally {
		proxy.close();
		sandbox.stop();
	}
}

function coldRequire() {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((entry) => join(ROOT, entry));
	const script = `const t=process.hrtime.bigint();for(const f of ${JSON.stringify(entries)})require(f);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const runs = Array.from({ length: 7 }, () => Number(spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout));
	const baseline = Array.from({ length: 7 }, () =>
		Number(spawnSync(process.execPath, ['-e', "const t=process.hrtime.bigint();require('n8n-workflow');require('luxon');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))"], { cwd: ROOT, encoding: 'utf8' }).stdout),
	);
	rows.push([`cold require of all ${entries.length} built nodes and credentials (median of 7)`, `${median(runs).toFixed(0)} ms`]);
	rows.push(['  of which n8n-workflow + luxon alone (n8n has them loaded already)', `${median(baseline).toFixed(0)} ms`]);
}

async function main() {
	if (!existsSync(join(ROOT, 'dist'))) throw new Error('run npm run build first');
	const loaded = await loadBuiltPackage(ROOT);
	await confirmScenario(loaded);
	await bulkScenario(loaded);
	coldRequire();
	say(`\nThroughput benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`);
	say('| measure | value |\n|---|---|');
	for (const [measure, value] of rows) say(`| ${measure} | ${value} |`);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
