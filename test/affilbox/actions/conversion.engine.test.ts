import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { jsonOf, lastCall, runAffilBox, seedCount, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();

describe('Conversion → Add', () => {
	const base = { resource: 'conversion', operation: 'add', partnerId: 'jdvorak', campaignId: '11' };

	it('adds a waiting conversion and outputs it as the server sent it', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'ORDER-NEW-1',
			value: '={{ "150,50" }}',
			additionalFields: {
				orderValue: 1505,
				channelId: 'blog',
				note: 'první objednávka',
				currency: 'EUR',
			},
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				transactionId: 'ORDER-NEW-1',
				state: 'waiting',
				value: '150.50',
				sales: '1505',
				currency: 'EUR',
				affilId: 'jdvorak',
				campaignId: '11',
			}),
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(lastCall(sandbox())).toEqual(
			expect.objectContaining({
				method: 'AddConversion',
				params: {
					partner_id: 'jdvorak',
					campaign_id: '11',
					conversion_id: 'ORDER-NEW-1',
					value: '150.50',
					channelId: 'blog',
					orderValue: '1505',
					note: 'první objednávka',
					currency: 'EUR',
				},
			}),
		);
		expect(sandbox().store.conversions.some((c) => c.transactionId === 'ORDER-NEW-1')).toBe(true);
	});

	it('lets AffilBox compute the commission from the order value', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'ORDER-NEW-2',
			value: 0,
			additionalFields: { orderValue: 2000, countValue: true },
		});
		expect(lastCall(sandbox()).params.count_value).toBe('true');
		expect(jsonOf(result)[0].value).toBe('200.00'); // campaign 11 pays 10 %
	});

	it('one item per input item, each paired with its input', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ ...base, conversionId: '={{ $json.order }}', value: '={{ $json.commission }}' },
			{
				inputItems: [
					{ order: 'A-1', commission: 10 },
					{ order: 'A-2', commission: '20,5' },
				],
			},
		);
		expect(jsonOf(result).map((c) => [c.transactionId, c.value])).toEqual([
			['A-1', '10'],
			['A-2', '20.5'],
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('rejects a non-numeric commission naming the field, before any request', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'X',
			value: '={{ "zwölf" }}',
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Commission must be a number, got "zwölf"');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item becomes an error item and the others go through', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ ...base, conversionId: '={{ $json.order }}', value: '={{ $json.commission }}' },
			{
				continueOnFail: true,
				inputItems: [
					{ order: 'B-1', commission: 'abc' },
					{ order: 'B-2', commission: 5 },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { error: 'Commission must be a number, got "abc"', description: expect.any(String) },
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ transactionId: 'B-2' }), pairedItem: { item: 1 } },
		]);
		expect(sandbox().requests).toHaveLength(1);
	});

	it("reports the server's refusal of a duplicate", async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'OBJ-2025-0001',
			value: 1,
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/^AffilBox error 409: /);
	});

	it('rejects a campaign that is not a number', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			campaignId: 'summer',
			conversionId: 'X',
			value: 1,
		});
		expect(result.error?.message).toBe('Campaign must be a whole number, got "summer"');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Conversion → Confirm or Reject', () => {
	const base = { resource: 'conversion', operation: 'confirm' };

	it('approves a waiting conversion', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'OBJ-2025-0002',
			decision: 'approve',
			additionalFields: { note: 'OK & paid' },
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				transactionId: 'OBJ-2025-0002',
				state: 'authorized',
				comment: 'OK & paid',
			}),
		]);
		expect(lastCall(sandbox()).params).toEqual({
			conversion_id: 'OBJ-2025-0002',
			value: 'true',
			note: 'OK & paid',
		});
	});

	it('rejects a conversion', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'OBJ-2026-0001',
			decision: 'reject',
		});
		expect(jsonOf(result)[0].state).toBe('rejection');
		expect(lastCall(sandbox()).params.value).toBe('false');
	});

	it('needs the campaign when the transaction ID exists in several campaigns', async () => {
		const ambiguous = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'OBJ-2025-0100',
			decision: 'approve',
		});
		expect(ambiguous.error?.message).toMatch(/^AffilBox error 409: Ambiguous conversion_id/);

		const resolved = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'OBJ-2025-0100',
			decision: 'approve',
			additionalFields: { campaignId: '12' },
		});
		expect(jsonOf(resolved)).toEqual([
			expect.objectContaining({
				transactionId: 'OBJ-2025-0100',
				campaignId: '12',
				state: 'authorized',
			}),
		]);
	});

	it('refuses an empty conversion ID before any request', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: '  ',
			decision: 'approve',
		});
		expect(result.error?.message).toBe('Conversion ID is required');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Conversion → Get', () => {
	it('gets one conversion with its fields as sent', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'conversion',
			operation: 'get',
			conversionId: 'OBJ-2025-0004',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				transactionId: 'OBJ-2025-0004',
				state: 'invoiced',
				campaignId: '13',
				coupon: 'ELEKTRO5',
			}),
		]);
	});

	it('refuses a conversion ID that resolves to nothing before any request', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'conversion',
			operation: 'get',
			conversionId: '={{ $json.order }}',
		});
		expect(result.error?.message).toBe('Conversion ID is required');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('reports an unknown conversion', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'conversion',
			operation: 'get',
			conversionId: 'NOPE',
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/^AffilBox error 404: /);
	});
});

