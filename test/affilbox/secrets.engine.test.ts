import type { INodeParameters } from 'n8n-workflow';

import { escapeXmlText } from '../../nodes/shared/redact';
import {
	captureConsole,
	expectFailedWithoutSecret,
	secretSearch,
	type FailurePath,
} from '../support/harness/secretLeaks';
import { useSandbox } from '../support/harness/useSandbox';
import { startAffilBoxSandbox } from '../support/sandbox/affilbox';
import { AffilBoxApi } from '../../credentials/AffilBoxApi.credentials';
import { AffilBoxTrigger } from '../../nodes/AffilBox/AffilBoxTrigger.node';
import { runPoll } from '../support/harness/runWorkflow';
import { runAffilBox, sandboxCredentials } from '../support/workflows/affilBoxWorkflow';
import { TRIGGER_TYPE } from '../support/workflows/triggerWorkflow';

// Distinctive, and full of characters that XML and URLs escape, so every encoded form can be searched for.
const API_KEY = `Kx9<&>"'sEcReT-🔑-${Date.now()}`;
const expectNoKey = secretSearch([
	API_KEY,
	escapeXmlText(API_KEY),
	encodeURIComponent(API_KEY),
	encodeURIComponent(escapeXmlText(API_KEY)),
]);

const sandbox = useSandbox(() => startAffilBoxSandbox({ port: 0, apiKey: API_KEY }));
const consoleLines = captureConsole();

const getCampaigns: INodeParameters = {
	resource: 'campaign',
	operation: 'getMany',
	returnAll: true,
};
const noRetries: INodeParameters = { ...getCampaigns, options: { maxRetries: 0 } };
const addConversion: INodeParameters = {
	resource: 'conversion',
	operation: 'add',
	partnerId: 'jdvorak',
	campaignId: '11',
	conversionId: 'SECRET-TEST',
	value: 1,
};
const echoedKey = `<response><status>ERROR</status><error code="400">Bad request &lt;key&gt;${escapeXmlText(escapeXmlText(API_KEY))}&lt;/key&gt; and ${escapeXmlText(API_KEY)}</error></response>`;

/** A way to fail, and (for the retry, time-out and character paths) what the error must say. */
const errorPaths: Array<FailurePath & { said?: RegExp }> = [
	{ name: 'wrong key (the key sent is the secret)', credentials: { apiKey: `${API_KEY}-wrong` } },
	{
		name: 'HTTP 500 echoing the request',
		fault: { status: 500, body: echoedKey, contentType: 'text/xml' },
	},
	{
		name: 'error answer echoing the key',
		fault: { status: 200, body: echoedKey, contentType: 'text/xml' },
	},
	{
		name: 'plain text echoing the key',
		fault: { status: 200, body: `NO DATA for ${API_KEY}`, contentType: 'text/plain' },
	},
	{ name: 'dropped connection', fault: { dropConnection: true }, parameters: noRetries },
	{
		name: 'unreachable port',
		credentials: { apiUrl: 'http://127.0.0.1:9/api/' },
		parameters: noRetries,
	},
	{
		name: 'retries exhausted: connection refused',
		said: /^Could not reach AffilBox at .* \(ECONNREFUSED\) after 2 attempts$/,
		credentials: { apiUrl: 'http://127.0.0.1:9/api/' },
		parameters: { ...getCampaigns, options: { maxRetries: 1 } },
	},
	{
		name: 'retries exhausted: HTTP 503 echoing the key',
		said: /^AffilBox answered HTTP 503 to GetCampaigns after 4 attempts: Bad request/,
		fault: {
			times: 4,
			status: 503,
			body: echoedKey,
			contentType: 'text/xml',
			headers: { 'Retry-After': '0' },
		},
	},
	{
		name: 'Retry-After too long, 429 echoing the key',
		said: /^AffilBox answered HTTP 429 to GetCampaigns: Bad request/,
		fault: {
			status: 429,
			body: echoedKey,
			contentType: 'text/xml',
			headers: { 'Retry-After': '3600' },
		},
	},
	{
		name: 'timeout',
		said: /^AffilBox did not answer GetCampaigns within 0.1 s$/,
		fault: { hang: true },
		parameters: { ...getCampaigns, options: { maxRetries: 0, timeout: 0.1 } },
	},
	{
		name: 'may have been applied: HTTP 500 echoing the key',
		said: /^AddConversion for item 0 may have been applied/,
		fault: { status: 500, body: echoedKey, contentType: 'text/xml' },
		parameters: addConversion,
	},
	{
		name: 'may have been applied: dropped connection',
		said: /^AddConversion for item 0 may have been applied/,
		fault: { dropConnection: true },
		parameters: addConversion,
	},
	{
		name: 'may have been applied: timeout, with Continue On Fail',
		said: /^AddConversion for item 0 may have been applied/,
		fault: { hang: true },
		parameters: { ...addConversion, options: { timeout: 0.1 } },
		continueOnFail: true,
	},
	{
		name: 'forbidden character in a field',
		said: /^Note contains a character that cannot be sent to AffilBox \(U\+0007 at position 6\)$/,
		parameters: { ...addConversion, additionalFields: { note: 'bell \u0007 x' } },
	},
	{
		name: 'forbidden character, with Continue On Fail',
		said: /^Conversion ID contains a character that cannot be sent to AffilBox \(U\+0000 at position 2\)$/,
		parameters: { ...addConversion, conversionId: '={{ "A\\u0000B" }}' },
		continueOnFail: true,
	},
	{ name: 'wrong path', credentials: { apiUrl: 'WRONG_PATH' } },
	{ name: 'http:// on a real host', credentials: { apiUrl: 'http://c1234.affilbox.cz/api/' } },
	{
		name: 'bad input before any request',
		parameters: {
			resource: 'bonus',
			operation: 'add',
			partnerId: 'zofie',
			text: 'x',
			value: '={{ "x" }}',
		},
	},
	{
		name: 'server error with Continue On Fail',
		fault: { status: 500, body: echoedKey, contentType: 'text/xml' },
		continueOnFail: true,
	},
	{
		name: 'API error with Continue On Fail',
		parameters: { resource: 'conversion', operation: 'get', conversionId: 'NOPE' },
		continueOnFail: true,
	},
];

