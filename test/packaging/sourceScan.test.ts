/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test-only: copies the repository and runs n8n's scanner on the copies */
import { execFile } from 'node:child_process';
import {
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readlinkSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { listPackages, ROOT } from '../../tools/packages';
import { judgeSourceLeg, sourceView } from '../../tools/sourceScan';

const packages = listPackages();
const AFFILBOX = packages.find((pkg) => pkg.id === 'affilbox')!;
const SCAN = join(ROOT, 'test', 'scanner', 'scan.mjs');

const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the committed tree (links kept, no node_modules or dist), changed by `change`. */
function repositoryCopy(change: (repository: string) => void) {
	const repository = mkdtempSync(join(tmpdir(), 'source-scan-'));
	folders.push(repository);
	sourceView(ROOT, repository);
	change(repository);
	return repository;
}

/** The sources leg of test/scanner/scan.mjs (n8n's scanner) on another repository. */
function scanSources(repository: string) {
	return new Promise<{ code: number | null; stdout: string }>((resolve) => {
		execFile(
			process.execPath,
			[SCAN, '--repository', repository],
			{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) =>
				resolve({ code: error ? (error.code as number) : 0, stdout: stdout + stderr }),
		);
	});
}

/** Points `link` (a path in `repository`) at `target`, or removes it (target undefined). */
function relink(repository: string, link: string, target?: string) {
	rmSync(join(repository, link));
	if (target !== undefined) symlinkSync(target, join(repository, link));
}

describe('the view of the committed tree that n8n scans', () => {
	it('holds each package folder with its links as committed, and no dependencies or build output', () => {
		const view = repositoryCopy(() => undefined);
		const link = (file: string) =>
			lstatSync(join(view, file)).isSymbolicLink() ? readlinkSync(join(view, file)) : 'not a link';
		expect(link('packages/affilbox/nodes/AffilBox')).toBe('../../../nodes/AffilBox');
		expect(link('packages/affilbox/nodes/shared')).toBe('../../../nodes/shared');
		expect(link('packages/affilbox/credentials/AffilBoxApi.credentials.ts')).toBe(
			'../../../credentials/AffilBoxApi.credentials.ts',
		);
		expect(link('packages/affelios/nodes/Affelios')).toBe('../../../nodes/Affelios');
		expect(() => lstatSync(join(view, 'node_modules'))).toThrow();
		expect(() => lstatSync(join(view, 'dist'))).toThrow();
	});
});

describe('what the source leg must have linted', () => {
	const candidates = [
		'nodes/AffilBox/AffilBox.node.ts',
		'nodes/AffilBox/transport/index.ts',
		'nodes/shared/numbers.ts',
		'credentials/AffilBoxApi.credentials.ts',
		'credentials/AffilBoxApiV2Api.credentials.ts',
		'nodes/Affelios/Affelios.node.ts',
		'credentials/AffeliosApi.credentials.ts',
	];
	type Linted = { file: string; real: string | undefined; linted: boolean; why?: string };
	const through = (real: string): Linted => ({
		file: `packages/affilbox/${real}`,
		real,
		linted: true,
	});
	const everything: Linted[] = [
		{
			file: 'packages/affilbox/package.json',
			real: 'packages/affilbox/package.json',
			linted: true,
		},
		...candidates.slice(0, 5).map(through),
	];
	const judge = (linted: Linted[]) =>
		judgeSourceLeg({ pkg: AFFILBOX, packages, candidates, linted });

	it('passes its own sources, the core and its manifest', () => {
		expect(judge(everything)).toEqual([]);
	});

	it.each<[string, Linted[], string[]]>([
		[
			'one of its sources unlinted',
			everything.filter((file) => file.real !== 'nodes/AffilBox/transport/index.ts'),
			['1 of its sources were not linted: nodes/AffilBox/transport/index.ts'],
		],
		[
			'its credential unlinted',
			everything.filter((file) => !file.real?.startsWith('credentials/')),
			[
				'credentials/AffilBoxApi.credentials.ts was not linted: packages/affilbox/credentials/AffilBoxApi.credentials.ts must link to ../../../credentials/AffilBoxApi.credentials.ts',
				'credentials/AffilBoxApiV2Api.credentials.ts was not linted: packages/affilbox/credentials/AffilBoxApiV2Api.credentials.ts must link to ../../../credentials/AffilBoxApiV2Api.credentials.ts',
			],
		],
		[
			'a file ESLint only reported as ignored',
			[
				...everything.filter((file) => file.real !== candidates[3]),
				{
					...through(candidates[3]),
					linted: false,
					why: 'File ignored because outside of base path.',
				},
			],
			[
				'ESLint did not lint packages/affilbox/credentials/AffilBoxApi.credentials.ts: File ignored because outside of base path.',
				'credentials/AffilBoxApi.credentials.ts was not linted: packages/affilbox/credentials/AffilBoxApi.credentials.ts must link to ../../../credentials/AffilBoxApi.credentials.ts',
			],
		],
		[
			'a file of no package (a test linked by mistake)',
			[...everything, through('test/unit/example.test.ts')],
			[
				'1 linted files are no node or credential source of n8n-nodes-affilbox: packages/affilbox/test/unit/example.test.ts (test/unit/example.test.ts)',
			],
		],
	])('fails %s', (_what, linted, expected) => {
		expect(judge(linted)).toEqual(expected);
	});
});

describe("n8n's scanner on a repository whose package folders link wrongly", () => {
	// Both runs at once: each loads ESLint and lints ~150 files.
	let broken: Awaited<ReturnType<typeof scanSources>>;
	let duplicated: Awaited<ReturnType<typeof scanSources>>;
	beforeAll(async () => {
		[broken, duplicated] = await Promise.all([
			scanSources(
				repositoryCopy((repository) => {
					relink(repository, 'packages/affilbox/nodes/AffilBox');
					relink(repository, 'packages/affelios/nodes/Affelios', '../../../nodes/AffilBox');
					relink(
						repository,
						'packages/affelios/credentials/AffeliosApi.credentials.ts',
						join(ROOT, 'credentials', 'AffeliosApi.credentials.ts'),
					);
					// A rule broken in the core: both packages reach it through their links.
					writeFileSync(
						join(repository, 'nodes', 'shared', 'planted.ts'),
						'export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n',
					);
				}),
			),
			scanSources(
				repositoryCopy((repository) => {
					// A second folder named like a package: the scan might take that one.
					mkdirSync(join(repository, 'test', 'fixture'), { recursive: true });
					writeFileSync(
						join(repository, 'test', 'fixture', 'package.json'),
						JSON.stringify({ name: 'n8n-nodes-affelios' }),
					);
				}),
			),
		]);
	}, 240_000);

	it('fails a package whose link to its platform is missing: none of its nodes would be scanned', () => {
		expect(broken.code).toBe(1);
		expect(broken.stdout).toContain(
			'- no source of nodes/AffilBox/ was linted: packages/affilbox/nodes/AffilBox must link to ../../../nodes/AffilBox',
		);
	});

	it('fails a package whose link points at the other service, or out of the repository', () => {
		expect(broken.stdout).toMatch(
			/- \d+ linted files are sources of n8n-nodes-affilbox, the other service's code scanned as n8n-nodes-affelios's: packages\/affelios\/nodes\/Affelios\/AffilBox\.node\.json \(nodes\/AffilBox\/AffilBox\.node\.json\)/,
		);
		expect(broken.stdout).toContain(
			'- no source of nodes/Affelios/ was linted: packages/affelios/nodes/Affelios must link to ../../../nodes/Affelios',
		);
		expect(broken.stdout).toContain(
			"- packages/affelios/credentials/AffeliosApi.credentials.ts leads out of the repository (a link must be relative: GitHub's tarball holds only the repository)",
		);
	});

	it('reports a rule broken in the core under each package folder, as n8n would', () => {
		for (const id of ['affilbox', 'affelios']) {
			expect(broken.stdout).toMatch(
				new RegExp(
					`packages/${id}/nodes/shared/planted\\.ts\\n\\s+1:\\d+\\s+error\\s+Use of restricted global 'setTimeout'`,
				),
			);
		}
	});

	it('fails a package name found in two folders, and passes the package that is right', () => {
		expect(duplicated.code).toBe(1);
		expect(duplicated.stdout).toContain(
			"n8n's scan takes the first folder whose package.json is named n8n-nodes-affelios: here ",
		);
		expect(duplicated.stdout).toContain(
			' of packages/affelios, test/fixture; it must be packages/affelios alone',
		);
		expect(duplicated.stdout).toMatch(
			/n8n-nodes-affilbox, sources \(packages\/affilbox\/\): passed\n {2}\d+ files linted: packages\/affilbox\/package\.json, \d+ in nodes\/AffilBox\/, \d+ in nodes\/shared\/, credentials\/AffilBoxApi\.credentials\.ts, credentials\/AffilBoxApiV2Api\.credentials\.ts\n/,
		);
	});
});
