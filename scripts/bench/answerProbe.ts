/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a benchmark script: it measures its own process and prints */
import { performance } from 'node:perf_hooks';

import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { DateTime } from 'luxon';

import { packageNamed } from '../../tools/packages';
import { loadBuiltPackage } from '../../test/support/harness/nodeTypes';
import { createPoller, runNode } from '../../test/support/harness/runWorkflow';

/**
 * One figure of the answer benchmark, measured in a process of its own (answer.bench.ts starts it):
 *   node answerProbe.js <mode> <sandbox URL> <key> <conversions>
 * Every mode loads the same modules first (the built package, n8n's engine, fast-xml-parser), so
 * `idle` is the baseline the others' peak RSS is compared with. Prints one line of JSON.
 */
const [mode, url, key, expectedText] = process.argv.slice(2);
const ZONE = 'Europe/Prague';
const expected = Number(expectedText);

interface Figure {
	ok: boolean;
	wallMs?: number;
	cpuMs?: number;
	peakRssKiB?: number;
	detail?: Record<string, number | string>;
}

async function measured<T>(
	step: () => Promise<T>,
): Promise<{ value: T; wallMs: number; cpuMs: number }> {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const value = await step();
	const wallMs = performance.now() - start;
	const used = process.cpuUsage(cpu);
	return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function peakRssKiB(): number {
	return process.resourceUsage().maxRSS;
}

function requestDocument(): string {
	const from = DateTime.now().setZone(ZONE).minus({ days: 90 }).toFormat('yyyy-MM-dd HH:mm');
	return new XMLBuilder({}).build({
		request: { key, method: 'GetConversions', filter_state: 'authorized', filter_date_from: from },
	}) as string;
}

async function fetchAnswer(): Promise<string> {
	const response = await fetch(url, {
		method: 'POST',
		body: new URLSearchParams({ data: requestDocument() }),
	});
	return await response.text();
}

const credentials = { affilBoxApi: { apiUrl: url, apiKey: key, timeZone: ZONE } };

async function probe(): Promise<Figure> {
	const loaded = await loadBuiltPackage(packageNamed('n8n-nodes-affilbox').builtDir);
	const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
	switch (mode) {
		case 'idle':
			return { ok: true, peakRssKiB: peakRssKiB() };
		case 'fetch': {
			const { value, wallMs, cpuMs } = await measured(fetchAnswer);
			return {
				ok: true,
				wallMs,
				cpuMs,
				peakRssKiB: peakRssKiB(),
				detail: { bytes: Buffer.byteLength(value) },
			};
		}
		case 'parse': {
			const answer = await fetchAnswer();
			const { wallMs, cpuMs } = await measured(async () => parser.parse(answer));
			return { ok: true, wallMs, cpuMs, peakRssKiB: peakRssKiB() };
		}
		case 'poll': {
			const poller = createPoller({
				nodeTypes: loaded.nodeTypes,
				credentialTypes: loaded.credentialTypes,
				credentials,
				node: {
					type: 'n8n-nodes-affilbox.affilBoxTrigger',
					parameters: { events: ['authorized'], lookbackDays: 90 },
				},
			});
			const first = await measured(() => poller.poll());
			const peak = peakRssKiB();
			const steady = await measured(() => poller.poll());
			const tracked = Object.keys(
				(first.value.nodeStaticData.state as { seen: object }).seen,
			).length;
			const stateBytes = Buffer.byteLength(JSON.stringify(steady.value.staticData));
			return {
				ok: tracked === expected && steady.value.output === null,
				wallMs: first.wallMs,
				cpuMs: first.cpuMs,
				peakRssKiB: peak,
				detail: {
					tracked,
					steadyWallMs: steady.wallMs,
					steadyCpuMs: steady.cpuMs,
					stateBytes,
				},
			};
		}
		case 'getMany50':
		case 'returnAll': {
			const { value, wallMs, cpuMs } = await measured(() =>
				runNode({
					nodeTypes: loaded.nodeTypes,
					credentialTypes: loaded.credentialTypes,
					credentials,
					node: {
						type: 'n8n-nodes-affilbox.affilBox',
						parameters: {
							resource: 'conversion',
							operation: 'getMany',
							returnAll: mode === 'returnAll',
							limit: 50,
							filters: { state: 'authorized' },
							// Timeout covers the whole answer: 100,000 conversions need more than the default 30 s.
							options: { timeout: 600 },
						},
					},
				}),
			);
			const items = value.items.length;
			return {
				ok: value.error === undefined && items === (mode === 'returnAll' ? expected : 50),
				wallMs,
				cpuMs,
				peakRssKiB: peakRssKiB(),
				detail: { items },
			};
		}
		default:
			throw new Error(`unknown mode ${mode}`);
	}
}

probe().then(
	(figure) => {
		process.stdout.write(`${JSON.stringify(figure)}\n`);
		// n8n-core leaves timers behind: the figure is out, end here.
		process.exit(figure.ok ? 0 : 1);
	},
	(error: unknown) => {
		process.stderr.write(`${mode}: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
