/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- a benchmark script: it spawns processes, reads files and prints */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { XMLBuilder } from 'fast-xml-parser';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { listPackages } from '../../tools/packages';
import { loadBuiltPackages } from '../../test/support/harness/nodeTypes';
import { runNode } from '../../test/support/harness/runWorkflow';
import { startSandbox } from '../../test/e2e/processes';
import affilboxSeed from '../../test/fixtures/affilbox/seed.json';
import { latencyProxy, median, optionName, runLimited, timed } from './benchTools';

const ROOT = process.cwd();
const PACKAGES = listPackages();
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
	const response = await fetch(url, {
		method: 'POST',
		body: new URLSearchParams({ data: confirmDocument(id) }),
	});
	const text = await response.text();
	if (!text.includes('<status>OK</status>'))
		throw new Error(`raw confirm of ${id} failed: ${text.slice(0, 200)}`);
}

/**
 * The same call the way n8n's request helper sends it: a new agent, so a new TCP connection, per
 * request (n8n-core makes one per request; a node cannot hand it a shared one). The node ÷ this
 * floor is the node's own cost; fetch above keeps its connections alive.
 */
function rawConfirmNewConnection(url: string, id: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const body = new URLSearchParams({ data: confirmDocument(id) }).toString();
		const request = http.request(
			url,
			{
				method: 'POST',
				agent: new http.Agent(),
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
				},
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () =>
					text.includes('<status>OK</status>')
						? resolve()
						: reject(new Error(`raw confirm of ${id} failed: ${text.slice(0, 200)}`)),
				);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/**
 * A floor through n8n itself: a minimal node run by the same engine, reading the same ID expression
 * for every item before it sends any (as the AffilBox node does), then the same POST through n8n's
 * request helper, the answer as text (the cheapest way n8n reads it). The AffilBox node ÷ this is
 * what this project's code adds (transport, streaming reader, output); this ÷ the raw floor is
 * n8n's own per-request work.
 */
const n8nHelperFloor: INodeType = {
	description: {
		displayName: 'n8n Request Helper Floor',
		name: 'n8nHelperFloor',
		group: ['transform'],
		version: 1,
		description: 'Benchmark only',
		defaults: { name: 'n8n Request Helper Floor' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'ID', name: 'id', type: 'string', default: '' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'In Flight', name: 'inFlight', type: 'number', default: 5 },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const ids = items.map((_, index) => this.getNodeParameter('id', index) as string);
		const url = this.getNodeParameter('url', 0) as string;
		const inFlight = this.getNodeParameter('inFlight', 0) as number;
		await runLimited(ids.length, inFlight, async (index) => {
			const text = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
				body: { data: confirmDocument(ids[index]) },
				// As text: without it axios tries to read every answer as JSON first (and fails).
				encoding: 'text',
				json: false,
				disableFollowRedirect: true,
			})) as string;
			if (!text.includes('<status>OK</status>'))
				throw new Error(`helper confirm of ${ids[index]} failed: ${text.slice(0, 200)}`);
		});
		return [items.map((_, index) => ({ json: { id: ids[index] }, pairedItem: { item: index } }))];
	},
};

/** An AffilBox sandbox process whose seed adds CONFIRMS waiting conversions (IDs 100000…, BENCH-…). */
async function seededAffilBoxSandbox() {
	const seedFile = join(mkdtempSync(join(tmpdir(), 'bench-affilbox-')), 'seed.json');
	const template = affilboxSeed.conversions[1];
	const conversions = Array.from({ length: CONFIRMS }, (_, index) => ({
		...template,
		id: String(100_000 + index),
		transactionId: `BENCH-${index}`,
		state: 'waiting',
	}));
	writeFileSync(
		seedFile,
		JSON.stringify({ ...affilboxSeed, conversions: [...affilboxSeed.conversions, ...conversions] }),
	);
	return startSandbox('affilbox', { args: ['--key', AFFILBOX_KEY, '--seed', seedFile] });
}

/** How often each Confirm Conversion figure is measured; the table shows the medians. */
const ROUNDS = 3;

/** Median, lowest and highest of a figure's rounds, e.g. "1.13× (1.10–1.16×)". */
function spread(values: number[], digits: number, unit: string): string {
	const low = Math.min(...values).toFixed(digits);
	const high = Math.max(...values).toFixed(digits);
	return `${median(values).toFixed(digits)}${unit} (${low}–${high}${unit})`;
}

/**
 * Node ÷ floor figures of Confirm Conversion at 5 and 10 in flight; returns the node's median time
 * at 5. Every figure is measured ROUNDS times, the rounds one after another, each round measuring
 * everything once (so a busy moment of the machine weighs on one round of every figure, not on
 * all rounds of one), and each ratio is the median of the rounds' ratios. The node and the floor
 * through n8n run once, untimed, before the first round: the first run of n8n's engine in a
 * process compiles its code (the JIT), which would weigh on whichever ran first.
 */
