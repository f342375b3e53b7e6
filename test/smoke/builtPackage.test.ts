/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test-only: reads dist/ and runs `npm pack`, never shipped */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type { INodeParameters, INodeType } from 'n8n-workflow';

import { packageNamed } from '../../tools/packages';
import { loadBuiltPackage } from '../support/harness/nodeTypes';
import type { NodeUnderTestOptions } from '../support/harness/nodeUnderTest';
import { runNode } from '../support/harness/runWorkflow';
import { startAffeliosSandbox } from '../support/sandbox/affelios';
import { startAffilBoxSandbox } from '../support/sandbox/affilbox';
import affeliosSeed from '../fixtures/affelios/seed.json';
import seed from '../fixtures/affilbox/seed.json';
import savedWithV1 from '../fixtures/affilbox/workflow-saved-with-v1.json';
import savedWithV2 from '../fixtures/affilbox/workflow-saved-with-v2.json';

// The built packages as n8n would install them: run `npm run build` first (npm test does).
const AFFILBOX = packageNamed('n8n-nodes-affilbox');
const AFFELIOS = packageNamed('n8n-nodes-affelios');

/** Runs one AffilBox node of the built package against the sandbox, through n8n-core. */
async function runBuiltAffilBox(
	loaded: Awaited<ReturnType<typeof loadBuiltPackage>>,
	sandbox: Awaited<ReturnType<typeof startAffilBoxSandbox>>,
	node: NodeUnderTestOptions,
) {
	return await runNode({
		nodeTypes: loaded.nodeTypes,
		credentialTypes: loaded.credentialTypes,
		credentials: {
			affilBoxApi: { apiUrl: sandbox.url, apiKey: sandbox.apiKey, timeZone: 'Europe/Prague' },
		},
		node,
	});
}

/** Runs each node of a saved workflow (n8n export format) with the built package; their outputs by node name. */
async function runSavedNodes(
	loaded: Awaited<ReturnType<typeof loadBuiltPackage>>,
	sandbox: Awaited<ReturnType<typeof startAffilBoxSandbox>>,
	workflow: {
		nodes: Array<{ type: string; typeVersion: number; name: string; parameters: object }>;
	},
): Promise<Record<string, Array<Record<string, unknown>>>> {
	const outputs: Record<string, Array<Record<string, unknown>>> = {};
	for (const node of workflow.nodes) {
		const result = await runBuiltAffilBox(loaded, sandbox, {
			type: node.type,
			typeVersion: node.typeVersion,
			name: node.name,
			parameters: node.parameters as INodeParameters,
		});
		expect(result.error).toBeUndefined();
		outputs[node.name] = result.items.map((item) => item.json);
	}
	return outputs;
}

beforeAll(() => {
	for (const pkg of [AFFILBOX, AFFELIOS]) {
		if (!existsSync(pkg.builtDir))
			throw new Error(`${pkg.builtDir} is missing: run \`npm run build\` before this test`);
	}
});

