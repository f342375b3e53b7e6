import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { AffilBox } from '../../nodes/AffilBox/AffilBox.node';
import {
	CALL_OPTIONS,
	DEFAULT_CALL_SETTINGS,
	readCallSettings,
	readRequestsInParallel,
} from '../../nodes/shared/callOptions';

function contextWithOptions(options: IDataObject[]): IExecuteFunctions {
	return {
		getNodeParameter: (_name: string, itemIndex: number, fallback: unknown) =>
			options[itemIndex] ?? fallback,
	} as unknown as IExecuteFunctions;
}

/** Every Options collection of a node, one per operation. */
function optionCollections(properties: INodeProperties[]): INodeProperties[][] {
	return properties
		.filter((property) => property.name === 'options')
		.map((collection) => collection.options as INodeProperties[]);
}

const NODES = [
	['AffilBox', new AffilBox().description.properties, 18],
	['Affelios', new Affelios().description.properties, 8],
] as const;

describe('Options: Max Retries, Requests in Parallel, Timeout', () => {
	it.each(NODES)(
		'%s: every operation has them, with the defaults and limits the code applies',
		(_node, properties, operations) => {
			const collections = optionCollections([...properties]);
			expect(collections).toHaveLength(operations);
			for (const options of collections) {
				const option = (name: string) => options.find((o) => o.name === name);
				expect(option('maxRetries')).toMatchObject({
					displayName: 'Max Retries',
					default: DEFAULT_CALL_SETTINGS.maxRetries,
					typeOptions: { minValue: 0, maxValue: 10 },
				});
				expect(option('requestsInParallel')).toMatchObject({
					displayName: 'Requests in Parallel',
					default: CALL_OPTIONS.requestsInParallel.default,
					typeOptions: { minValue: 1, maxValue: 50 },
				});
				expect(option('timeout')).toMatchObject({
					displayName: 'Timeout',
					default: DEFAULT_CALL_SETTINGS.timeoutMs / 1000,
					// One range for both nodes: 0.1 s to 10 minutes.
					typeOptions: { minValue: 0.1, maxValue: CALL_OPTIONS.timeout.max },
				});
			}
		},
	);

	it('AffilBox lists Include Raw XML and the three (Add and Approve or Reject also Skip If Already Done; API v2 operations no raw XML, Change Many its Batch Size, Partner → Create its secrets switch), in the editor order', () => {
		const lists = optionCollections(new AffilBox().description.properties).map((options) =>
			options.map((o) => o.name),
		);
		const plain = ['includeRawXml', 'maxRetries', 'requestsInParallel', 'timeout'];
		const skipping = [
			'includeRawXml',
			'maxRetries',
			'requestsInParallel',
			'skipIfAlreadyDone',
			'timeout',
		];
		const v2 = ['maxRetries', 'requestsInParallel', 'timeout'];
		const changeMany = ['batchSize', ...v2];
		const create = ['includeSecrets', ...v2];
		for (const names of lists) {
			expect([plain, skipping, v2, changeMany, create]).toContainEqual(names);
		}
		expect(lists.filter((names) => names.includes('batchSize'))).toHaveLength(1);
		expect(lists.filter((names) => names.includes('includeSecrets'))).toHaveLength(1);
		expect(lists.filter((names) => names.includes('skipIfAlreadyDone')).length).toBeGreaterThan(0);
	});

	it('the defaults', () => {
		expect(DEFAULT_CALL_SETTINGS).toEqual({ maxRetries: 3, timeoutMs: 30_000 });
		expect(CALL_OPTIONS.requestsInParallel.default).toBe(5);
	});

	it('reads them, with the defaults when unset', () => {
		const context = contextWithOptions([
			{},
			{ maxRetries: 0, timeout: 0.5, requestsInParallel: 9 },
		]);
		expect(readCallSettings(context, 0)).toEqual(DEFAULT_CALL_SETTINGS);
		expect(readCallSettings(context, 1)).toEqual({ maxRetries: 0, timeoutMs: 500 });
		expect(readRequestsInParallel(context)).toBe(5);
		expect(readRequestsInParallel(contextWithOptions([{ requestsInParallel: '12' }]))).toBe(12);
		expect(readCallSettings(contextWithOptions([{ timeout: '0.1', maxRetries: '2' }]), 0)).toEqual({
			maxRetries: 2,
			timeoutMs: 100,
		});
	});

	it.each([
		[{ maxRetries: -1 }, 'Max Retries must be a whole number from 0 to 10, got "-1"'],
		[{ maxRetries: 11 }, 'Max Retries must be a whole number from 0 to 10, got "11"'],
		[{ maxRetries: 1.5 }, 'Max Retries must be a whole number from 0 to 10, got "1.5"'],
		[{ timeout: 0 }, 'Timeout must be a number from 0.1 to 600, got "0"'],
		[{ timeout: 0.05 }, 'Timeout must be a number from 0.1 to 600, got "0.05"'],
		[{ timeout: 601 }, 'Timeout must be a number from 0.1 to 600, got "601"'],
		[{ timeout: 'soon' }, 'Timeout must be a number from 0.1 to 600, got "soon"'],
	])('refuses %j', (options, message) => {
		expect(() => readCallSettings(contextWithOptions([options]), 0)).toThrow(message);
	});
});
