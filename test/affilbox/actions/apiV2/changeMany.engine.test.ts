import {
	jsonOf,
	runAffilBox,
	runAffilBoxV2,
	useAffilBoxSandbox,
} from '../../../support/workflows/affilBoxWorkflow';

/** Conversion → Change Many (API v2 conversions/change, read back with conversions/list). */
const sandbox = useAffilBoxSandbox();
const base = { resource: 'conversion', operation: 'changeMany', state: 'authorized' };
const v2Calls = () => sandbox().v2Requests.map((r) => [r.httpMethod, r.path, r.params]);
const byId = '={{ $json.id }}';

describe('Conversion → Change Many', () => {
	it('changes one ID per item in one call, then gives each conversion its state after', async () => {
		const result = await runAffilBoxV2(
			sandbox(),
			{ ...base, conversionIds: byId },
			{ inputItems: [{ id: '1002' }, { id: 1005 }, { id: '1003' }] },
		);
		expect(v2Calls()).toEqual([
			[
				'POST',
				'conversions/change',
				{ conversionId: ['1002', '1005', '1003'], state: 'authorized' },
			],
			['POST', 'conversions/list', { conversionsId: ['1002', '1005', '1003'] }],
		]);
		expect(
			jsonOf(result).map((json) => [json.conversionId, json.outcome, json.stateAfter]),
		).toEqual([
			['1002', 'done', 'authorized'],
			['1005', 'done', 'authorized'],
			['1003', 'done', 'authorized'],
		]);
		expect(jsonOf(result)[0].conversion).toEqual(
			expect.objectContaining({ id: '1002', transactionId: 'OBJ-2025-0002', state: 'authorized' }),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		// The XML API sees the change: the sandbox shares one store.
		const seen = await runAffilBox(sandbox(), {
			resource: 'conversion',
			operation: 'get',
			conversionId: 'OBJ-2025-0002',
		});
		expect(jsonOf(seen)[0]).toEqual(expect.objectContaining({ state: 'authorized' }));
	});

	it('takes a list per item, batches by Batch Size and pairs each conversion to its item', async () => {
		const result = await runAffilBoxV2(
			sandbox(),
			{
				...base,
				state: 'rejection',
				conversionIds: '={{ $json.ids }}',
				updateFields: { comment: 'Storno – vráceno', value: '0' },
				options: { batchSize: 2 },
			},
			{ inputItems: [{ ids: ['1001', '1002', '1005'] }, { ids: '1006; 1007' }] },
		);
		const changes = sandbox().v2Requests.filter((r) => r.path === 'conversions/change');
		expect(changes.map((r) => r.params)).toEqual([
			{
				conversionId: ['1001', '1002'],
				state: 'rejection',
				value: '0',
				comment: 'Storno – vráceno',
			},
			{
				conversionId: ['1005', '1006'],
				state: 'rejection',
				value: '0',
				comment: 'Storno – vráceno',
			},
			{ conversionId: ['1007'], state: 'rejection', value: '0', comment: 'Storno – vráceno' },
		]);
		expect(jsonOf(result).map((json) => json.conversionId)).toEqual([
			'1001',
			'1002',
			'1005',
			'1006',
			'1007',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
		expect(jsonOf(result).every((json) => json.stateAfter === 'rejection')).toBe(true);
		expect(jsonOf(result)[0].conversion).toEqual(
			expect.objectContaining({ value: 0, comment: 'Storno – vráceno' }),
		);
	});

	it('says which IDs AffilBox does not know, read back after the change', async () => {
		const result = await runAffilBoxV2(sandbox(), { ...base, conversionIds: '1002, 987654' });
		expect(
			jsonOf(result).map((json) => [json.conversionId, json.outcome, json.stateAfter]),
		).toEqual([
			['1002', 'done', 'authorized'],
			['987654', 'notFound', null],
		]);
	});

	it('items that set different values get calls of their own', async () => {
		await runAffilBoxV2(
			sandbox(),
			{ ...base, conversionIds: byId, state: '={{ $json.state }}' },
			{
				inputItems: [
					{ id: '1002', state: 'authorized' },
					{ id: '1005', state: 'Rejected' },
				],
			},
		);
		const changes = sandbox().v2Requests.filter((r) => r.path === 'conversions/change');
		expect(changes.map((r) => r.params)).toEqual([
			{ conversionId: ['1002'], state: 'authorized' },
			{ conversionId: ['1005'], state: 'rejection' },
		]);
	});

	it('a refused batch fails its conversions; with Continue On Fail the other batches go on', async () => {
		sandbox().setV2UnknownIds('reject');
		const input = { inputItems: [{ id: '999999' }, { id: '1002' }] };
		const params = {
			...base,
			conversionIds: byId,
			options: { batchSize: 1, requestsInParallel: 1 },
		};
		const stopped = await runAffilBoxV2(sandbox(), params, input);
		expect(stopped.error?.message).toMatch(/conversionId/);
		sandbox().reset();
		sandbox().setV2UnknownIds('reject');
		const continued = await runAffilBoxV2(sandbox(), params, { ...input, continueOnFail: true });
		expect(jsonOf(continued)).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/conversionId/),
				batch: 1,
				conversionIds: ['999999'],
			}),
			expect.objectContaining({ conversionId: '1002', outcome: 'done' }),
		]);
		expect(continued.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }], { item: 1 }]);
	});

	it.each([
		[
			{ conversionIds: 'OBJ-2025-0002' },
			'Conversion IDs: "OBJ-2025-0002" is not an AffilBox conversion ID',
		],
		[{ conversionIds: ' , ' }, 'Conversion IDs is required'],
		[{ conversionIds: '1002', updateFields: { value: 'lots' } }, /^Commission/],
		[{ conversionIds: '1002', options: { batchSize: 0 } }, /^Batch Size/],
		[{ conversionIds: '1002', state: 'paid' }, /^New State/],
	])('refuses %j before any request, naming the field', async (parameters, message) => {
		const result = await runAffilBoxV2(sandbox(), { ...base, ...parameters });
		expect(result.error?.message).toEqual(
			typeof message === 'string' ? message : expect.stringMatching(message),
		);
		expect(sandbox().v2Requests).toHaveLength(0);
	});

	it('a bad item stops the node before any request; with Continue On Fail only that item fails', async () => {
		const input = { inputItems: [{ id: '1002' }, { id: 'x' }] };
		const stopped = await runAffilBoxV2(sandbox(), { ...base, conversionIds: byId }, input);
		expect(stopped.error?.message).toMatch(/"x" is not an AffilBox conversion ID/);
		expect(sandbox().v2Requests).toHaveLength(0);
		const continued = await runAffilBoxV2(
			sandbox(),
			{ ...base, conversionIds: byId },
			{ ...input, continueOnFail: true },
		);
		expect(jsonOf(continued)).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/"x"/) }),
			expect.objectContaining({ conversionId: '1002', outcome: 'done' }),
		]);
		expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 0 }]);
	});
});
