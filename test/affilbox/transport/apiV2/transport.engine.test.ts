import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AffilBoxApiV2Api } from '../../../../credentials/AffilBoxApiV2Api.credentials';
import { affilBoxV2Call, type V2Params } from '../../../../nodes/AffilBox/transport/apiV2';
import { toNodeError } from '../../../../nodes/shared/nodeError';
import error422WithFields from '../../../fixtures/affilbox/v2/error-422-with-fields.json';
import { testCredential } from '../../../support/harness/credentialTest';
import { usePauseRecorder } from '../../../support/harness/pauses';
import { runNode, type RunNodeResult } from '../../../support/harness/runWorkflow';
import {
	captureConsole,
	expectFailedWithoutSecret,
	secretSearch,
} from '../../../support/harness/secretLeaks';
import { closedPortUrl } from '../../../support/retryHelpers';
import {
	sandboxV2Credentials,
	useAffilBoxSandbox,
} from '../../../support/workflows/affilBoxWorkflow';

/**
 * The API v2 transport through n8n-core's engine and the credential's own authenticate, against
 * the sandbox over real HTTP. Until the v2 operations exist, a test-only node calls it: one call
 * per item, from the item's `method`, `path`, `params` and `secrets`.
 */
const sandbox = useAffilBoxSandbox();
const consoleLines = captureConsole();
const pauses = usePauseRecorder();
const credentialType = new AffilBoxApiV2Api();
const NODE_TYPE = 'test.affilBoxV2Call';

class V2CallNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AffilBox V2 Call (test)',
		name: NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Calls the AffilBox API v2 transport for each item',
		defaults: { name: 'V2 Call' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: credentialType.name, required: true }],
		usableAsTool: true,
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			const { method, path, params, secrets, maxRetries, timeoutMs } = item.json as IDataObject;
			try {
				const body = await affilBoxV2Call.call(this, {
					method: method as 'GET' | 'POST',
					path: String(path),
					params: params as V2Params | undefined,
					secrets: secrets as string[] | undefined,
					itemIndex,
					settings: {
						maxRetries: Number(maxRetries ?? 2),
						timeoutMs: Number(timeoutMs ?? 10_000),
					},
				});
				out.push({ json: body as IDataObject, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw toNodeError(this, error, itemIndex);
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [out];
	}
}

async function run(
	items: IDataObject[],
	options: { credentials?: IDataObject; continueOnFail?: boolean } = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new V2CallNode() },
		credentialTypes: [credentialType],
		credentials: { [credentialType.name]: sandboxV2Credentials(sandbox(), options.credentials) },
		node: { type: NODE_TYPE, parameters: {}, continueOnFail: options.continueOnFail },
		inputItems: items,
	});
}

describe('AffilBox V2 API credential test (check-credentials)', () => {
	it('passes with the sandbox instance number and key, with one GET check-credentials', async () => {
		expect(
			await testCredential({ credentialType, credentials: sandboxV2Credentials(sandbox()) }),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox().v2Requests.map((r) => [r.httpMethod, r.path, r.authorized])).toEqual([
			['GET', 'check-credentials', true],
		]);
	});

	it.each([
		['a wrong key', { apiKey: 'wrong' }],
		['a wrong instance number', { instanceNumber: '9999' }],
	])('reports %s in plain words', async (_, overrides) => {
		expect(
			await testCredential({
				credentialType,
				credentials: sandboxV2Credentials(sandbox(), overrides),
			}),
		).toEqual({
			status: 'Error',
			message:
				'AffilBox rejected the instance number or API key: check both (the key is the API v2 key of your licence)',
		});
	});

	it('reports a URL without API v2 in plain words', async () => {
		const result = await testCredential({
			credentialType,
			credentials: sandboxV2Credentials(sandbox(), { apiUrl: `${sandbox().v2Url}/nothing` }),
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'No AffilBox API v2 answers at this API URL: use https://api.affilbox.cz',
		});
	});

	it('refuses http:// for a real host and an empty instance number, sending nothing', async () => {
		for (const overrides of [{ apiUrl: 'http://api.affilbox.cz' }, { instanceNumber: ' ' }]) {
			const result = await testCredential({
				credentialType,
				credentials: sandboxV2Credentials(sandbox(), overrides),
			});
			expect(result.status).toBe('Error');
		}
		expect(sandbox().v2Requests).toHaveLength(0);
	});
});

