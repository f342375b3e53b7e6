import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, sleep } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { classifyNetworkError } from '../../../nodes/shared/networkFailure';
import { usePauseRecorder } from '../../support/harness/pauses';
import { runNode } from '../../support/harness/runWorkflow';
import { startAffilBoxSandbox } from '../../support/sandbox/affilbox';
import { jsonOf, runAffilBox, useAffilBoxSandbox, type AffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';
import { CountingAffilBoxApi, closedPortUrl } from '../../support/retryHelpers';

/**
 * Retries, back-off, Retry-After, time-outs and the create rules, through the engine against the
 * sandbox's fault injection (requests counted as the sandbox received them); at the end, the raw
 * errors n8n-core throws that the node's failure reading relies on.
 */
const sandbox = useAffilBoxSandbox();
/** The pauses the node made between attempts (ms), as it chose them: checked instead of timing the run. */
const pauses = usePauseRecorder();

const getCampaigns: INodeParameters = {
	resource: 'campaign',
	operation: 'getMany',
	returnAll: true,
};
const addConversion = (conversionId: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'conversion',
	operation: 'add',
	partnerId: 'jdvorak',
	campaignId: '11',
	conversionId,
	value: 10,
	options,
});
const busy = (status: number, times = 1, retryAfter?: string) => ({
	status,
	times,
	body: 'busy',
	contentType: 'text/plain',
	headers: (retryAfter === undefined ? {} : { 'Retry-After': retryAfter }) as Record<
		string,
		string
	>,
});
const conversionsWith = (sb: AffilBoxSandbox, id: string) =>
	sb.store.conversions.filter((conversion) => conversion.transactionId === id).length;
const calls = (sb: AffilBoxSandbox, method: string) =>
	sb.requests.filter((request) => request.method === method).length;

describe('calls that only read are retried on passing failures', () => {
	it('503 with Retry-After, twice: the third attempt answers', async () => {
		sandbox().injectFault(busy(503, 2, '0'));
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).length).toBeGreaterThan(1);
		expect(calls(sandbox(), 'GetCampaigns')).toBe(3);
	});

	it('429 with Retry-After 0 is retried at once; the header is read from the answer', async () => {
		sandbox().injectFault(busy(429, 1, '0'));
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error).toBeUndefined();
		expect(pauses()).toEqual([]); // no back-off: the server said when
		expect(calls(sandbox(), 'GetCampaigns')).toBe(2);
	});

	// 504 takes the same path as 502 (retryPolicy.test.ts covers each status).
	it.each([
		['502', busy(502)],
		['a dropped connection', { dropConnection: true }],
	])('%s is retried after a back-off', async (_name, fault) => {
		sandbox().injectFault(fault);
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error).toBeUndefined();
		expect(calls(sandbox(), 'GetCampaigns')).toBe(2);
		// The first back-off: 0.25-0.5 s.
		expect(pauses()).toEqual([expect.any(Number)]);
		expect(pauses()[0]).toBeGreaterThanOrEqual(250);
		expect(pauses()[0]).toBeLessThanOrEqual(500);
	});

	it('gives up after Max Retries with a clear error', async () => {
		sandbox().injectFault(busy(503, 4, '0'));
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AffilBox answered HTTP 503 to GetCampaigns after 4 attempts: busy',
		);
		expect((result.error as NodeApiError).httpCode).toBe('503');
		expect(calls(sandbox(), 'GetCampaigns')).toBe(4);
	});

	it('Max Retries 0 sends once', async () => {
		sandbox().injectFault(busy(503, 1, '0'));
		const result = await runAffilBox(sandbox(), { ...getCampaigns, options: { maxRetries: 0 } });
		expect(result.error?.message).toBe('AffilBox answered HTTP 503 to GetCampaigns: busy');
		expect(calls(sandbox(), 'GetCampaigns')).toBe(1);
	});

	it('500 is an answer, not a passing failure: sent once', async () => {
		sandbox().injectFault(busy(500));
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error?.message).toBe('AffilBox answered HTTP 500 to GetCampaigns: busy');
		expect(calls(sandbox(), 'GetCampaigns')).toBe(1);
	});

	it('a Retry-After beyond the cap is not waited for', async () => {
		sandbox().injectFault(busy(429, 1, '3600'));
		const result = await runAffilBox(sandbox(), getCampaigns);
		expect(result.error?.message).toBe('AffilBox answered HTTP 429 to GetCampaigns: busy');
		expect((result.error as NodeApiError).description).toMatch(
			/^AffilBox asked to wait 3600 s before trying again \(Retry-After\); the node waits at most 60 s\./,
		);
		expect(calls(sandbox(), 'GetCampaigns')).toBe(1);
	});

	it('Timeout: an attempt that gets no answer in time is abandoned, then retried', async () => {
		// No answer ever comes: the node can only end by its own time-out.
		sandbox().injectFault({ hang: true, times: 2 });
		const result = await runAffilBox(sandbox(), {
			...getCampaigns,
			options: { timeout: 0.1, maxRetries: 1 },
		});
		expect(result.error?.message).toBe(
			'AffilBox did not answer GetCampaigns within 0.1 s after 2 attempts',
		);
		expect((result.error as NodeApiError).description).toMatch(/Raise Options → Timeout/);
		expect(calls(sandbox(), 'GetCampaigns')).toBe(2);
		expect(pauses()).toHaveLength(1);
	});

	it('a refused connection is retried, then reported with its code', async () => {
		const credential = new CountingAffilBoxApi();
		const url = await closedPortUrl();
		const result = await runAffilBox(
			sandbox(),
			{ ...getCampaigns, options: { maxRetries: 1 } },
			{ credentials: { apiUrl: url }, credentialType: credential },
		);
		expect(result.error?.message).toBe(
			`Could not reach AffilBox at ${url} (ECONNREFUSED) after 2 attempts`,
		);
		expect(credential.attempts).toBe(2);
	});
});

