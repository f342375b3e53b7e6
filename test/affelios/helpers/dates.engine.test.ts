import { setGlobalState } from 'n8n-workflow';

import { lastRequest, runAffelios, useAffeliosSandbox } from '../../support/workflows/affeliosWorkflow';

const sandbox = useAffeliosSandbox();

// Text without an offset is wall time in the workflow's time zone; pin one with summer time.
beforeAll(() => setGlobalState({ defaultTimezone: 'Europe/Prague' }));
afterAll(() => setGlobalState({ defaultTimezone: 'America/New_York' }));

async function sentRegistrationDate(registrationDate: unknown, inputItem = {}): Promise<unknown> {
	const result = await runAffelios(
		sandbox(),
		{
			resource: 'customer',
			operation: 'create',
			externalId: `dates-${sandbox().requests.length}`,
			externalBrandId: 'shop-eu',
			registrationDate: registrationDate as string,
		},
		{ inputItems: [inputItem] },
	);
	expect(result.error).toBeUndefined();
	return (lastRequest(sandbox()).body as { registrationDate: unknown }).registrationDate;
}

describe('dates are sent as exactly YYYY-MM-DDTHH:mm:ss.sssZ in UTC', () => {
	it.each([
		['ISO with Z', '2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
		['ISO with offset', '2024-07-15T10:30:00.5+02:00', '2024-07-15T08:30:00.500Z'],
		['ISO without zone (workflow zone, winter)', '2024-01-15T10:30:00', '2024-01-15T09:30:00.000Z'],
		['ISO without zone (workflow zone, summer)', '2024-07-15T10:30', '2024-07-15T08:30:00.000Z'],
		['yyyy-mm-dd', '2024-01-15', '2024-01-14T23:00:00.000Z'],
		['yyyy-mm-dd hh:mm:ss', '2024-01-15 10:30:00', '2024-01-15T09:30:00.000Z'],
		['yyyy-mm-dd hh:mm', '2024-01-15 10:30', '2024-01-15T09:30:00.000Z'],
	])('%s: %s', async (_name, input, expected) => {
		expect(await sentRegistrationDate(input)).toBe(expected);
	});

	it('an n8n DateTime from an expression keeps its instant', async () => {
		expect(
			await sentRegistrationDate(
				"={{ DateTime.fromISO('2024-01-15T11:30:00.123', { zone: 'Asia/Tokyo' }) }}",
			),
		).toBe('2024-01-15T02:30:00.123Z');
	});

	it('$now is sent as the current instant', async () => {
		const before = Date.now();
		const sent = (await sentRegistrationDate('={{ $now }}')) as string;
		expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		// $now is to the millisecond, the expression's own clock: allow a little leeway.
		expect(Date.parse(sent)).toBeGreaterThanOrEqual(before - 1000);
		expect(Date.parse(sent)).toBeLessThanOrEqual(Date.now());
	});

	it('epoch milliseconds, as a number and as text from the input item', async () => {
		expect(await sentRegistrationDate('={{ 1705314600000 }}')).toBe('2024-01-15T10:30:00.000Z');
		expect(await sentRegistrationDate('={{ $json.at }}', { at: '1705314600000' })).toBe(
			'2024-01-15T10:30:00.000Z',
		);
	});

	it('epoch seconds, as Unix tools write them, keep their instant', async () => {
		expect(await sentRegistrationDate('={{ 1705314600 }}')).toBe('2024-01-15T10:30:00.000Z');
		expect(await sentRegistrationDate('={{ $json.at }}', { at: '1705314600' })).toBe(
			'2024-01-15T10:30:00.000Z',
		);
	});

	it('transaction dates and bulk regDate go through the same conversion', async () => {
		await runAffelios(sandbox(), {
			resource: 'transaction',
			operation: 'create',
			additionalFields: { transactionDate: '2024-07-01 00:00:00' },
		});
		expect((lastRequest(sandbox()).body as { transactionDate: string }).transactionDate).toBe(
			'2024-06-30T22:00:00.000Z',
		);
		await runAffelios(sandbox(), {
			resource: 'customer',
			operation: 'createMany',
			externalId: 'bulk-date',
			externalBrandId: 'shop-eu',
			registrationDate: '2024-01-15',
		});
		expect(lastRequest(sandbox()).body).toEqual([
			{ externalId: 'bulk-date', externalBrandId: 'shop-eu', regDate: '2024-01-14T23:00:00.000Z' },
		]);
	});
});
