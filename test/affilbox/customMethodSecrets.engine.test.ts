import { escapeXmlText } from '../../nodes/shared/redact';
import {
	captureConsole,
	expectFailedWithoutSecret,
	secretSearch,
} from '../support/harness/secretLeaks';
import { useSandbox } from '../support/harness/useSandbox';
import { startAffilBoxSandbox } from '../support/sandbox/affilbox';
import { runAffilBox, type AffilBoxRunOptions } from '../support/workflows/affilBoxWorkflow';

const API_KEY = `Cm7<&>"'sEcReT-${Date.now()}`;
const expectNoKey = secretSearch([API_KEY, escapeXmlText(API_KEY), encodeURIComponent(API_KEY)]);
const sandbox = useSandbox(() => startAffilBoxSandbox({ port: 0, apiKey: API_KEY }));
const consoleLines = captureConsole();
const getPartner = {
	resource: 'customCall',
	operation: 'customMethod',
	method: 'GetPartner',
	parametersJson: '{"partner_id": "zofie"}',
	options: { includeRawXml: true },
};

describe('Custom Method never shows the API key', () => {
	it.each<[string, AffilBoxRunOptions, Record<string, string>?]>([
		['wrong key', { credentials: { apiKey: `${API_KEY}-wrong` } }],
		['unknown method, Continue On Fail', { continueOnFail: true }, { method: 'Nope' }],
		['a parameter named key', {}, { parametersJson: `{"key": "${'x'}"}` }],
	])('%s', async (_name, options, parameters = {}) => {
		const result = await runAffilBox(
			sandbox(),
			{ ...getPartner, ...parameters },
			{ ...options, credentials: { apiKey: API_KEY, ...options.credentials } },
		);
		expectFailedWithoutSecret(result, expectNoKey, consoleLines);
	});

	it('a successful call with Include Raw XML shows no key', async () => {
		const result = await runAffilBox(sandbox(), getPartner, { credentials: { apiKey: API_KEY } });
		expect(result.items.length).toBeGreaterThan(0);
		expectNoKey(JSON.stringify(result.run), 'the execution data');
		expect((sandbox().requests.at(-1) as { key: string }).key).toBe(API_KEY);
	});
});
