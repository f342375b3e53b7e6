import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../nodes/AffilBox/actions/common.descriptions';
import {
	CALL_OPTION_LIMITS,
	readCallSettings,
	readRequestsInParallel,
} from '../../../nodes/AffilBox/helpers/callOptions';
import { DEFAULT_CALL_SETTINGS } from '../../../nodes/AffilBox/transport';
import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';

function contextWithOptions(options: IDataObject[]): IExecuteFunctions {
	return {
		getNodeParameter: (_name: string, itemIndex: number, fallback: unknown) =>
			options[itemIndex] ?? fallback,
	} as unknown as IExecuteFunctions;
}

const option = (name: string) =>
	(optionsCollection.options as INodeProperties[]).find((o) => o.name === name) as INodeProperties;

describe('Options: Max Retries, Requests in Parallel, Timeout', () => {
	it('the UI shows the defaults and limits the code applies', () => {
		expect(option('maxRetries')).toMatchObject({
			displayName: 'Max Retries',
			default: DEFAULT_CALL_SETTINGS.maxRetries,
			typeOptions: { minValue: 0, maxValue: 10 },
		});
		expect(option('requestsInParallel')).toMatchObject({
			displayName: 'Requests in Parallel',
			default: CALL_OPTION_LIMITS.requestsInParallel.default,
			typeOptions: { minValue: 1, maxValue: 50 },
		});
		expect(option('timeout')).toMatchObject({
			displayName: 'Timeout',
			default: DEFAULT_CALL_SETTINGS.timeoutSeconds,
			typeOptions: { maxValue: CALL_OPTION_LIMITS.timeout.max },
		});
		expect(DEFAULT_CALL_SETTINGS).toEqual({ maxRetries: 3, timeoutSeconds: 30 });
		expect(CALL_OPTION_LIMITS.requestsInParallel.default).toBe(5);
	});

	it('every operation of the node has them', () => {
		const collections = new AffilBox().description.properties.filter((p) => p.name === 'options');
		expect(collections).toHaveLength(11);
		for (const collection of collections) {
			expect((collection.options as INodeProperties[]).map((o) => o.name)).toEqual([
				'includeRawXml',
				'maxRetries',
				'requestsInParallel',
				'timeout',
			]);
		}
	});

	it('reads them, with the defaults when unset', () => {
		const context = contextWithOptions([
			{},
			{ maxRetries: 0, timeout: 0.5, requestsInParallel: 9 },
		]);
		expect(readCallSettings(context, 0)).toEqual(DEFAULT_CALL_SETTINGS);
		expect(readCallSettings(context, 1)).toEqual({ maxRetries: 0, timeoutSeconds: 0.5 });
		expect(readRequestsInParallel(context)).toBe(5);
		expect(readRequestsInParallel(contextWithOptions([{ requestsInParallel: '12' }]))).toBe(12);
	});

	it.each([
		[{ maxRetries: -1 }, 'Max Retries must be a whole number from 0 to 10, got -1'],
		[{ maxRetries: 11 }, 'Max Retries must be a whole number from 0 to 10, got 11'],
		[{ maxRetries: 1.5 }, 'Max Retries must be a whole number from 0 to 10, got 1.5'],
		[{ timeout: 0 }, 'Timeout must be a number of seconds above 0 and at most 600, got 0'],
		[{ timeout: 601 }, 'Timeout must be a number of seconds above 0 and at most 600, got 601'],
		[
			{ timeout: 'soon' },
			'Timeout must be a number of seconds above 0 and at most 600, got "soon"',
		],
	])('refuses %j', (options, message) => {
		expect(() => readCallSettings(contextWithOptions([options]), 0)).toThrow(message);
	});
});
