import { jsonOf, lastCall, runAffilBox, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();

describe('Bonus → Add', () => {
	it('credits a bonus; the reason arrives byte-exact', async () => {
		const reason = 'Odměna za <Q1> & "věrnost" ]]> 🎉';
		const result = await runAffilBox(sandbox(), {
			resource: 'bonus',
			operation: 'add',
			partnerId: 'zofie',
			text: reason,
			value: '={{ "1 250,00" }}',
		});
		expect(result.error).toBeUndefined();
		expect(lastCall(sandbox()).params).toEqual({
			partner_id: 'zofie',
			text: reason,
			value: '1250.00',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ affilId: 'zofie', text: reason, value: '1250.00' }),
		]);
	});

	it('an empty required field stops n8n from running the workflow at all', async () => {
		await expect(
			runAffilBox(sandbox(), {
				resource: 'bonus',
				operation: 'add',
				partnerId: 'zofie',
				text: '',
				value: 5,
			}),
		).rejects.toThrow('The workflow has issues');
	});

	it('refuses a reason that resolves to nothing and a non-numeric amount before any request', async () => {
		const noReason = await runAffilBox(sandbox(), {
			resource: 'bonus',
			operation: 'add',
			partnerId: 'zofie',
			text: '={{ $json.reason }}',
			value: 5,
		});
		expect(noReason.error?.message).toBe('Reason is required');
		const badAmount = await runAffilBox(sandbox(), {
			resource: 'bonus',
			operation: 'add',
			partnerId: 'zofie',
			text: 'x',
			value: '={{ "5 Kč" }}',
		});
		expect(badAmount.error?.message).toBe('Amount must be a number, got "5 Kč"');
		expect(sandbox().requests).toHaveLength(0);
	});

	it("reports the server's answer for an unknown partner", async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'bonus',
			operation: 'add',
			partnerId: 'nobody',
			text: 'x',
			value: 5,
		});
		expect(result.error?.message).toMatch(/^AffilBox error 404: /);
	});
});

describe('Click → Add', () => {
	const base = { resource: 'click', operation: 'add', partnerId: 'jdvorak', campaignId: '12' };

	it('records clicks with the date in the licence zone to the second', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			date: '2025-07-01T06:05:09Z',
			count: 3,
			additionalFields: { channelId: 'newsletter' },
		});
		expect(lastCall(sandbox()).params).toEqual({
			partner_id: 'jdvorak',
			campaign_id: '12',
			date: '2025-07-01 08:05:09',
			count: '3',
			channelId: 'newsletter',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				affilId: 'jdvorak',
				campaignId: '12',
				count: '3',
				date: '2025-07-01 08:05:09',
			}),
		]);
	});

	it('accepts an n8n DateTime from an expression', async () => {
		await runAffilBox(sandbox(), {
			...base,
			date: '={{ DateTime.fromISO("2025-01-05T10:00:00", { zone: "UTC" }) }}',
			count: 1,
		});
		expect(lastCall(sandbox()).params.date).toBe('2025-01-05 11:00:00');
	});

	it('refuses a missing date, a bad date and a zero count before any request', async () => {
		const noDate = await runAffilBox(sandbox(), { ...base, date: '={{ $json.when }}', count: 1 });
		expect(noDate.error?.message).toBe('Date is required');
		const badDate = await runAffilBox(sandbox(), { ...base, date: '32.1.2025', count: 1 });
		expect(badDate.error?.message).toBe('Date: "32.1.2025" is not a date AffilBox can use');
		const zero = await runAffilBox(sandbox(), { ...base, date: '2025-01-01', count: 0 });
		expect(zero.error?.message).toBe('Count must be at least 1, got 0');
		expect(sandbox().requests).toHaveLength(0);
	});
});