describe('the AffilBox API key never leaks', () => {
	it.each(errorPaths)('$name', async ({ parameters, fault, credentials, continueOnFail, said }) => {
		if (fault) sandbox().injectFault({ times: 1, ...fault });
		const apiUrl =
			credentials?.apiUrl === 'WRONG_PATH'
				? sandbox().url.replace('/api/', '/nope/')
				: credentials?.apiUrl;
		const result = await runAffilBox(sandbox(), parameters ?? getCampaigns, {
			continueOnFail,
			credentials: { apiKey: API_KEY, ...credentials, ...(apiUrl ? { apiUrl } : {}) },
		});
		expectFailedWithoutSecret(result, expectNoKey, consoleLines);
		if (said) {
			const shown = result.error?.message ?? String(result.items[0]?.json.error);
			expect(shown).toMatch(said);
		}
	});

	it('a successful call with Include Raw XML shows no key either', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ ...getCampaigns, options: { includeRawXml: true } },
			{ credentials: { apiKey: API_KEY } },
		);
		expect(result.items.length).toBeGreaterThan(0);
		expectNoKey(JSON.stringify(result.run), 'the execution data');
	});

	it('the key did travel, XML-escaped, inside the request document', async () => {
		await runAffilBox(sandbox(), getCampaigns, { credentials: { apiKey: API_KEY } });
		const call = sandbox().requests.at(-1) as { key: string; rawXml: string };
		expect(call.key).toBe(API_KEY);
		expect(call.rawXml).toContain(`<key>${escapeXmlText(API_KEY)}</key>`);
	});
});

/** The trigger fails by throwing: its error (message, description, all of it) and the console stay clean. */
const triggerPaths: Array<{
	name: string;
	fault?: Record<string, unknown>;
	credentials?: Record<string, string>;
}> = [
	{ name: 'wrong key', credentials: { apiKey: `${API_KEY}-wrong` } },
	{
		name: 'HTTP 500 echoing the request',
		fault: { status: 500, body: echoedKey, contentType: 'text/xml' },
	},
	{
		name: 'error answer echoing the key',
		fault: { status: 200, body: echoedKey, contentType: 'text/xml' },
	},
	{
		name: 'plain text echoing the key',
		fault: { status: 200, body: `NO DATA for ${API_KEY}`, contentType: 'text/plain' },
	},
	{
		name: 'malformed XML',
		fault: {
			status: 200,
			body: '<response><status>OK</status><conversion>',
			contentType: 'text/xml',
		},
	},
	{ name: 'unreachable port', credentials: { apiUrl: 'http://127.0.0.1:9/api/' } },
];

describe('the AffilBox Trigger never leaks the key either', () => {
	it.each(triggerPaths)('$name', async ({ fault, credentials }) => {
		// Enough faults for every retry of the check.
		if (fault) sandbox().injectFault({ times: 8, ...fault });
		const failure = await runPoll({
			nodeTypes: { [TRIGGER_TYPE]: new AffilBoxTrigger() },
			credentialTypes: [new AffilBoxApi()],
			credentials: {
				affilBoxApi: sandboxCredentials(sandbox(), { apiKey: API_KEY, ...credentials }),
			},
			node: {
				type: TRIGGER_TYPE,
				parameters: { events: ['authorized', 'invoiced'], lookbackDays: 90 },
			},
			staticData: {},
		}).then(
			() => undefined,
			(error: unknown) => error as Error & { description?: string },
		);
		expect(failure).toBeInstanceOf(Error);
		expectNoKey(failure!.message, 'the error message');
		expectNoKey(String(failure!.description ?? ''), 'the error description');
		expectNoKey(JSON.stringify(failure), 'the serialised error');
		expectNoKey(consoleLines.join('\n'), 'the console output');
	});
});
