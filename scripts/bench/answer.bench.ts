/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- a benchmark script: it spawns processes and prints */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

import { startSandbox } from '../../test/e2e/processes';

/**
 * Large AffilBox answers: for 10,000 and 100,000 authorized conversions (one answer each), the
 * trigger's poll next to a raw fetch and a raw fast-xml-parser parse of the same answer, Get Many
 * with Limit 50 and Return All. Every figure comes from a process of its own (answerProbe.ts), so no
 * figure inherits another's heap; the sandbox runs in a process of its own too.
 */
const PROBE = process.env.BENCH_PROBE ?? '';
const KEY = 'bench-key';
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const HEAP_CAPS = [128, 256, 512];

interface Figure {
	ok: boolean;
	wallMs?: number;
	cpuMs?: number;
	peakRssKiB?: number;
	detail?: Record<string, number>;
}

function probe(mode: string, url: string, count: number, nodeFlags: string[] = []): Figure {
	const run = spawnSync(process.execPath, [...nodeFlags, PROBE, mode, url, KEY, String(count)], {
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	const line = run.stdout.trim().split('\n').at(-1) ?? '';
	try {
		return JSON.parse(line) as Figure;
	} catch {
		return { ok: false };
	}
}

const mib = (kib: number) => kib / 1024;
const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
const rows: Array<[string, string]> = [];
const row = (measure: string, value: string) => rows.push([measure, value]);

const answered = (output: string) => output.match(/GetConversions → /g)?.length ?? 0;
const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How many answers the sandbox has logged, once its log has caught up (the probes run
 * synchronously, so its output is read only between them).
 */
async function settledCount(sandbox: { output: () => string }): Promise<number> {
	for (;;) {
		const count = answered(sandbox.output());
		await pause(1000);
		if (answered(sandbox.output()) === count) return count;
	}
}

/**
 * "GetConversions → 200 OK, client closed after X of Y bytes" from the sandbox's verbose log, once
 * the sandbox has logged the answer after `before` answers (it notices a closed connection late).
 */
async function cutAfter(
	sandbox: { output: () => string },
	before: number,
): Promise<{ sent: number; bytes: number } | undefined> {
	for (let wait = 0; wait < 600 && answered(sandbox.output()) <= before; wait++) await pause(100);
	const last = sandbox
		.output()
		.split('\n')
		.filter((line) => line.includes('GetConversions → '))
		.at(-1);
	const cut = last === undefined ? null : /client closed after (\d+) of (\d+) bytes/.exec(last);
	return cut ? { sent: Number(cut[1]), bytes: Number(cut[2]) } : undefined;
}

async function measureSize(count: number): Promise<void> {
	const sandbox = await startSandbox('affilbox', {
		args: ['--key', KEY, '--bulk-conversions', String(count), '--verbose'],
	});
	const n = count.toLocaleString('en');
	try {
		const idle = probe('idle', sandbox.url, count);
		const idleKiB = idle.peakRssKiB ?? 0;
		const above = (figure: Figure) => mib((figure.peakRssKiB ?? 0) - idleKiB);
		const fetched = probe('fetch', sandbox.url, count);
		const answerMiB = (fetched.detail?.bytes ?? 0) / 1024 / 1024;
		const parsed = probe('parse', sandbox.url, count);
		const poll = probe('poll', sandbox.url, count);

		row(`**${n} conversions**: answer size`, `${answerMiB.toFixed(1)} MiB of XML`);
		row(
			`${n}: idle process (package and n8n's engine loaded), peak RSS`,
			`${mib(idleKiB).toFixed(0)} MiB`,
		);
		row(
			`${n}: raw fetch of the answer: wall / CPU / peak RSS above idle`,
			`${s(fetched.wallMs)} / ${s(fetched.cpuMs)} / +${above(fetched).toFixed(0)} MiB`,
		);
		row(
			`${n}: raw fast-xml-parser parse of it: wall / CPU / peak RSS above idle (fetch included)`,
			`${s(parsed.wallMs)} / ${s(parsed.cpuMs)} / +${above(parsed).toFixed(0)} MiB`,
		);
		row(
			`${n}: trigger poll (activation): wall / CPU / peak RSS above idle`,
			poll.ok ? `${s(poll.wallMs)} / ${s(poll.cpuMs)} / +${above(poll).toFixed(0)} MiB` : 'failed',
		);
		if (poll.ok) {
			row(
				`${n}: → poll CPU ÷ raw parse CPU; poll peak RSS above idle ÷ answer size`,
				`${((poll.cpuMs ?? 0) / (parsed.cpuMs ?? 1)).toFixed(2)}× ; ${(above(poll) / answerMiB).toFixed(2)}×`,
			);
			row(
				`${n}: later poll (nothing new): wall / CPU`,
				`${s(poll.detail?.steadyWallMs)} / ${s(poll.detail?.steadyCpuMs)}`,
			);
			row(
				`${n}: static data`,
				`${((poll.detail?.stateBytes ?? 0) / 1024 / 1024).toFixed(1)} MiB (${((poll.detail?.stateBytes ?? 0) / count).toFixed(1)} bytes per tracked conversion)`,
			);
		}
		const cap = HEAP_CAPS.find(
			(mb) => probe('poll', sandbox.url, count, [`--max-old-space-size=${mb}`]).ok,
		);
		row(
			`${n}: smallest --max-old-space-size (of ${HEAP_CAPS.join(', ')}) in which the poll succeeds`,
			cap === undefined ? `none (fails at ${HEAP_CAPS.at(-1)})` : `${cap} MB`,
		);

		if (count >= 100_000) {
			const before = await settledCount(sandbox);
			const limited = probe('getMany50', sandbox.url, count);
			const cut = await cutAfter(sandbox, before);
			row(
				`${n}: Get Many, Limit 50: wall / CPU / peak RSS above idle`,
				limited.ok
					? `${s(limited.wallMs)} / ${s(limited.cpuMs)} / +${above(limited).toFixed(0)} MiB`
					: 'failed',
			);
			row(
				`${n}: → bytes the sandbox sent before the node closed the connection ÷ answer size`,
				cut
					? `${(cut.sent / 1024 / 1024).toFixed(2)} MiB of ${(cut.bytes / 1024 / 1024).toFixed(1)} MiB = ${((100 * cut.sent) / cut.bytes).toFixed(1)} %`
					: 'the whole answer',
			);
			const all = probe('returnAll', sandbox.url, count);
			row(
				`${n}: Get Many, Return All (${n} items): wall / CPU / peak RSS above idle`,
				all.ok ? `${s(all.wallMs)} / ${s(all.cpuMs)} / +${above(all).toFixed(0)} MiB` : 'failed',
			);
		}
	} finally {
		sandbox.stop();
	}
}

async function main() {
	if (!PROBE)
		throw new Error('BENCH_PROBE must name the built answerProbe.js (gulp bench sets it)');
	for (const count of SIZES) await measureSize(count);
	process.stdout.write(
		`\nLarge AffilBox answers — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; every figure from a process of its own\n\n`,
	);
	process.stdout.write('| measure | value |\n|---|---|\n');
	for (const [measure, value] of rows) process.stdout.write(`| ${measure} | ${value} |\n`);
}

void main();
