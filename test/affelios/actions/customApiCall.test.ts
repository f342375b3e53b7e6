import { customCallOutput } from '../../../nodes/Affelios/actions/customCall/customApiCall.operation';

describe('Custom API Call: how an answer becomes output', () => {
	it.each([
		['an object: one item as it is', { id: 'c1' }, { id: 'c1' }],
		['an array: one item per element', [{ id: 'a' }, { id: 'b' }], [{ id: 'a' }, { id: 'b' }]],
		['an empty array: no item', [], []],
		[
			'elements that are no object: under data',
			[1, 'x', null, [2]],
			[{ data: 1 }, { data: 'x' }, { data: null }, { data: [2] }],
		],
		['a JSON value that is no object: under data', 'queued', { data: 'queued' }],
		['JSON null: under data', null, { data: null }],
		['no body: success and the status', undefined, { success: true, statusCode: 202 }],
	])('%s', (_name, data, expected) => {
		expect(customCallOutput({ statusCode: 202, data })).toEqual(expected);
	});
});