describe('calls that create something are never sent twice when they may have been applied', () => {
	it.each([
		['HTTP 500', busy(500), /^AffilBox answered HTTP 500: busy\. /],
		['HTTP 502', busy(502), /^AffilBox answered HTTP 502: busy\. /],
		['HTTP 504', busy(504), /^AffilBox answered HTTP 504: busy\. /],
		['HTTP 503 without Retry-After', busy(503), /^AffilBox answered HTTP 503: busy\. /],
		[
			'a dropped connection',
			{ dropConnection: true },
			/^The connection failed before AffilBox answered \(ECONNRESET\): The connection to the server was closed unexpectedly/,
		],
	])('%s: one request, and the error says it may have been applied', async (_name, fault, said) => {
		sandbox().injectFault(fault);
		const result = await runAffilBox(sandbox(), addConversion('MAYBE-1'));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe(
			'AddConversion for item 0 may have been applied: check AffilBox before running it again',
		);
		const description = String((result.error as NodeApiError).description);
		expect(description).toMatch(said);
		expect(description).toMatch(/repeated only when they certainly did not reach AffilBox/);
		expect(calls(sandbox(), 'AddConversion')).toBe(1);
	});

	it('a time-out: one request, may have been applied (and here it was: the server was only slow)', async () => {
		// The sandbox carries the call out, but only after the node gave up on it.
		sandbox().injectFault({ hang: true, passThrough: true });
		const result = await runAffilBox(sandbox(), addConversion('SLOW-1', { timeout: 0.1 }));
		expect(result.error?.message).toBe(
			'AddConversion for item 0 may have been applied: check AffilBox before running it again',
		);
		expect((result.error as NodeApiError).description).toMatch(
			/^AffilBox did not answer within 0.1 s\. /,
		);
		while (conversionsWith(sandbox(), 'SLOW-1') === 0) await sleep(20);
		expect(calls(sandbox(), 'AddConversion')).toBe(1);
	});

	it('names the item, and with Continue On Fail the other items go on', async () => {
		sandbox().injectFault({ ...busy(500), skip: 1 });
		const result = await runAffilBox(
			sandbox(),
			addConversion('={{ $json.id }}', { requestsInParallel: 1 }),
			{ continueOnFail: true, inputItems: [{ id: 'CF-0' }, { id: 'CF-1' }, { id: 'CF-2' }] },
		);
		expect(
			result.items.map((item) => [item.json.transactionId ?? item.json.error, item.pairedItem]),
		).toEqual([
			['CF-0', { item: 0 }],
			[
				'AddConversion for item 1 may have been applied: check AffilBox before running it again',
				{ item: 1 },
			],
			['CF-2', { item: 2 }],
		]);
		expect(calls(sandbox(), 'AddConversion')).toBe(3);
	});

	it.each([
		['AddBonus', { resource: 'bonus', operation: 'add', partnerId: 'zofie', text: 'x', value: 5 }],
		[
			'AddClick',
			{
				resource: 'click',
				operation: 'add',
				partnerId: 'zofie',
				campaignId: '11',
				date: '2025-03-11 10:00',
				count: 2,
			},
		],
		[
			'GetOrCreatePartner',
			{ resource: 'partner', operation: 'getOrCreate', email: 'nova@example.cz' },
		],
	])('%s is a create too', async (method, parameters) => {
		sandbox().injectFault(busy(502));
		const result = await runAffilBox(sandbox(), parameters);
		expect(result.error?.message).toBe(
			`${method} for item 0 may have been applied: check AffilBox before running it again`,
		);
		expect(calls(sandbox(), method)).toBe(1);
	});
});