async function confirmScenario(loaded: Awaited<ReturnType<typeof loadBuiltPackages>>) {
	const sandbox = await seededAffilBoxSandbox();
	const proxy = await latencyProxy(sandbox.url, LATENCY_MS);
	try {
		const nodeType = loaded.nodeTypes['n8n-nodes-affilbox.affilBox'];
		const parallel = optionName(nodeType, 'Requests in Parallel');
		const label = `${CONFIRMS.toLocaleString('en')} × Confirm Conversion, ${LATENCY_MS} ms latency`;
		const inputItems = Array.from({ length: CONFIRMS }, (_, index) => ({ id: `BENCH-${index}` }));
		const viaNode = async (inFlight: number) => {
			const run = await timed(() =>
				runNode({
					nodeTypes: loaded.nodeTypes,
					credentialTypes: loaded.credentialTypes,
					credentials: {
						affilBoxApi: { apiUrl: proxy.url, apiKey: AFFILBOX_KEY, timeZone: 'Europe/Prague' },
					},
					node: {
						type: 'n8n-nodes-affilbox.affilBox',
						parameters: {
							resource: 'conversion',
							operation: 'confirm',
							// Version 3 (the default): the transaction ID is the picker `transactionId`.
							transactionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
							decision: 'approve',
							options: parallel ? { [parallel]: inFlight } : {},
						},
					},
					inputItems,
				}),
			);
			if (run.value.error || run.value.items.length !== CONFIRMS)
				throw new Error(`node run failed: ${run.value.error?.message}`);
			return run.ms;
		};
		const viaHelper = async (inFlight: number) => {
			const run = await timed(() =>
				runNode({
					nodeTypes: { ...loaded.nodeTypes, n8nHelperFloor },
					credentialTypes: loaded.credentialTypes,
					node: {
						type: 'n8nHelperFloor',
						parameters: { id: '={{ $json.id }}', url: proxy.url, inFlight },
					},
					inputItems,
				}),
			);
			if (run.value.error || run.value.items.length !== CONFIRMS)
				throw new Error(`n8n helper floor failed: ${run.value.error?.message}`);
			return run.ms;
		};
		const raw = async (inFlight: number, send: (url: string, id: string) => Promise<void>) =>
			(
				await timed(() =>
					runLimited(CONFIRMS, inFlight, (index) => send(proxy.url, `BENCH-${index}`)),
				)
			).ms;

		await viaNode(2 * PARALLEL);
		await viaHelper(2 * PARALLEL);
		const sequential = await raw(1, rawConfirm);
		rows.push([`${label}: raw fetch, one after another`, `${(sequential / 1000).toFixed(2)} s`]);

		const levels = [PARALLEL, 2 * PARALLEL];
		const figures = levels.map(() => ({
			node: [] as number[],
			floor: [] as number[],
			fresh: [] as number[],
			helper: [] as number[],
		}));
		for (let round = 0; round < ROUNDS; round++) {
			for (const [level, inFlight] of levels.entries()) {
				const measured = figures[level];
				measured.node.push(await viaNode(inFlight));
				measured.floor.push(await raw(inFlight, rawConfirm));
				measured.fresh.push(await raw(inFlight, rawConfirmNewConnection));
				measured.helper.push(await viaHelper(inFlight));
			}
		}

		const seconds = (values: number[]) =>
			spread(
				values.map((ms) => ms / 1000),
				2,
				' s',
			);
		const ratios = (top: number[], bottom: number[]) =>
			spread(
				top.map((ms, round) => ms / bottom[round]),
				2,
				'×',
			);
		rows.push([
			`${label}: each figure below is the median of ${ROUNDS} rounds (lowest–highest)`,
			'',
		]);
		for (const [level, inFlight] of levels.entries()) {
			const { node, floor, fresh, helper } = figures[level];
			rows.push([
				`${label}: AffilBox node, Requests in Parallel ${inFlight}${inFlight === PARALLEL ? ' (default)' : ''}`,
				seconds(node),
			]);
			rows.push([`${label}: raw fetch, ${inFlight} in flight (floor)`, seconds(floor)]);
			rows.push([
				`→ node at ${inFlight} vs one after another / ÷ raw floor`,
				`${(sequential / median(node)).toFixed(2)}× faster / ${ratios(node, floor)}`,
			]);
			rows.push([
				`${label}: raw http.request, ${inFlight} in flight, a new connection per request (as n8n sends)`,
				seconds(fresh),
			]);
			rows.push([
				`→ node at ${inFlight} ÷ raw with a new connection per request`,
				ratios(node, fresh),
			]);
			rows.push([
				`${label}: n8n's engine and request helper alone (a minimal node: the same expression per item, the same POST), ${inFlight} in flight`,
				seconds(helper),
			]);
			rows.push([
				`→ n8n alone ÷ raw floor (n8n's own cost) / node ÷ n8n alone (this project's own cost)`,
				`${ratios(helper, floor)} / ${ratios(node, helper)}`,
			]);
		}
		return median(figures[0].node);
	} finally {
		await proxy.close();
		await sandbox.stop();
	}
}

