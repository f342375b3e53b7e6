/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: copies built packages into temporary folders */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkPackage, checkPackageSet } from '../../tools/checkPackage';
import { listPackages, packageNamed, ROOT } from '../../tools/packages';

// The built package folders (npm test builds before jest runs).
const packages = listPackages();
const AFFILBOX = packageNamed('n8n-nodes-affilbox');
const AFFELIOS = packageNamed('n8n-nodes-affelios');
const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

type Manifest = typeof AFFILBOX.manifest;

const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/**
 * A copy of a built package with its package.json changed, the built files of `alsoFrom` beside its
 * own (as a build that bundled the other service too would leave them), and the repository's
 * node_modules in reach of its bundles (they require n8n-workflow, as inside n8n).
 */
function badCopy(change: (manifest: Manifest) => void, alsoFrom = AFFELIOS) {
	const folder = mkdtempSync(join(tmpdir(), 'package-check-'));
	folders.push(folder);
	cpSync(join(AFFILBOX.builtDir, 'dist'), join(folder, 'dist'), { recursive: true });
	cpSync(join(alsoFrom.builtDir, 'dist'), join(folder, 'dist'), { recursive: true });
	symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'));
	const manifest = structuredClone(AFFILBOX.manifest);
	change(manifest);
	writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
	return checkPackage(folder, { packages, rootManifest });
}

describe('the package check', () => {
	it.each(packages.map((pkg) => [pkg.name, pkg] as const))(
		'passes the built %s: one service, no dependencies',
		(_name, pkg) => {
			expect(checkPackage(pkg.builtDir, { packages, rootManifest })).toEqual([]);
		},
	);

	it('passes the set: every node and credential published once, each package found by its name', () => {
		expect(checkPackageSet(packages, rootManifest)).toEqual([]);
	});

	const BAD: Array<[string, (manifest: Manifest) => void, string[]]> = [
		[
			'lists a node of the other service',
			(manifest) => manifest.n8n.nodes.push('dist/nodes/Affelios/Affelios.node.js'),
			[
				'lists nodes of 2 services (AffilBox, Affelios): one package, one service',
				'its nodes use credential affeliosApi, which it does not list',
				'lists dist/nodes/Affelios/Affelios.node.js, which n8n-nodes-affelios publishes',
			],
		],
		[
			'lists a credential of the other service',
			(manifest) => manifest.n8n.credentials.push('dist/credentials/AffeliosApi.credentials.js'),
			[
				'lists credential affeliosApi (dist/credentials/AffeliosApi.credentials.js), which none of its nodes uses',
				'lists dist/credentials/AffeliosApi.credentials.js, which n8n-nodes-affelios publishes',
			],
		],
		[
			'has a dependency',
			(manifest) => {
				(manifest as Record<string, unknown>).dependencies = { 'fast-xml-parser': '^5.3.0' };
			},
			[
				'has dependencies ({"fast-xml-parser":"^5.3.0"}): the build must bundle what the package uses',
			],
		],
		[
			'does not list the credential its nodes use',
			(manifest) => (manifest.n8n.credentials = []),
			['its nodes use credential affilBoxApi, which it does not list'],
		],
		[
			'bundles other library versions than the root builds with',
			(manifest) => {
				manifest.devDependencies = { ...manifest.devDependencies, saxes: '^5.0.0' };
			},
			[
				"devDependency saxes ^5.0.0 is not the development root's (^6.0.0): the bundle is built from the root's",
			],
		],
	];

	it.each(BAD)('fails a package that %s', (_what, change, expected) => {
		expect(badCopy(change)).toEqual(expect.arrayContaining(expected));
	});

	it('fails a set in which a node is published by no package, or a package name is found twice', () => {
		const withoutPartnerTrigger = packages.map((pkg) =>
			pkg.name === AFFILBOX.name
				? {
						...pkg,
						manifest: {
							...pkg.manifest,
							n8n: {
								...pkg.manifest.n8n,
								nodes: pkg.manifest.n8n.nodes.filter((node) => !node.includes('Partner')),
							},
						},
					}
				: pkg,
		);
		expect(checkPackageSet(withoutPartnerTrigger, rootManifest)).toEqual([
			'dist/nodes/AffilBox/AffilBoxPartnerTrigger.node.js is published by no package',
		]);

		// A second folder named like a package: n8n's scan might lint that one instead.
		const repository = mkdtempSync(join(tmpdir(), 'package-set-'));
		folders.push(repository);
		const copies = [
			[AFFILBOX.sourceDir, 'packages/affilbox'],
			[AFFELIOS.sourceDir, 'packages/affelios'],
			[AFFILBOX.sourceDir, 'test/fixture'],
		];
		for (const [from, to] of copies) cpSync(from, join(repository, to), { recursive: true });
		expect(checkPackageSet(packages, rootManifest, repository)).toEqual([
			"n8n's scan looks for the folder whose package.json is named n8n-nodes-affilbox: found packages/affilbox, test/fixture, not only packages/affilbox",
		]);
	});
});
