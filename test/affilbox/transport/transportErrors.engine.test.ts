/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: a second server a redirect points to */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	jsonOf,
	lastCall,
	runAffilBox,
	useAffilBoxSandbox,
} from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();
const getCampaigns = { resource: 'campaign', operation: 'getMany', returnAll: true };

describe('AffilBox transport, through the engine', () => {
	it('a wrong key is reported in plain words', async () => {
		const result = await runAffilBox(sandbox(), getCampaigns, {
			credentials: { apiKey: 'not-the-key' },
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AffilBox rejected the API key (HTTP 401): Invalid API key (code 401)',
		);
		expect((result.error as NodeApiError).description).toMatch(
			/Check the API key in the AffilBox credential/,
		);
	});

	it('HTTP 500 is an error carrying the status and the server text', async () => {
		sandbox().injectFault({
			times: 1,
			status: 500,
			body: 'Internal Server Error',
			contentType: 'text/plain',
		});
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AffilBox answered HTTP 500 to GetCampaigns: Internal Server Error',
		);
		expect((result.error as NodeApiError).httpCode).toBe('500');
	});

	it('a plain-text NO DATA answer is an error showing the text', async () => {
		sandbox().injectFault({ times: 1, status: 200, body: 'NO DATA', contentType: 'text/plain' });
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error?.message).toBe('AffilBox did not answer GetCampaigns with XML: NO DATA');
	});

	it('a non-XML answer (an HTML page with status 200) is an error', async () => {
		sandbox().injectFault({
			times: 1,
			status: 200,
			body: '<html><head><title>Maintenance</title></head><body><p>Back soon</p></body></html>',
			contentType: 'text/html',
		});
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error?.message).toMatch(
			/^AffilBox did not answer GetCampaigns with XML: .*Back soon/,
		);
	});

	it('malformed XML and an empty body are errors', async () => {
		sandbox().injectFault({
			times: 1,
			status: 200,
			body: '<response><status>OK</state>',
			contentType: 'text/xml',
		});
		const malformed = await runAffilBox(sandbox(), getCampaigns);
		expect(malformed.error?.message).toMatch(/^AffilBox did not answer GetCampaigns with XML/);

		sandbox().injectFault({ times: 1, status: 200, body: '', contentType: 'text/xml' });
		const empty = await runAffilBox(sandbox(), getCampaigns);
		expect(empty.error?.message).toBe('AffilBox sent an empty answer to GetCampaigns');
	});

	it('a dropped connection says AffilBox could not be reached', async () => {
		sandbox().injectFault({ times: 1, dropConnection: true });
		const result = await runAffilBox(sandbox(), { ...getCampaigns, options: { maxRetries: 0 } });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(`Could not reach AffilBox at ${sandbox().url} (ECONNRESET)`);
		expect((result.error as NodeApiError).description).toMatch(
			/closed unexpectedly.*Check the API URL/s,
		);
	});

	it('a proxy page naming a network error code keeps the message that names the call', async () => {
		sandbox().injectFault({ status: 502, body: 'connect ECONNREFUSED 10.0.0.7:443' });
		const result = await runAffilBox(sandbox(), { ...getCampaigns, options: { maxRetries: 0 } });
		expect(result.error?.message).toBe(
			'AffilBox answered HTTP 502 to GetCampaigns: connect ECONNREFUSED 10.0.0.7:443',
		);
	});

	it.each([301, 307, 308])(
		'a redirect (HTTP %i) is not followed: the key in the body goes nowhere else',
		async (status) => {
			const elsewhere: string[] = [];
			const target = createServer((req, res) => {
				let body = '';
				req.on('data', (chunk: Buffer) => (body += chunk.toString()));
				req.on('end', () => {
					elsewhere.push(body);
					res.end('<response><status>OK</status></response>');
				});
			});
			await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
			const location = `http://127.0.0.1:${(target.address() as AddressInfo).port}/api`;
			try {
				sandbox().injectFault({ status, body: '', headers: { Location: location } });
				const result = await runAffilBox(sandbox(), getCampaigns);
				expect(result.error).toBeInstanceOf(NodeApiError);
				expect(result.error?.message).toBe(
					`The AffilBox API URL redirects (HTTP ${status}) to ${location}`,
				);
				expect((result.error as NodeApiError).description).toMatch(
					/Set the API URL in the AffilBox credential/,
				);
				expect(elsewhere).toEqual([]);
			} finally {
				await new Promise((resolve) => target.close(resolve));
			}
		},
	);

	it('a wrong URL path gets a clear 404 message', async () => {
		const result = await runAffilBox(sandbox(), getCampaigns, {
			credentials: { apiUrl: sandbox().url.replace('/api/', '/wrong/') },
		});
		expect(result.error?.message).toBe('No AffilBox API at this URL (HTTP 404)');
		expect((result.error as NodeApiError).description).toMatch(
			/copy it exactly from Settings → User settings/,
		);
	});

	it('an http:// URL of a real host is refused before anything is sent', async () => {
		const result = await runAffilBox(sandbox(), getCampaigns, {
			credentials: { apiUrl: 'http://c1234.affilbox.cz/api/' },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/uses http:\/\/, which AffilBox refuses: use https:\/\//);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('an unknown licence time zone is an error naming the credential field', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'partner', operation: 'getMany', returnAll: true },
			{ credentials: { timeZone: 'Europe/Atlantis' } },
		);
		expect(result.error?.message).toBe(
			'The licence time zone "Europe/Atlantis" is not a known IANA time zone (e.g. Europe/Prague)',
		);
	});

	it('Include Raw XML adds the exact answer to each item', async () => {
		const result = await runAffilBox(sandbox(), {
			...getCampaigns,
			options: { includeRawXml: true },
		});
		const items = jsonOf(result);
		expect(items.length).toBeGreaterThan(1);
		for (const item of items) {
			expect(item.rawXml).toMatch(/^<\?xml[^>]*\?>\s*<response><status>OK<\/status><campaign>/);
			expect(item.rawXml).toContain('Knihy &amp; &lt;Hry&gt; pro děti');
		}
	});

	it('every kind of tricky text arrives at the server byte-exact', async () => {
		const tricky = `<b>tag</b> & &amp; ]]> "double" 'single' Příliš žluťoučký kůň úpěl ďábelské ódy 😀👍🏽 \ttab  two  spaces`;
		const result = await runAffilBox(sandbox(), {
			resource: 'conversion',
			operation: 'add',
			partnerId: 'jdvorak',
			campaignId: '11',
			conversionId: tricky,
			value: 1,
			additionalFields: { note: tricky, channelId: tricky },
		});
		expect(result.error).toBeUndefined();
		const { params } = lastCall(sandbox());
		expect(params.conversion_id).toBe(tricky);
		expect(params.note).toBe(tricky);
		expect(params.channelId).toBe(tricky);
		expect(jsonOf(result)[0].transactionId).toBe(tricky.trim());
	});
});