describe('Conversion → Get Many', () => {
	const base = { resource: 'conversion', operation: 'getMany', returnAll: true };

	it('returns every conversion of a state, one item each', async () => {
		const result = await runAffilBox(sandbox(), { ...base, filters: { state: 'authorized' } });
		expect(result.items).toHaveLength(seedCount((c) => c.state === 'authorized'));
		expect(jsonOf(result).every((c) => c.state === 'authorized')).toBe(true);
		expect(lastCall(sandbox()).params).toEqual({ filter_state: 'authorized' });
	});

	it('applies the limit to the full answer', async () => {
		const result = await runAffilBox(sandbox(), { ...base, returnAll: false, limit: 3 });
		expect(result.items).toHaveLength(3);
		expect(lastCall(sandbox()).params).toEqual({});
	});

	it('converts dates into the licence zone and format and joins several IDs', async () => {
		await runAffilBox(sandbox(), {
			...base,
			filters: {
				createdAfter: '2025-07-31T22:30:00Z',
				createdBefore: '31.12.2025 23:59',
				conversionIds: 'OBJ-2025-0100, OBJ-2025-0200\nOBJ-2025-0300',
				partnerId: 'petr.novak',
				campaignId: '13',
				coupon: 'ELEKTRO5',
				conversionId: 'OBJ-2025-0200',
			},
		});
		expect(lastCall(sandbox()).params).toEqual({
			filter_date_from: '2025-08-01 00:30',
			filter_date_to: '2025-12-31 23:59',
			conversions_id: 'OBJ-2025-0100;OBJ-2025-0200;OBJ-2025-0300',
			partner_id: 'petr.novak',
			campaign_id: '13',
			coupon: 'ELEKTRO5',
			conversion_id: 'OBJ-2025-0200',
		});
	});

	it('filters by creation date on the server', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			filters: { createdAfter: '2026-01-01' },
		});
		expect(
			jsonOf(result)
				.map((c) => c.transactionId)
				.sort(),
		).toEqual(['OBJ-2026-0001', 'OBJ-2026-0002']);
	});

	it('an unreadable date is an error naming the field, and nothing is sent', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			filters: { createdAfter: 'next Tuesday' },
		});
		expect(result.error?.message).toBe(
			'Created After: "next Tuesday" is not a date AffilBox can use',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('an empty answer gives no items', async () => {
		const result = await runAffilBox(sandbox(), { ...base, filters: { coupon: 'NO-SUCH-COUPON' } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});

describe('Conversion → Update', () => {
	const base = { resource: 'conversion', operation: 'update', conversionId: 'OBJ-2025-0002' };

	it('changes state, values, owner and note', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			updateFields: {
				state: 'invoiced',
				commission: '={{ "99,90" }}',
				orderValue: 999,
				partnerId: 'jdvorak',
				note: 'přeúčtováno',
			},
		});
		expect(lastCall(sandbox()).params).toEqual({
			conversion_id: 'OBJ-2025-0002',
			partner_id: 'jdvorak',
			state: 'invoiced',
			value: '999',
			commission: '99.90',
			note: 'přeúčtováno',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				state: 'invoiced',
				value: '99.90',
				sales: '999',
				affilId: 'jdvorak',
			}),
		]);
	});

	it('can move a conversion back to waiting', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			conversionId: 'OBJ-2025-0001',
			updateFields: { state: 'waiting' },
		});
		expect(jsonOf(result)[0].state).toBe('waiting');
	});

	it('refuses an update that changes nothing, before any request', async () => {
		const result = await runAffilBox(sandbox(), { ...base, updateFields: {} });
		expect(result.error?.message).toBe('Update Fields: add at least one field to change');
		expect(sandbox().requests).toHaveLength(0);
	});
});
