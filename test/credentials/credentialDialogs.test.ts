/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only: reads the READMEs, never shipped */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { AffeliosApi } from '../../credentials/AffeliosApi.credentials';
import { AffilBoxApi } from '../../credentials/AffilBoxApi.credentials';
import { AffilBoxApiV2Api } from '../../credentials/AffilBoxApiV2Api.credentials';

/**
 * What the credential dialog shows: under each field a hint (n8n shows `hint` as text below the
 * field; `description` only as a tooltip) that says where the value comes from, and the "Open
 * docs" link (n8n shows `documentationUrl` as it is when it is not on docs.n8n.io).
 */
const ROOT = join(__dirname, '..', '..');

/** GitHub's anchors of the headings of a Markdown file of this repository. */
function anchorsOf(file: string): Set<string> {
	const text = readFileSync(join(ROOT, file), 'utf8');
	return new Set(
		[...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
			heading
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} -]/gu, '')
				.replace(/ /g, '-'),
		),
	);
}

const hintOf = (credential: ICredentialType, name: string) =>
	credential.properties.find((property) => property.name === name)?.hint ?? '';

describe('credential dialogs', () => {
	it.each(
		[new AffilBoxApi(), new AffilBoxApiV2Api(), new AffeliosApi()].map((credential) => [
			credential.displayName,
			credential,
		]),
	)(
		'%s: every field shows a hint, and the docs link opens a section of the package README',
		(_, credential) => {
			const credentialType = credential as ICredentialType;
			for (const property of credentialType.properties)
				expect([property.name, property.hint?.trim() ?? '']).not.toEqual([property.name, '']);
			// A file of this repository on GitHub, e.g. …/blob/main/packages/affilbox/README.md#credentials.
			const url = new URL(String(credentialType.documentationUrl));
			expect(url.protocol).toBe('https:');
			const file = /\/blob\/main\/(.+)$/.exec(url.pathname)?.[1] ?? 'README.md';
			expect(anchorsOf(file)).toContain(url.hash.slice(1));
		},
	);

	it('AffilBox V2 API: the hints say plainly that AffilBox does not document where the instance number and key are', () => {
		const credential = new AffilBoxApiV2Api();
		expect(hintOf(credential, 'instanceNumber')).toMatch(/does not document where/);
		expect(hintOf(credential, 'apiKey')).toMatch(/does not document where/);
		expect(hintOf(credential, 'apiUrl')).toContain('https://api.affilbox.cz');
		expect(hintOf(credential, 'timeZone')).toMatch(/carry no offset/);
	});

	it('AffilBox: the hints say where the API URL and key are, and what the licence time zone does', () => {
		const credential = new AffilBoxApi();
		expect(hintOf(credential, 'apiUrl')).toContain('Settings → User settings');
		expect(hintOf(credential, 'apiKey')).toContain('Settings → User settings');
		expect(hintOf(credential, 'timeZone')).toMatch(/dates you give the nodes are sent in it/i);
		expect(hintOf(credential, 'timeZone')).toMatch(/dates AffilBox sends are read in it/);
	});

	it('Affelios: the key hint says where keys are made and which modules they need', () => {
		const hint = hintOf(new AffeliosApi(), 'apiKey');
		expect(hint).toContain('Settings → API Keys');
		expect(hint).toMatch(/Customers and\/or Transactions/);
	});
});
