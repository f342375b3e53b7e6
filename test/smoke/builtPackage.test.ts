/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test-only: reads dist/ and runs `npm pack`, never shipped */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadBuiltPackage } from '../harness/nodeTypes';
import { runNode } from '../harness/runWorkflow';
import { startAffilBoxSandbox } from '../sandbox/affilbox';
import seed from '../fixtures/affilbox/seed.json';

// The built package as n8n would install it: run `npm run build` first (npm test does).
const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

beforeAll(() => {
	if (!existsSync(join(ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` before this test');
});

describe('the built package', () => {
	it('loads with n8n-core PackageDirectoryLoader and runs a workflow against the sandbox', async () => {
		const loaded = await loadBuiltPackage(ROOT);
		expect(Object.keys(loaded.nodeTypes)).toEqual(['n8n-nodes-affiliate.affilBox']);
		expect(loaded.credentialTypes.map((type) => type.name)).toEqual(['affilBoxApi']);

		const sandbox = await startAffilBoxSandbox({ port: 0 });
		try {
			const result = await runNode({
				nodeTypes: loaded.nodeTypes,
				credentialTypes: loaded.credentialTypes,
				credentials: {
					affilBoxApi: { apiUrl: sandbox.url, apiKey: sandbox.apiKey, timeZone: 'Europe/Prague' },
				},
				node: {
					type: 'n8n-nodes-affiliate.affilBox',
					parameters: { resource: 'campaign', operation: 'getMany', returnAll: true },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(
				seed.campaigns.map((campaign) => campaign.name),
			);
		} finally {
			await sandbox.close();
		}
	});

	it('bundles its libraries: entries require only what n8n provides', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const code = readFileSync(join(ROOT, entry), 'utf8');
			const required = new Set(
				[...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]),
			);
			for (const name of required) expect(['n8n-workflow', 'luxon']).toContain(name);
		}
	});

	it('npm pack ships only dist/, the README, the licence and package.json', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		const [packed] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const outside = packed.files
			.map((file) => file.path)
			.filter((path) => !path.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(packed.files.map((file) => file.path)).toEqual(
			expect.arrayContaining([...pkg.n8n.nodes, ...pkg.n8n.credentials]),
		);
	});
});
