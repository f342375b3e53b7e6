/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a benchmark script: it reads files and prints */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { DateTime } from 'luxon';

import { loadBuiltPackage } from '../harness/nodeTypes';
import { createPoller } from '../harness/runWorkflow';
import seed from '../fixtures/affilbox/seed.json';
import { startSandbox } from '../e2e/processes';
import { median, timed } from './benchTools';

const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 100_000);
const KEY = 'bench-key';
const ZONE = 'Europe/Prague';

/** 100,000 authorized conversions spread over the last 80 days, in the sandbox's own record shape. */
function benchSeed() {
	const template = seed.conversions[0];
	const now = DateTime.now().setZone(ZONE);
	const conversions = Array.from({ length: CONVERSIONS }, (_, index) => ({
		...template,
		id: String(1_000_000 + index),
		transactionId: `BENCH-${index}`,
		state: 'authorized',
		createDate: now
			.minus({ minutes: 1 + (index % (80 * 24 * 60)) })
			.toFormat('yyyy-MM-dd HH:mm:ss'),
		comment: index % 10 === 0 ? 'Objednávka & <dárek>' : '',
	}));
	return { ...seed, conversions };
}

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'affilbox-bench-'));
	const seedFile = join(dir, 'seed.json');
	writeFileSync(seedFile, JSON.stringify(benchSeed()));
	// The sandbox in a process of its own, so the figures below are the poll's alone.
	const sandbox = await startSandbox('affilbox', { args: ['--key', KEY, '--seed', seedFile] });
	try {
		const from = DateTime.now().setZone(ZONE).minus({ days: 90 }).toFormat('yyyy-MM-dd HH:mm');
		const request = new XMLBuilder({}).build({
			request: {
				key: KEY,
				method: 'GetConversions',
				filter_state: 'authorized',
				filter_date_from: from,
			},
		}) as string;
		const fetchRaw = async () =>
			await (
				await fetch(sandbox.url, { method: 'POST', body: new URLSearchParams({ data: request }) })
			).text();

		const fetches = [];
		let payload = '';
		for (let run = 0; run < 3; run++) {
			const { ms, value } = await timed(fetchRaw);
			fetches.push(ms);
			payload = value;
		}
		const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
		const parses = [];
		for (let run = 0; run < 5; run++) parses.push((await timed(() => parser.parse(payload))).ms);

		const loaded = await loadBuiltPackage(process.cwd());
		const poller = createPoller({
			nodeTypes: loaded.nodeTypes,
			credentialTypes: loaded.credentialTypes,
			credentials: { affilBoxApi: { apiUrl: sandbox.url, apiKey: KEY, timeZone: ZONE } },
			node: {
				type: 'n8n-nodes-affiliate.affilBoxTrigger',
				parameters: { events: ['authorized'], lookbackDays: 90 },
			},
		});
		const baseline = await timed(() => poller.poll());
		const steady = await timed(() => poller.poll());
		const tracked = Object.keys(
			(baseline.value.nodeStaticData.state as { seen: object }).seen,
		).length;
		const stateBytes = Buffer.byteLength(JSON.stringify(steady.value.staticData));

		const rawParse = median(parses);
		const rawFetch = median(fetches);
		const rows: Array<[string, string]> = [
			[
				'conversions served',
				`${CONVERSIONS.toLocaleString('en')} (${(payload.length / 1e6).toFixed(1)} MB of XML)`,
			],
			['raw fast-xml-parser parse (median of 5)', `${rawParse.toFixed(0)} ms`],
			['raw HTTP fetch of the answer (median of 3)', `${rawFetch.toFixed(0)} ms`],
			['trigger poll, first activation (baseline)', `${baseline.ms.toFixed(0)} ms`],
			['trigger poll, steady state (nothing new)', `${steady.ms.toFixed(0)} ms`],
			['steady poll ÷ raw parse', `${(steady.ms / rawParse).toFixed(2)}×`],
			[
				'steady poll ÷ (raw fetch + raw parse)',
				`${(steady.ms / (rawFetch + rawParse)).toFixed(2)}×`,
			],
			[
				'peak RSS of the polling process',
				`${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
			],
			[
				'static data',
				`${stateBytes.toLocaleString('en')} bytes = ${(stateBytes / tracked).toFixed(1)} bytes per tracked conversion (${tracked.toLocaleString('en')} tracked)`,
			],
		];
		process.stdout.write(
			`\nAffilBox Trigger poll benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n\n`,
		);
		process.stdout.write('| measure | value |\n|---|---|\n');
		for (const [measure, value] of rows) process.stdout.write(`| ${measure} | ${value} |\n`);
		if (steady.value.output !== null || tracked !== CONVERSIONS) {
			process.stdout.write(
				`\nunexpected: the baseline tracked ${tracked} conversions and the steady poll emitted ${steady.value.output?.[0].length ?? 0}\n`,
			);
			process.exitCode = 1;
		}
	} finally {
		sandbox.stop();
	}
}

void main();