describe('the built n8n-nodes-affilbox', () => {
	it('loads with n8n-core PackageDirectoryLoader, only AffilBox, and runs a workflow against the sandbox', async () => {
		const loaded = await loadBuiltPackage(AFFILBOX.builtDir);
		expect(Object.keys(loaded.nodeTypes).sort()).toEqual([
			'n8n-nodes-affilbox.affilBox',
			'n8n-nodes-affilbox.affilBoxInvoiceTrigger',
			'n8n-nodes-affilbox.affilBoxPartnerTrigger',
			'n8n-nodes-affilbox.affilBoxTrigger',
		]);
		expect(loaded.credentialTypes.map((type) => type.name)).toEqual([
			'affilBoxApi',
			'affilBoxApiV2Api',
		]);

		const sandbox = await startAffilBoxSandbox({ port: 0 });
		try {
			const result = await runBuiltAffilBox(loaded, sandbox, {
				type: 'n8n-nodes-affilbox.affilBox',
				parameters: { resource: 'campaign', operation: 'getMany', returnAll: true },
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(
				seed.campaigns.map((campaign) => campaign.name),
			);
		} finally {
			await sandbox.close();
		}
	});

	it('registers the codex aliases the node panel searches, and version 3 as the default', async () => {
		const loaded = await loadBuiltPackage(AFFILBOX.builtDir);
		for (const name of ['affilBox', 'affilBoxTrigger']) {
			const { description } = loaded.nodeTypes[`n8n-nodes-affilbox.${name}`] as INodeType;
			expect(description.codex?.alias).toEqual(
				expect.arrayContaining(['affiliate', 'commission', 'partner', 'payout', 'conversion']),
			);
		}
		const affilBox = loaded.nodeTypes['n8n-nodes-affilbox.affilBox'] as INodeType;
		expect(affilBox.description.version).toEqual([1, 2, 3]);
		expect(affilBox.description.defaultVersion).toBe(3);
	});

	it('runs a workflow saved with version 1 unchanged: plain values, defaults left out', async () => {
		const loaded = await loadBuiltPackage(AFFILBOX.builtDir);
		const sandbox = await startAffilBoxSandbox({ port: 0 });
		try {
			const outputs = await runSavedNodes(loaded, sandbox, savedWithV1);
			expect(sandbox.requests.map(({ method, params }) => ({ method, params }))).toEqual([
				{
					method: 'AddConversion',
					params: {
						partner_id: 'zofie',
						campaign_id: '12',
						conversion_id: 'V1-ORDER-1',
						value: '49.9',
						orderValue: '499',
						note: 'saved with version 1',
					},
				},
				{
					method: 'ConfirmConversion',
					params: {
						conversion_id: 'OBJ-2025-0100',
						value: 'true',
						campaign_id: '11',
						note: 'paid',
					},
				},
				{
					method: 'GetConversions',
					params: { filter_state: 'waiting', conversions_id: 'OBJ-2025-0002;OBJ-2025-0005' },
				},
				{
					method: 'AddBonus',
					params: { partner_id: 'kveta', text: 'Amount left at its default', value: '0' },
				},
				{ method: 'GetPartner', params: { partner_id: 'jiri.dvorak@example.com' } },
			]);
			// Records exactly as the sandbox sent them: text values, partner groups kept.
			expect(outputs['Waiting Conversions']).toEqual(
				seed.conversions
					.filter((c) => ['OBJ-2025-0002', 'OBJ-2025-0005'].includes(c.transactionId))
					.map((c) => ({ ...c })),
			);
			expect(outputs['Add Conversion']).toEqual([
				expect.objectContaining({ transactionId: 'V1-ORDER-1', value: '49.9', sales: '499' }),
			]);
			const { person, address, company } = seed.partners[0];
			expect(outputs.Partner).toEqual([{ person, address, company }]);
		} finally {
			await sandbox.close();
		}
	});

	it('runs a workflow saved with version 2 unchanged: `conversionId` read, "rejection" kept', async () => {
		const loaded = await loadBuiltPackage(AFFILBOX.builtDir);
		const sandbox = await startAffilBoxSandbox({ port: 0 });
		try {
			const outputs = await runSavedNodes(loaded, sandbox, savedWithV2);
			const states = Object.values(outputs).flatMap((items) => items.map((item) => item.state));
			expect(sandbox.requests.map(({ params }) => params.conversion_id)).toEqual([
				'V2-ORDER-1',
				'OBJ-2026-0001',
				'OBJ-2025-0003',
				'OBJ-2025-0002',
			]);
			expect(states).toEqual(['waiting', 'rejection', 'rejection', 'waiting']);
		} finally {
			await sandbox.close();
		}
	});
});

describe('the built n8n-nodes-affelios', () => {
	it('loads with n8n-core PackageDirectoryLoader, only Affelios, and runs it with its credential against the sandbox', async () => {
		const loaded = await loadBuiltPackage(AFFELIOS.builtDir);
		expect(Object.keys(loaded.nodeTypes)).toEqual(['n8n-nodes-affelios.affelios']);
		expect(loaded.credentialTypes.map((type) => type.name)).toEqual(['affeliosApi']);
		const { description } = loaded.nodeTypes['n8n-nodes-affelios.affelios'] as INodeType;
		expect(description.codex?.alias).toEqual(
			expect.arrayContaining(['affiliate', 'commission', 'partner', 'payout', 'conversion']),
		);
		const sandbox = await startAffeliosSandbox({ port: 0 });
		const run = async (parameters: Record<string, string>) =>
			await runNode({
				nodeTypes: loaded.nodeTypes,
				credentialTypes: loaded.credentialTypes,
				credentials: {
					affeliosApi: {
						baseUrl: sandbox.url,
						apiKey: sandbox.apiKey,
						authorizationHeader: 'bearer',
					},
				},
				node: { type: 'n8n-nodes-affelios.affelios', parameters },
			});
		try {
			const [customer] = affeliosSeed.customers;
			const get = await run({ resource: 'customer', operation: 'get', customerId: customer.id });
			expect(get.error).toBeUndefined();
			expect(get.items.map((item) => item.json.externalId)).toEqual([customer.externalId]);
			expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.apiKey}`);

			const create = await run({
				resource: 'transaction',
				operation: 'create',
				externalId: 'smoke-1',
			});
			expect(create.items.map((item) => item.json)).toEqual([
				{ accepted: true, status: 202, externalId: 'smoke-1' },
			]);
		} finally {
			await sandbox.close();
		}
	});
});

describe.each([AFFILBOX, AFFELIOS].map((pkg) => [pkg.name, pkg] as const))(
	'%s as npm publishes it',
	(_name, pkg) => {
		it("bundles its libraries: each entry requires only the package's bundle, which requires only what n8n provides", () => {
			const requiredBy = (file: string) =>
				new Set(
					[...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map(
						(match) => match[1],
					),
				);
			const bundle = join(pkg.builtDir, 'dist', `${pkg.id}.bundle.js`);
			for (const entry of [...pkg.manifest.n8n.nodes, ...pkg.manifest.n8n.credentials]) {
				const file = join(pkg.builtDir, entry);
				const required = [...requiredBy(file)].map((name) => resolve(dirname(file), name));
				expect(required).toEqual([bundle]);
			}
			// `crypto` is a Node built-in that n8n's verification allows (the trigger hashes with it).
			for (const name of requiredBy(bundle))
				expect(['n8n-workflow', 'luxon', 'crypto']).toContain(name);
		});

		it('npm pack ships only dist/, the README, the changelog, the licence and package.json', () => {
			const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: pkg.builtDir,
				encoding: 'utf8',
			});
			const [packed] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
			const outside = packed.files
				.map((file) => file.path)
				.filter((path) => !path.startsWith('dist/'));
			expect(outside.sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
			expect(packed.files.map((file) => file.path)).toEqual(
				expect.arrayContaining([...pkg.manifest.n8n.nodes, ...pkg.manifest.n8n.credentials]),
			);
		});
	},
);
