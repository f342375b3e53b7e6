/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test-only: runs the release script as the Publish workflow does */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { listPackages, ROOT } from '../../tools/packages';
import { checkReleaseTag } from '../../tools/releaseCheck';

const SCRIPT = join(ROOT, 'tools', 'releaseCheck.js');
const packages = listPackages();

/** The script as .github/workflows/publish.yml runs it. */
function release(tag: string) {
	const run = spawnSync(process.execPath, [SCRIPT, tag], { cwd: ROOT, encoding: 'utf8' });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the release check (publish.yml runs it before anything else)', () => {
	it('the Publish workflow runs it with the pushed tag, on the tags of every package', () => {
		const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
		expect(workflow).toContain('node tools/releaseCheck.js "$GITHUB_REF_NAME"');
		expect(workflow).toContain('npm publish "${{ steps.release.outputs.folder }}" --provenance');
		for (const pkg of packages) expect(workflow).toContain(`'${pkg.id}-v*'`);
	});

	it.each(packages.map((pkg) => [pkg.name, pkg] as const))(
		'%s: the tag of its version passes and names the folder to publish; other tags fail, saying why',
		(_name, pkg) => {
			expect(release(`${pkg.id}-v${pkg.version}`)).toEqual({
				status: 0,
				stdout: `name=${pkg.name}\nversion=${pkg.version}\nfolder=dist/${pkg.name}\n`,
				stderr: '',
			});
			const other = packages.find((candidate) => candidate.id !== pkg.id)!;
			const refused: Array<[string, string]> = [
				[`${pkg.id}-v9.9.9`, `packages/${pkg.id}/package.json says ${pkg.version}`],
				[`v${pkg.version}`, 'is not affelios-v<version> or affilbox-v<version>'],
				[`${pkg.id}-${pkg.version}`, 'is not affelios-v<version> or affilbox-v<version>'],
				[`n8n-nodes-${pkg.id}-v${pkg.version}`, 'names no package'],
				[`${pkg.id}-v${other.version}.1`, 'is not affelios-v<version>'],
			];
			for (const [tag, why] of refused) {
				const run = release(tag);
				expect({ tag, status: run.status, stdout: run.stdout }).toEqual({
					tag,
					status: 1,
					stdout: '',
				});
				expect(run.stderr).toContain(why);
			}
		},
	);

	it('fails a tag whose version matches when the CHANGELOG has no entry for it', () => {
		const packagesDir = mkdtempSync(join(tmpdir(), 'release-check-'));
		try {
			for (const pkg of packages)
				cpSync(pkg.sourceDir, join(packagesDir, pkg.id), { recursive: true });
			const manifestFile = join(packagesDir, 'affilbox', 'package.json');
			const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
			writeFileSync(manifestFile, JSON.stringify({ ...manifest, version: '1.2.3' }));
			expect(() => checkReleaseTag('affilbox-v1.2.3', { packagesDir })).toThrow(
				'packages/affilbox/CHANGELOG.md has no entry "## [1.2.3]": say what n8n-nodes-affilbox 1.2.3 changes',
			);
			// With the entry, the same tag passes; a heading for another version does not count.
			const changelog = join(packagesDir, 'affilbox', 'CHANGELOG.md');
			writeFileSync(changelog, '# Changelog\n\n## [1.2.30]\n\n- not this one\n');
			expect(() => checkReleaseTag('affilbox-v1.2.3', { packagesDir })).toThrow('no entry');
			writeFileSync(changelog, '# Changelog\n\n## [1.2.3] - 2027-01-15\n\n- what changed\n');
			expect(checkReleaseTag('affilbox-v1.2.3', { packagesDir })).toEqual({
				name: 'n8n-nodes-affilbox',
				version: '1.2.3',
				folder: 'dist/n8n-nodes-affilbox',
			});
		} finally {
			rmSync(packagesDir, { recursive: true, force: true });
		}
	});
});
