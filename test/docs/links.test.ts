/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: reads the repository's Markdown files */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

import fg from 'fast-glob';

import { listPackages, ROOT } from '../../tools/packages';
import { anchorsOf, linksIn, sectionsOf } from './markdown';

/** Where the repository is on GitHub: absolute links into it must name files that exist here. */
const REPOSITORY = 'n8n-nodes-affiliate/n8n-nodes-affiliate';
const IN_REPOSITORY = new RegExp(
	`^https://(?:github\\.com/${REPOSITORY}/(?:blob|tree)/main|raw\\.githubusercontent\\.com/${REPOSITORY}/main)/([^#?]*)(?:#(.*))?$`,
);
const packages = listPackages();
/** Every Markdown file of the repository (its dependencies and build output aside). */
const markdownFiles = fg
	.sync('**/*.md', { cwd: ROOT, ignore: ['**/node_modules/**', 'dist/**'] })
	.sort();

/** What is wrong with a link from `file` (a path in the repository), or undefined. */
function brokenLink(file: string, target: string): string | undefined {
	let path: string;
	let anchor: string | undefined;
	const inRepository = IN_REPOSITORY.exec(target);
	if (inRepository) {
		[, path, anchor] = inRepository;
		path = path.replace(/\/$/, '');
	} else if (/^[a-z]+:/.test(target)) {
		return undefined; // elsewhere on the web
	} else {
		const [relativePath, hash] = target.split('#');
		path = relativePath === '' ? file : join(dirname(file), relativePath);
		anchor = hash;
	}
	const absolute = join(ROOT, path);
	if (!existsSync(absolute)) return `${path} does not exist`;
	if (anchor !== undefined && !statSync(absolute).isDirectory()) {
		if (!anchorsOf(absolute).has(decodeURIComponent(anchor))) return `${path} has no #${anchor}`;
	}
	return undefined;
}

describe('links in the documentation', () => {
	it.each(markdownFiles.map((file) => [file]))('%s: every link and picture is found', (file) => {
		const text = readFileSync(join(ROOT, file), 'utf8');
		const broken = linksIn(text)
			.map(({ target, line }) => ({ line, target, problem: brokenLink(file, target) }))
			.filter(({ problem }) => problem !== undefined);
		expect(broken).toEqual([]);
	});

	it.each(packages.map((pkg) => [pkg.name, pkg] as const))(
		'%s README: only absolute links (npm shows it away from the repository), except to its own headings',
		(_name, pkg) => {
			const text = readFileSync(join(pkg.sourceDir, 'README.md'), 'utf8');
			const relativeLinks = linksIn(text).filter(
				({ target }) => !/^https:\/\//.test(target) && !target.startsWith('#'),
			);
			expect(relativeLinks).toEqual([]);
		},
	);

	it('the documentation links n8n shows (node codex, credential) lead to existing headings', () => {
		const codexLinks = readdirSync(join(ROOT, 'nodes'))
			.flatMap((platform) =>
				readdirSync(join(ROOT, 'nodes', platform))
					.filter((name) => name.endsWith('.node.json'))
					.map((name) => join('nodes', platform, name)),
			)
			.flatMap((file) => {
				const { resources } = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
				return [...resources.credentialDocumentation, ...resources.primaryDocumentation].map(
					({ url }: { url: string }) => ({ file, url }),
				);
			});
		const credentialLinks = readdirSync(join(ROOT, 'credentials')).map((name) => {
			const file = join('credentials', name);
			const [, url] = /documentationUrl =\s*'([^']+)'/.exec(
				readFileSync(join(ROOT, file), 'utf8'),
			)!;
			return { file, url };
		});
		expect(codexLinks.length).toBe(10);
		expect(credentialLinks.length).toBe(3);
		const broken = [...codexLinks, ...credentialLinks]
			.map(({ file, url }) => ({
				file,
				url,
				problem:
					brokenLink(file, url) ?? (IN_REPOSITORY.test(url) ? undefined : 'not in the repository'),
			}))
			.filter(({ problem }) => problem !== undefined);
		expect(broken).toEqual([]);
	});

	it('finds a broken link, a missing heading and a relative link where they are', () => {
		const text = '[a](docs/missing.md) [b](docs/performance.md#no-such-heading) `[c](nowhere.md)`';
		expect(linksIn(text).map(({ target }) => brokenLink('README.md', target))).toEqual([
			'docs/missing.md does not exist',
			'docs/performance.md has no #no-such-heading',
		]);
		expect(brokenLink('README.md', 'docs/performance.md#trigger-performance')).toBeUndefined();
		expect(
			brokenLink(
				'packages/affilbox/README.md',
				`https://github.com/${REPOSITORY}/blob/main/docs/nothing.md`,
			),
		).toBe('docs/nothing.md does not exist');
	});
});

describe('the package READMEs', () => {
	const TEMPLATE = [
		'Installation',
		'Operations',
		'Credentials',
		'Compatibility',
		'Usage',
		'Resources',
		'Version history',
	];

	it.each(packages.map((pkg) => [pkg.name, pkg] as const))(
		"%s: at most 300 lines, in the sections of n8n's community-node template",
		(_name, pkg) => {
			const text = readFileSync(join(pkg.sourceDir, 'README.md'), 'utf8');
			expect(text.split('\n').length).toBeLessThanOrEqual(300);
			expect(text.startsWith(`# ${pkg.name}\n`)).toBe(true);
			expect(sectionsOf(text)).toEqual(TEMPLATE);
		},
	);
});
