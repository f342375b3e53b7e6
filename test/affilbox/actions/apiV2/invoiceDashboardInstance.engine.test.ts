import {
	AFFILBOX_NODE_TYPE,
	jsonOf,
	runAffilBox,
	runAffilBoxV2,
	seed,
	useAffilBoxSandbox,
} from '../../../support/workflows/affilBoxWorkflow';
import { AffilBox } from '../../../../nodes/AffilBox/AffilBox.node';
import { NodeHelpers } from 'n8n-workflow';

/** API v2 operations of the AffilBox node through n8n-core, against the sandbox's /v2 endpoints. */
const sandbox = useAffilBoxSandbox();

const v2Paths = () => sandbox().v2Requests.map((r) => `${r.httpMethod} ${r.path}`);

describe('Invoice → Get Many', () => {
	const base = { resource: 'invoice', operation: 'getMany', returnAll: true };

	it('returns every invoice, read tolerantly, with one GET invoices/list', async () => {
		const result = await runAffilBoxV2(sandbox(), base);
		const invoices = jsonOf(result);
		expect(invoices.map((invoice) => invoice.id)).toEqual(seed.invoices.map((i) => i.id));
		expect(invoices[0]).toEqual(
			expect.objectContaining({
				id: '214',
				vs: '2025000214',
				paid: false,
				issueDate: '2025-12-31T00:00:00+01:00',
				total: 2345.33,
				currency: 'CZK',
			}),
		);
		// One bare item object comes out as a list.
		expect(invoices[1].items).toEqual([expect.objectContaining({ amount: 1520 })]);
		expect(v2Paths()).toEqual(['GET invoices/list']);
		expect(sandbox().requests).toHaveLength(0);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
	});

	it('reads the list under data as well as under data.invoices', async () => {
		sandbox().setV2InvoiceList('bare');
		const result = await runAffilBoxV2(sandbox(), base);
		expect(jsonOf(result).map((invoice) => invoice.id)).toEqual(['214', '198', '221']);
	});

	it.each([
		[{ paid: 'unpaid' }, ['214', '221']],
		[{ paid: 'paid' }, ['198']],
		[{ paid: 'any' }, ['214', '198', '221']],
		[{ partner: 'dvořák & SYN s.r.o.' }, ['214']],
		[{ partner: '7012345' }, ['198']],
		[{ partner: 'CZ12345678' }, ['214']],
		[{ issuedAfter: '2025-12-31' }, ['214', '221']],
		[{ issuedBefore: '30.11.2025' }, ['198']],
		[{ createdAfter: '2026-01-15', createdBefore: '2026-02-01T08:00:02+01:00' }, ['221']],
		[{ paid: 'unpaid', issuedBefore: '2026-01-01' }, ['214']],
	])('filters %j in the node', async (filters, ids) => {
		const result = await runAffilBoxV2(sandbox(), { ...base, filters });
		expect(jsonOf(result).map((invoice) => invoice.id)).toEqual(ids);
		// The API knows no filter: none is sent.
		expect(sandbox().v2Requests.map((r) => r.params)).toEqual([{}]);
	});

	it('keeps the first ones under a limit', async () => {
		const result = await runAffilBoxV2(sandbox(), { ...base, returnAll: false, limit: 2 });
		expect(jsonOf(result).map((invoice) => invoice.id)).toEqual(['214', '198']);
	});

	it('refuses an unreadable date or limit before any request, naming the field', async () => {
		const badDate = await runAffilBoxV2(sandbox(), { ...base, filters: { issuedAfter: 'soon' } });
		expect(badDate.error?.message).toBe('Issued After: "soon" is not a date AffilBox can use');
		const badLimit = await runAffilBoxV2(sandbox(), { ...base, returnAll: false, limit: 0 });
		expect(badLimit.error?.message).toMatch(/^Limit/);
		expect(sandbox().v2Requests).toHaveLength(0);
	});
});