/**
 * Conversion → Change Many (API v2: one conversions/change per batch, then one conversions/list
 * to read the batch back) for the same 2,000 conversions, against Confirm Conversion one call per
 * item at the default 5 in flight measured above.
 */
async function changeManyScenario(
	loaded: Awaited<ReturnType<typeof loadBuiltPackages>>,
	confirmMs: number,
) {
	const sandbox = await seededAffilBoxSandbox();
	const proxy = await latencyProxy(sandbox.url, LATENCY_MS);
	try {
		const label = `${CONFIRMS.toLocaleString('en')} conversions approved, ${LATENCY_MS} ms latency`;
		const changeMany = await timed(() =>
			runNode({
				nodeTypes: loaded.nodeTypes,
				credentialTypes: loaded.credentialTypes,
				credentials: {
					affilBoxApiV2Api: {
						instanceNumber: '1234',
						apiKey: AFFILBOX_KEY,
						apiUrl: `${new URL(proxy.url).origin}/v2`,
						timeZone: 'Europe/Prague',
					},
				},
				node: {
					type: 'n8n-nodes-affilbox.affilBox',
					parameters: {
						api: 'v2',
						resource: 'conversion',
						operation: 'changeMany',
						conversionIds: '={{ $json.id }}',
						state: 'authorized',
					},
				},
				inputItems: Array.from({ length: CONFIRMS }, (_, index) => ({
					id: String(100_000 + index),
				})),
			}),
		);
		const { items, error } = changeMany.value;
		if (error || items.length !== CONFIRMS || items.some((item) => item.json.outcome !== 'done'))
			throw new Error(`Change Many failed: ${error?.message ?? `${items.length} items`}`);
		rows.push([
			`${label}: Confirm Conversion, one call per item, 5 in flight (above, median)`,
			`${(confirmMs / 1000).toFixed(2)} s`,
		]);
		rows.push([
			`${label}: Conversion → Change Many (API v2), batches of 100, each read back`,
			`${(changeMany.ms / 1000).toFixed(2)} s`,
		]);
		rows.push([
			'→ Change Many vs Confirm Conversion per item',
			`${(confirmMs / changeMany.ms).toFixed(1)}× faster`,
		]);
	} finally {
		await proxy.close();
		await sandbox.stop();
	}
}

async function bulkScenario(loaded: Awaited<ReturnType<typeof loadBuiltPackages>>) {
	const sandbox = await startSandbox('affelios', { args: ['--key', AFFELIOS_KEY] });
	const proxy = await latencyProxy(sandbox.url, LATENCY_MS);
	try {
		const nodeType = loaded.nodeTypes['n8n-nodes-affelios.affelios'];
		const parallel = optionName(nodeType, 'Requests in Parallel');
		const items = Array.from({ length: TRANSACTIONS }, (_, index) => ({
			id: `TX-${index}`,
			amount: (index % 500) + 0.5,
		}));
		const createMany = (mode: 'fields' | 'json') =>
			timed(() =>
				runNode({
					nodeTypes: loaded.nodeTypes,
					credentialTypes: loaded.credentialTypes,
					credentials: {
						affeliosApi: { apiKey: AFFELIOS_KEY, baseUrl: proxy.url, authorizationHeader: 'none' },
					},
					node: {
						type: 'n8n-nodes-affelios.affelios',
						parameters: {
							resource: 'transaction',
							operation: 'createMany',
							inputMode: mode,
							externalId: '={{ $json.id }}',
							additionalFields: { grossRevenue: '={{ $json.amount }}' },
							options: { batchSize: 500, ...(parallel ? { [parallel]: PARALLEL } : {}) },
						},
					},
					inputItems:
						mode === 'json'
							? items.map((item) => ({ externalId: item.id, grossRevenue: item.amount }))
							: items,
				}),
			);
		const mapped = await createMany('fields');
		const asIs = await createMany('json');
		for (const run of [mapped, asIs])
			if (run.value.error) throw new Error(`node run failed: ${run.value.error.message}`);
		const batches = Array.from({ length: Math.ceil(TRANSACTIONS / 500) }, (_, batch) =>
			JSON.stringify(
				items
					.slice(batch * 500, batch * 500 + 500)
					.map((item) => ({ externalId: item.id, grossRevenue: item.amount })),
			),
		);
		const raw = await timed(() =>
			runLimited(batches.length, PARALLEL, async (index) => {
				const response = await fetch(`${proxy.url.replace(/\/$/, '')}/api/v1/transaction/bulk`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Api-Key': AFFELIOS_KEY },
					body: batches[index],
				});
				if (response.status !== 202 && response.status !== 201)
					throw new Error(`raw bulk failed: HTTP ${response.status}`);
				await response.arrayBuffer();
			}),
		);
		const label = `Create Many ${TRANSACTIONS.toLocaleString('en')} transactions (20 batches of 500, ${PARALLEL} in flight), ${LATENCY_MS} ms latency`;
		rows.push([`${label}: raw bulk POSTs`, `${(raw.ms / 1000).toFixed(2)} s`]);
		rows.push([`${label}: Affelios node, Use Item JSON As Is`, `${(asIs.ms / 1000).toFixed(2)} s`]);
		rows.push([
			`${label}: Affelios node, Map Fields Below (2 expressions per item)`,
			`${(mapped.ms / 1000).toFixed(2)} s`,
		]);
		rows.push([
			'→ Affelios node ÷ raw bulk: as is / mapped',
			`${(asIs.ms / raw.ms).toFixed(2)}× / ${(mapped.ms / raw.ms).toFixed(2)}×`,
		]);
	} finally {
		await proxy.close();
		await sandbox.stop();
	}
}