describe('AffilBox API v2 transport', () => {
	it('GETs without parameters and POSTs a form with indexed lists, with Basic authentication', async () => {
		const result = await run([
			{ method: 'GET', path: 'ping' },
			{
				method: 'POST',
				path: 'conversions/change',
				params: { conversionId: [1002, 1005], state: 'authorized', comment: 'Hromadně & rychle' },
			},
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ status: 'ok', meta: [], message: 'Hi there! API version 2 here!' },
			{ status: 'ok', meta: [] },
		]);
		const [ping, change] = sandbox().v2Requests;
		expect([ping.httpMethod, ping.rawQuery, ping.authorized]).toEqual(['GET', '', true]);
		expect(change.rawBody).toBe(
			'conversionId%5B0%5D=1002&conversionId%5B1%5D=1005&state=authorized&comment=Hromadn%C4%9B+%26+rychle',
		);
		expect(change.contentType).toMatch(/^application\/x-www-form-urlencoded/);
		expect(
			sandbox()
				.store.conversions.filter((c) => c.state === 'authorized')
				.map((c) => c.id),
		).toEqual(expect.arrayContaining(['1002', '1005']));
	});

	it('sends GET parameters as a query', async () => {
		const result = await run([
			{ method: 'GET', path: 'conversions/list', params: { conversionsId: [1001, 1003] } },
		]);
		expect((result.items[0].json.conversion as IDataObject[]).map((c) => c.id)).toEqual([
			'1001',
			'1003',
		]);
		expect(sandbox().v2Requests[0].rawQuery).toBe(
			'conversionsId%5B0%5D=1001&conversionsId%5B1%5D=1003',
		);
	});

	it('HTTP 401: says the instance number or API key was rejected, and does not retry', async () => {
		const result = await run([{ method: 'GET', path: 'invoices/list' }], {
			credentials: { apiKey: 'wrong-key-123' },
		});
		expect(result.error?.message).toBe(
			'AffilBox rejected the instance number or API key (HTTP 401)',
		);
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect(sandbox().v2Requests).toHaveLength(1);
	});

	it("HTTP 422: the API's message, naming the field", async () => {
		const result = await run([
			{
				method: 'POST',
				path: 'conversions/change',
				params: { conversionId: 1002, state: 'approved' },
			},
		]);
		expect(result.error?.message).toMatch(
			/^AffilBox refused the data of POST conversions\/change \(HTTP 422\): Invalid data: state must be one of/,
		);
		sandbox().injectFault({
			status: 422,
			body: JSON.stringify(error422WithFields),
			contentType: 'application/json',
		});
		const withFields = await run([{ method: 'POST', path: 'partner/add', params: { name: 'x' } }]);
		expect(withFields.error?.message).toBe(
			'AffilBox refused the data of POST partner/add (HTTP 422): Invalid data [email: The email field is required.]',
		);
	});

	it('HTTP 200 with status "error": an error with the message, not a success', async () => {
		sandbox().setV2BillingRequest('refused');
		const result = await run([{ method: 'GET', path: 'invoices/billing-request' }]);
		expect(result.error?.message).toBe(
			"AffilBox refused GET invoices/billing-request: Invoice can't be created.",
		);
		expect(sandbox().v2Requests).toHaveLength(1);
	});

	it('a 2xx body that is not JSON: a clear error', async () => {
		sandbox().injectFault({ status: 200, body: 'not json' });
		const result = await run([{ method: 'GET', path: 'dashboard' }]);
		expect(result.error?.message).toBe(
			'AffilBox API v2 did not answer GET dashboard with JSON: not json',
		);
	});

	it('Continue On Fail: one item fails, the next goes on', async () => {
		sandbox().injectFault({ status: 400, body: '{"status":"error","message":"Bad"}' });
		const result = await run(
			[
				{ method: 'GET', path: 'dashboard' },
				{ method: 'GET', path: 'instance' },
			],
			{ continueOnFail: true },
		);
		expect(
			result.items.map((item) => item.json.error ?? (item.json.data as IDataObject).domain),
		).toEqual(['AffilBox answered HTTP 400 to GET dashboard: Bad', 'partneri.example.cz']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a refused connection and a time-out in the words both nodes use, naming the V2 credential', async () => {
		const closed = (await closedPortUrl()).replace(/\/api\/$/, '');
		const refused = await run([{ method: 'GET', path: 'dashboard', maxRetries: 0 }], {
			credentials: { apiUrl: closed },
		});
		expect(refused.error?.message).toBe(`Could not reach AffilBox at ${closed} (ECONNREFUSED)`);
		expect((refused.error as { description?: string }).description).toMatch(
			/Check the API URL in the AffilBox V2 API credential and your network\.$/,
		);
		sandbox().injectFault({ hang: true });
		const slow = await run([{ method: 'GET', path: 'dashboard', maxRetries: 0, timeoutMs: 1000 }]);
		expect(slow.error?.message).toBe('AffilBox did not answer GET dashboard within 1 s');
	});

	it('retries a read after HTTP 503 as the shared policy says', async () => {
		sandbox().injectFault({ status: 503, body: 'busy', times: 2 });
		const result = await run([{ method: 'GET', path: 'invoices/list' }]);
		expect(result.error).toBeUndefined();
		expect(sandbox().v2Requests).toHaveLength(3);
		expect(pauses()).toHaveLength(2);
	});

	it('repeats conversions/change (it sets the same values again) but never a create that may have reached AffilBox', async () => {
		sandbox().injectFault({ status: 502, body: 'gateway' });
		const change = await run([
			{
				method: 'POST',
				path: 'conversions/change',
				params: { conversionId: 1002, state: 'authorized' },
			},
		]);
		expect(change.error).toBeUndefined();
		sandbox().reset();
		sandbox().injectFault({ status: 502, body: 'gateway' });
		const create = await run([
			{ method: 'POST', path: 'partner/add', params: { email: 'new@example.com' } },
		]);
		expect(create.error?.message).toBe(
			'POST partner/add for item 0 may have been applied: check AffilBox before running it again',
		);
		expect(sandbox().v2Requests).toHaveLength(1);
	});

	it('repeats a create that certainly did not reach AffilBox (HTTP 429)', async () => {
		sandbox().injectFault({ status: 429, body: 'slow down', headers: { 'Retry-After': '0' } });
		const result = await run([
			{ method: 'POST', path: 'partner/add', params: { email: 'r@example.com' } },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.login).toBe('r@example.com');
		expect(sandbox().v2Requests).toHaveLength(2);
	});
});

describe('AffilBox API v2: no secret in errors, output or logs', () => {
	const key = 'v2-Secret-Key-&-42';

	async function runWithKey(items: IDataObject[], continueOnFail = false) {
		return await runNode({
			nodeTypes: { [NODE_TYPE]: new V2CallNode() },
			credentialTypes: [credentialType],
			credentials: { [credentialType.name]: sandboxV2Credentials(sandbox(), { apiKey: key }) },
			node: { type: NODE_TYPE, parameters: {}, continueOnFail },
			inputItems: items,
		});
	}

	const search = secretSearch(
		[key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)],
		'Secret-Key',
	);
	const basicForm = Buffer.from(`1234:${key}`).toString('base64');

	it.each([
		['a 401', { status: 401, body: `{"status":"error","message":"Unauthorized ${key}"}` }],
		['a 422 echoing the key', { status: 422, body: `{"status":"error","message":"bad ${key}"}` }],
		['a 200 error echoing the key', { status: 200, body: `{"status":"error","message":"${key}"}` }],
		['a non-JSON page echoing the key', { status: 200, body: `<html>${key}</html>` }],
		['a 500 echoing the key', { status: 500, body: `boom ${encodeURIComponent(key)}` }],
		['a dropped connection', { dropConnection: true }],
	])('%s', async (_, fault) => {
		sandbox().injectFault({ times: 5, ...fault });
		for (const continueOnFail of [false, true]) {
			const result = await runWithKey(
				[{ method: 'GET', path: 'dashboard', maxRetries: 0 }],
				continueOnFail,
			);
			expectFailedWithoutSecret(result, search, consoleLines);
			expect(JSON.stringify(result.run)).not.toContain(basicForm);
		}
	});

	it("masks a call's own secrets (e.g. a new partner's password) in errors", async () => {
		const echoed = ['Partner', 'Pass', '9876'].join('-');
		sandbox().injectFault({ status: 500, body: `{"status":"error","message":"echo ${echoed}"}` });
		const result = await run([
			{
				method: 'POST',
				path: 'partner/add',
				params: { email: 'p@example.com' },
				secrets: [echoed],
			},
		]);
		expect(result.error?.message).toBe(
			'POST partner/add for item 0 may have been applied: check AffilBox before running it again',
		);
		const text =
			JSON.stringify(result.error) + String((result.error as { description?: string }).description);
		expect(text).toContain('echo ***');
		expect(text).not.toContain(echoed);
	});
});