describe('Invoice → Get', () => {
	it('picks the invoice by its ID from the list, per input item', async () => {
		const result = await runAffilBoxV2(
			sandbox(),
			{ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' },
			{ inputItems: [{ id: '221' }, { id: ' 198 ' }] },
		);
		expect(jsonOf(result).map((invoice) => [invoice.id, invoice.vs])).toEqual([
			['221', '2026000221'],
			['198', '2025000198'],
		]);
		expect(jsonOf(result)[0].total).toBe(629.2155);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('names an ID the list does not hold; Continue On Fail keeps the other items', async () => {
		const failed = await runAffilBoxV2(sandbox(), {
			resource: 'invoice',
			operation: 'get',
			invoiceId: '999',
		});
		expect(failed.error?.message).toBe('No invoice with ID "999" in AffilBox\'s invoice list');
		const continued = await runAffilBoxV2(
			sandbox(),
			{ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' },
			{ inputItems: [{ id: '999' }, { id: '214' }], continueOnFail: true },
		);
		expect(jsonOf(continued)).toEqual([
			expect.objectContaining({ error: expect.stringContaining('"999"') }),
			expect.objectContaining({ id: '214' }),
		]);
	});

	it('refuses an empty Invoice ID before any request', async () => {
		const result = await runAffilBoxV2(sandbox(), {
			resource: 'invoice',
			operation: 'get',
			invoiceId: '  ',
		});
		expect(result.error?.message).toBe('Invoice ID is required');
		expect(sandbox().v2Requests).toHaveLength(0);
	});
});

describe('Dashboard → Get and Instance → Get', () => {
	it('reads the dashboard figures as numbers', async () => {
		const result = await runAffilBoxV2(sandbox(), { resource: 'dashboard', operation: 'get' });
		expect(jsonOf(result)).toEqual([
			{
				uid: '57',
				clicks: 2310,
				conversions: 41,
				commission: 3120.75,
				pending: 845.5,
				payment: 0,
				total: 2275.25,
			},
		]);
		expect(v2Paths()).toEqual(['GET dashboard']);
	});

	it('reads the instance settings: currency code, minimum as a number, no expiry', async () => {
		const result = await runAffilBoxV2(sandbox(), { resource: 'instance', operation: 'get' });
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				domain: 'partneri.example.cz',
				currency: 'CZK',
				paymentMinimum: 1000,
				expire: null,
				conditionsLink: null,
				partnerInvoiceLock: false,
			}),
		]);
		expect(v2Paths()).toEqual(['GET instance']);
	});

	it('reports wrong V2 credentials without the key', async () => {
		const result = await runAffilBoxV2(
			sandbox(),
			{ resource: 'dashboard', operation: 'get' },
			{ credentials: { apiKey: 'wrong-key-123' } },
		);
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-123');
	});
});

describe('Credentials of the AffilBox node', () => {
	const description = new AffilBox().description;
	const shown = (parameters: Record<string, unknown>) => {
		const node = {
			id: '1',
			name: 'AffilBox',
			type: AFFILBOX_NODE_TYPE,
			typeVersion: 3,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const withDefaults =
			NodeHelpers.getNodeParameters(
				description.properties,
				parameters as never,
				true,
				false,
				node,
				description,
			) ?? {};
		return (description.credentials ?? [])
			.filter((credential) =>
				NodeHelpers.displayParameter(withDefaults, credential, node, description),
			)
			.map((credential) => credential.name);
	};

	it.each([
		[{}, ['affilBoxApi']],
		[{ resource: 'conversion', operation: 'getMany' }, ['affilBoxApi']],
		[{ resource: 'partner', operation: 'get' }, ['affilBoxApi']],
		[{ resource: 'campaign', operation: 'getMany' }, ['affilBoxApi']],
		[{ resource: 'invoice', operation: 'get' }, ['affilBoxApiV2Api']],
		[{ resource: 'invoice', operation: 'getMany' }, ['affilBoxApiV2Api']],
		[{ resource: 'dashboard', operation: 'get' }, ['affilBoxApiV2Api']],
		[{ resource: 'instance', operation: 'get' }, ['affilBoxApiV2Api']],
		[{ resource: 'conversion', operation: 'changeMany' }, ['affilBoxApiV2Api']],
		[{ resource: 'partner', operation: 'create' }, ['affilBoxApiV2Api']],
		[{ resource: 'partner', operation: 'getOrCreate' }, ['affilBoxApi']],
	])('%j shows %j', (parameters, names) => {
		expect(shown(parameters)).toEqual(names);
	});

	it('a workflow saved before API v2 (XML credential only) loads and runs as before', async () => {
		// As saved by an earlier release: version 1, only the XML credential, defaults left out.
		const result = await runAffilBox(sandbox(), {
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(seed.campaigns.length);
		expect(sandbox().requests.map((r) => r.method)).toEqual(['GetCampaigns']);
		expect(sandbox().v2Requests).toHaveLength(0);
	});
});
