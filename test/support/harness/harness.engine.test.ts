/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { InMemoryCredentialsHelper } from './credentialsHelper';
import { loadBuiltPackage } from './nodeTypes';
import { createPoller, runNode, runPoll } from './runWorkflow';

// ---- Dummy credential types: one of each `authenticate` style ----

const FUNCTION_AUTH_VALUE = 'dummy-function-value-1';
const GENERIC_AUTH_VALUE = 'dummy-generic-value-2';

class FunctionAuthApi implements ICredentialType {
	name = 'harnessFunctionAuthApi';
	displayName = 'Harness Function Auth API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];
	authenticate: ICredentialType['authenticate'] = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			'X-Function-Secret': credentials.secret as string,
		},
	});
}

class GenericAuthApi implements ICredentialType {
	name = 'harnessGenericAuthApi';
	displayName = 'Harness Generic Auth API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: {
			headers: {
				'X-Api-Key': '={{$credentials.apiKey}}',
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'X-Region': '={{$credentials.region}}',
			},
			qs: { key: '={{$credentials.apiKey}}' },
		},
	};
}

const credentialTypes = [new FunctionAuthApi(), new GenericAuthApi()];

// ---- Dummy nodes ----

/** Calls the echo server once per item with the chosen credential; items with `fail: true` throw. */
class EchoNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Echo',
		name: 'harnessEcho',
		group: ['transform'],
		version: [1, 2],
		description: 'Calls an echo server',
		defaults: { name: 'Harness Echo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'harnessFunctionAuthApi', required: false },
			{ name: 'harnessGenericAuthApi', required: false },
		],
		properties: [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/' },
			{
				displayName: 'Handle Continue On Fail',
				name: 'handleContinueOnFail',
				type: 'boolean',
				default: true,
			},
			{
				displayName: 'Credential',
				name: 'credentialType',
				type: 'options',
				options: [
					{ name: 'Function', value: 'harnessFunctionAuthApi' },
					{ name: 'Generic', value: 'harnessGenericAuthApi' },
				],
				default: 'harnessFunctionAuthApi',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				if (items[itemIndex].json.fail === true) {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex} asked to fail`, {
						itemIndex,
					});
				}
				const credentialType = this.getNodeParameter('credentialType', itemIndex) as string;
				const baseUrl = this.getNodeParameter('baseUrl', itemIndex) as string;
				const path = this.getNodeParameter('path', itemIndex) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType,
					{ method: 'GET', url: `${baseUrl}${path}`, json: true },
				)) as IDataObject;
				output.push({
					json: { ...response, typeVersion: this.getNode().typeVersion },
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				if (
					this.continueOnFail() &&
					(this.getNodeParameter('handleContinueOnFail', itemIndex) as boolean)
				) {
					output.push({
						json: { error: (error as Error).message },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				// Returns the error itself when it already is a NodeOperationError.
				throw new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
				});
			}
		}
		return [output];
	}
}

/** Counts its polls in the node's static data; emits only when `emit` is on. */
class CounterPoll implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Counter Trigger',
		name: 'harnessCounterTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Counts polls',
		defaults: { name: 'Harness Counter Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Emit', name: 'emit', type: 'boolean', default: true }],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		state.count = ((state.count as number | undefined) ?? 0) + 1;
		if (!(this.getNodeParameter('emit') as boolean)) return null;
		return [
			[
				{
					json: {
						count: state.count,
						mode: this.getMode(),
						activation: this.getActivationMode(),
					},
				},
			],
		];
	}
}

const nodeTypes = {
	harnessEcho: new EchoNode(),
	harnessCounterTrigger: new CounterPoll(),
};

// ---- Echo server ----

const server = createServer((request, response) => {
	response.setHeader('content-type', 'application/json');
	response.end(JSON.stringify({ url: request.url, headers: request.headers }));
});
let baseUrl = '';

beforeAll(async () => {
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.close();
	await once(server, 'close');
});

const credentials = {
	harnessFunctionAuthApi: { secret: FUNCTION_AUTH_VALUE },
	harnessGenericAuthApi: { apiKey: GENERIC_AUTH_VALUE },
};

describe('runNode', () => {
	it('applies a function-style authenticate for real', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			credentials,
			node: { type: 'harnessEcho', parameters: { baseUrl, path: '/fn' } },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const { headers, url, typeVersion } = result.items[0].json as IDataObject & {
			headers: IDataObject;
		};
		expect(url).toBe('/fn');
		expect(headers['x-function-secret']).toBe(FUNCTION_AUTH_VALUE);
		// The newest version is the default.
		expect(typeVersion).toBe(2);
	});

	it('resolves generic authenticate expressions against the credential data', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			credentials,
			node: {
				type: 'harnessEcho',
				typeVersion: 1,
				parameters: {
					baseUrl,
					path: '/generic',
					credentialType: 'harnessGenericAuthApi',
				},
			},
		});

		expect(result.error).toBeUndefined();
		const { headers, url, typeVersion } = result.items[0].json as IDataObject & {
			headers: IDataObject;
		};
		expect(headers['x-api-key']).toBe(GENERIC_AUTH_VALUE);
		expect(headers.authorization).toBe(`Bearer ${GENERIC_AUTH_VALUE}`);
		// `region` was not given: the credential property's default applies, as in n8n.
		expect(headers['x-region']).toBe('eu');
		expect(url).toBe(`/generic?key=${GENERIC_AUTH_VALUE}`);
		expect(typeVersion).toBe(1);
	});

	it('feeds the input items through, one output item per input item with pairedItem', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			credentials,
			node: {
				type: 'harnessEcho',
				parameters: { baseUrl, path: '=/items/{{ $json.id }}' },
			},
			inputItems: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
		});

		expect(result.items.map((item) => item.json.url)).toEqual(['/items/a', '/items/b', '/items/c']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.runData['Node Under Test'][0].executionStatus).toBe('success');
	});

	it('reports a thrown NodeOperationError as the result error', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			credentials,
			node: { type: 'harnessEcho', parameters: { baseUrl } },
			inputItems: [{}, { fail: true }],
		});

		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Item 1 asked to fail');
		expect(result.run.status).toBe('error');
	});

	it('returns an error item instead when the node is set to continue on fail', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			credentials,
			node: {
				type: 'harnessEcho',
				parameters: { baseUrl },
				continueOnFail: true,
			},
			inputItems: [{}, { fail: true }],
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.headers).toBeDefined();
		expect(result.items[1]).toEqual({
			json: { error: 'Item 1 asked to fail' },
			pairedItem: { item: 1 },
		});
	});

	it('does not run the node when it gets no input items', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			node: { type: 'harnessEcho', parameters: { baseUrl } },
			inputItems: [],
		});

		expect(result.executed).toBe(false);
		expect(result.items).toEqual([]);
	});

	it('passes the input through with the error recorded when a node throws despite continue on fail', async () => {
		const result = await runNode({
			nodeTypes,
			credentialTypes,
			credentials,
			node: {
				type: 'harnessEcho',
				parameters: { baseUrl, handleContinueOnFail: false },
				continueOnFail: true,
			},
			inputItems: [{ id: 1 }, { fail: true }],
		});

		expect(result.items.map((item) => item.json)).toEqual([{ id: 1 }, { fail: true }]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.run.status).toBe('error');
	});
});

describe('InMemoryCredentialsHelper', () => {
	it('names a missing credential type without revealing stored credential data', async () => {
		const helper = new InMemoryCredentialsHelper(credentialTypes, {
			harnessGenericAuthApi: { apiKey: GENERIC_AUTH_VALUE },
		});
		const additionalData = createAdditionalData({
			credentialsHelper: helper,
			executionId: 'x',
		});
		const reference = { id: 'test', name: 'Test' };

		const missing = helper.getDecrypted(
			additionalData,
			reference,
			'harnessFunctionAuthApi',
			'manual',
		);
		await expect(missing).rejects.toThrow(
			'No credentials of type "harnessFunctionAuthApi" were given to the test harness',
		);
		await expect(
			helper.getDecrypted(additionalData, reference, 'harnessGenericAuthApi', 'manual'),
		).resolves.toEqual({ apiKey: GENERIC_AUTH_VALUE, region: 'eu' });
		// getCredentials goes through n8n-core's real encryption round trip.
		const encrypted = await helper.getCredentials(reference, 'harnessGenericAuthApi');
		expect(encrypted.getDataToSave().data).not.toContain(GENERIC_AUTH_VALUE);
		expect(encrypted.getData()).toEqual({ apiKey: GENERIC_AUTH_VALUE });
	});
});

describe('runPoll', () => {
	const node = { type: 'harnessCounterTrigger', parameters: {} };

	it('keeps static data when the saved state is passed to the next poll', async () => {
		const first = await runPoll({ nodeTypes, node, staticData: {} });
		expect(first.output).toEqual([
			[{ json: { count: 1, mode: 'trigger', activation: 'activate' } }],
		]);
		expect(first.nodeStaticData).toEqual({ count: 1 });
		expect(first.staticDataChanged).toBe(true);

		const second = await runPoll({
			nodeTypes,
			node,
			staticData: first.staticData,
		});
		expect(second.nodeStaticData).toEqual({ count: 2 });
	});

	it("loses a poll's writes when the older state is reloaded, and never changes its input", async () => {
		const saved = (await runPoll({ nodeTypes, node, staticData: {} })).staticData;
		const silent = await runPoll({
			nodeTypes,
			node: { ...node, parameters: { emit: false } },
			staticData: saved,
		});
		expect(silent.output).toBeNull();
		expect(silent.nodeStaticData).toEqual({ count: 2 });
		expect(saved).toEqual({ 'node:Node Under Test': { count: 1 } });

		const afterLoss = await runPoll({ nodeTypes, node, staticData: saved });
		expect(afterLoss.nodeStaticData).toEqual({ count: 2 });
	});

	it('keeps static data in memory across polls of one poller, as a running n8n does', async () => {
		const poller = createPoller({ nodeTypes, node });
		await poller.poll();
		const second = await poller.poll();
		expect(second.nodeStaticData).toEqual({ count: 2 });
		expect(second.staticDataChanged).toBe(true);
	});
});

describe('loadBuiltPackage', () => {
	it('loads a package the way n8n does and runs its node', async () => {
		const packageDir = mkdtempSync(join(tmpdir(), 'harness-package-'));
		mkdirSync(join(packageDir, 'dist'));
		writeFileSync(
			join(packageDir, 'package.json'),
			JSON.stringify({
				name: 'n8n-nodes-harness-fixture',
				version: '1.2.3',
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/Fixture.node.js'],
					credentials: ['dist/FixtureApi.credentials.js'],
				},
			}),
		);
		writeFileSync(
			join(packageDir, 'dist', 'Fixture.node.js'),
			`class Fixture {
				description = {
					displayName: 'Fixture', name: 'fixture', group: ['transform'], version: 1,
					description: 'Fixture', defaults: { name: 'Fixture' }, inputs: ['main'], outputs: ['main'],
					credentials: [{ name: 'fixtureApi', required: true }],
					properties: [],
				};
				async execute() {
					const { token } = await this.getCredentials('fixtureApi');
					return [[{ json: { tokenLength: token.length } }]];
				}
			}
			module.exports = { Fixture };`,
		);
		writeFileSync(
			join(packageDir, 'dist', 'FixtureApi.credentials.js'),
			`class FixtureApi {
				name = 'fixtureApi';
				displayName = 'Fixture API';
				properties = [{ displayName: 'Token', name: 'token', type: 'string', default: '' }];
			}
			module.exports = { FixtureApi };`,
		);

		const loaded = await loadBuiltPackage(packageDir);
		expect(loaded.packageName).toBe('n8n-nodes-harness-fixture');
		expect(Object.keys(loaded.nodeTypes)).toEqual(['n8n-nodes-harness-fixture.fixture']);
		expect(loaded.credentialTypes.map((type) => type.name)).toEqual(['fixtureApi']);

		const result = await runNode({
			nodeTypes: loaded.nodeTypes,
			credentialTypes: loaded.credentialTypes,
			credentials: { fixtureApi: { token: 'abcd' } },
			node: { type: 'n8n-nodes-harness-fixture.fixture', parameters: {} },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { tokenLength: 4 }, pairedItem: { item: 0 } }]);
	});
});