/** Libraries n8n has loaded before it loads a community package (the bundles leave them external). */
const PRELOADED = ['n8n-workflow', 'luxon'];

/**
 * A fresh Node process `require`s PRELOADED, then `files`: milliseconds of each step. The second
 * is what the files cost on their own, in the state n8n loads them in.
 */
function coldRequireMs(files: string[]): { preloaded: number; own: number } {
	const script = [
		'const now=()=>Number(process.hrtime.bigint())/1e6;',
		`const t0=now();for(const f of ${JSON.stringify(PRELOADED)})require(f);`,
		`const t1=now();for(const f of ${JSON.stringify(files)})require(f);`,
		'const t2=now();process.stdout.write(JSON.stringify({preloaded:t1-t0,own:t2-t1}))',
	].join('');
	const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
	if (run.status !== 0)
		throw new Error(`cold require of ${files.join(', ')} failed: ${run.stderr}`);
	return JSON.parse(run.stdout) as { preloaded: number; own: number };
}

/**
 * Cold `require` of each package's built nodes and credentials, each in fresh processes: the
 * package's own time, after n8n-workflow + luxon (measured in the same processes: the baseline).
 */
function coldRequire() {
	const RUNS = 9;
	const packages = PACKAGES.map(({ name, builtDir, manifest }) => ({
		name,
		entries: [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((entry) =>
			join(builtDir, entry),
		),
	}));
	const all = packages.flatMap(({ entries }) => entries);
	const together: Array<{ preloaded: number; own: number }> = [];
	const each = packages.map(() => [] as number[]);
	// Interleaved, so that a busy moment of the machine weighs on every figure alike.
	for (let run = 0; run < RUNS; run++) {
		together.push(coldRequireMs(all));
		for (const [index, { entries }] of packages.entries())
			each[index].push(coldRequireMs(entries).own);
	}
	const baseline = median(together.map(({ preloaded }) => preloaded));
	const total = median(together.map(({ preloaded, own }) => preloaded + own));
	rows.push([
		`cold require of all ${all.length} built nodes and credentials, n8n-workflow + luxon included (median of ${RUNS})`,
		`${total.toFixed(0)} ms`,
	]);
	rows.push([
		'  of which n8n-workflow + luxon alone (n8n has them loaded already)',
		`${baseline.toFixed(0)} ms`,
	]);
	for (const [index, { name, entries }] of packages.entries())
		rows.push([
			`  ${name}'s own cold require (its ${entries.length} entries, after n8n-workflow + luxon)`,
			`${median(each[index]).toFixed(0)} ms`,
		]);
}

async function main() {
	if (!PACKAGES.every(({ builtDir }) => existsSync(builtDir)))
		throw new Error('run npm run build first');
	const loaded = await loadBuiltPackages(PACKAGES.map(({ builtDir }) => builtDir));
	await changeManyScenario(loaded, await confirmScenario(loaded));
	await bulkScenario(loaded);
	coldRequire();
	say(
		`\nThroughput benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`,
	);
	say('| measure | value |\n|---|---|');
	for (const [measure, value] of rows) say(`| ${measure} | ${value} |`);
	// Keep-alive sockets of the proxies and of fetch would hold the process open for minutes.
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