describe('calls that create something are retried when they certainly did not reach AffilBox', () => {
	it('429 with Retry-After: retried, and exactly one conversion exists', async () => {
		sandbox().injectFault(busy(429, 1, '0'));
		const result = await runAffilBox(sandbox(), addConversion('RATE-1'));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ transactionId: 'RATE-1' })]);
		expect(calls(sandbox(), 'AddConversion')).toBe(2);
		expect(conversionsWith(sandbox(), 'RATE-1')).toBe(1);
	});

	it('503 with Retry-After: retried, and the partner is created once', async () => {
		sandbox().injectFault(busy(503, 2, '0'));
		const before = sandbox().store.partners.length;
		const result = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'getOrCreate',
			email: 'retry@example.cz',
		});
		expect(jsonOf(result)).toEqual([expect.objectContaining({ created: true })]);
		expect(calls(sandbox(), 'GetOrCreatePartner')).toBe(3);
		expect(sandbox().store.partners.length).toBe(before + 1);
	});

	it('429 until Max Retries: a clear error, not "may have been applied"', async () => {
		sandbox().injectFault(busy(429, 4, '0'));
		const result = await runAffilBox(sandbox(), addConversion('RATE-2'));
		expect(result.error?.message).toBe(
			'AffilBox answered HTTP 429 to AddConversion after 4 attempts: busy',
		);
		expect(calls(sandbox(), 'AddConversion')).toBe(4);
		expect(conversionsWith(sandbox(), 'RATE-2')).toBe(0);
	});

	it('connection refused: retried; once the server is up the conversion is created once', async () => {
		const url = await closedPortUrl();
		let late: AffilBoxSandbox | undefined;
		// The first attempt is refused; before the second one, a sandbox starts on that port.
		const credential = new CountingAffilBoxApi(async (attempt) => {
			if (attempt === 2) late = await startAffilBoxSandbox({ port: Number(new URL(url).port) });
		});
		try {
			const result = await runAffilBox(sandbox(), addConversion('LATE-1'), {
				credentials: { apiUrl: url },
				credentialType: credential,
			});
			expect(result.error).toBeUndefined();
			expect(credential.attempts).toBe(2);
			expect(late?.requests).toHaveLength(1);
			expect(late && conversionsWith(late, 'LATE-1')).toBe(1);
		} finally {
			await late?.close();
		}
	});
});

/**
 * What n8n-core really throws from httpRequestWithAuthentication when a request gets no answer,
 * and what the node reads from it (nodes/shared/networkFailure.ts relies on exactly this). A probe
 * node makes the same request the AffilBox transport makes and reports the thrown error's parts.
 */
class ErrorProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Error Probe',
		name: 'test.errorProbe',
		group: ['transform'],
		version: 1,
		description: 'Reports the error of one AffilBox-style request',
		defaults: { name: 'Error Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'affilBoxApi', required: true }],
		properties: [{ displayName: 'Timeout', name: 'timeout', type: 'number', default: 1000 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('affilBoxApi');
		try {
			await this.helpers.httpRequestWithAuthentication.call(this, 'affilBoxApi', {
				method: 'POST',
				url: String(credentials.apiUrl),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
				body: {
					data: '<?xml version="1.0"?><request><key></key><method>GetCampaigns</method></request>',
				},
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: this.getNodeParameter('timeout', 0) as number,
			});
			return [[{ json: { thrown: false } }]];
		} catch (error) {
			const thrown = error as IDataObject & { cause?: unknown; messages?: string[] };
			return [
				[
					{
						json: {
							thrown: true,
							name: String(thrown.name),
							hasCause: thrown.cause !== undefined,
							httpCode: (thrown.httpCode as string) ?? null,
							messages: thrown.messages ?? [],
							classified: { ...classifyNetworkError(error) },
						},
					},
				],
			];
		}
	}
}

async function probe(apiUrl: string, timeout = 1000): Promise<IDataObject> {
	const result = await runNode({
		nodeTypes: { 'test.errorProbe': new ErrorProbe() },
		credentialTypes: [new AffilBoxApi()],
		credentials: { affilBoxApi: { apiUrl, apiKey: sandbox().apiKey } },
		node: { type: 'test.errorProbe', parameters: { timeout } },
	});
	return result.items[0].json;
}

describe('the errors n8n-core 2.11 throws for a request without an answer', () => {
	it('connection refused: a NodeApiError without cause, ECONNREFUSED in httpCode and messages', async () => {
		expect(await probe(await closedPortUrl())).toEqual({
			thrown: true,
			name: 'NodeApiError',
			hasCause: false,
			httpCode: 'ECONNREFUSED',
			messages: expect.arrayContaining([
				expect.stringMatching(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
			]),
			classified: { kind: 'refused', code: 'ECONNREFUSED' },
		});
	});

	it('connection dropped by the server: ECONNRESET, "socket hang up"', async () => {
		sandbox().injectFault({ dropConnection: true });
		expect(await probe(sandbox().url)).toEqual({
			thrown: true,
			name: 'NodeApiError',
			hasCause: false,
			httpCode: 'ECONNRESET',
			messages: expect.arrayContaining(['socket hang up']),
			classified: { kind: 'reset', code: 'ECONNRESET' },
		});
	});

	it('no answer in time: ECONNABORTED, "timeout of N ms exceeded"', async () => {
		sandbox().injectFault({ hang: true });
		expect(await probe(sandbox().url, 150)).toEqual({
			thrown: true,
			name: 'NodeApiError',
			hasCause: false,
			httpCode: 'ECONNABORTED',
			messages: expect.arrayContaining(['timeout of 150ms exceeded']),
			classified: { kind: 'timeout', code: 'ECONNABORTED' },
		});
	});

	it('an HTTP error status is no thrown error at all (ignoreHttpStatusErrors)', async () => {
		sandbox().injectFault({ status: 503, headers: { 'Retry-After': '0' } });
		expect(await probe(sandbox().url)).toEqual({ thrown: false });
	});
});
