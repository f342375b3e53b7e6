import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { firedInvoices, invoiceTrigger } from '../../../support/workflows/invoiceTriggerWorkflow';
import { pragueTime } from '../../../support/workflows/triggerWorkflow';

/**
 * The AffilBox Invoice Trigger through n8n-core's PollContext, polling the sandbox's API v2 over
 * real HTTP with the V2 credential; invoices are issued and paid between checks through the
 * sandbox's controls (API v2 has no call for either, as far as is known).
 */
const sandbox = useAffilBoxSandbox();
const NEW = { events: ['new'] };
const BOTH = { events: ['new', 'paid'] };
const PAID = { events: ['paid'] };

const invoiceCalls = () => sandbox().v2Requests.filter((call) => call.path === 'invoices/list');

/** Issues an invoice `daysAgo` days (and a minute) before now in the licence zone; returns its id. */
function issue(fields: { daysAgo?: number; paid?: boolean } = {}): string {
	const row = sandbox().issueInvoice({
		created: pragueTime(fields.daysAgo ?? 0, 1),
		paid: fields.paid,
	});
	return String(row.id);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	return await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
}

describe('AffilBox Invoice Trigger', () => {
	it('New Invoice: the first check records the invoices there; each new one then fires once', async () => {
		issue({ daysAgo: 3 });
		const trigger = invoiceTrigger(sandbox(), NEW);
		expect(await trigger.activate()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
		const first = issue();
		const second = issue({ paid: true });
		expect(firedInvoices(await trigger.poll())).toEqual([`new:${first}`, `new:${second}`]);
		expect(await trigger.poll()).toEqual([]);
		sandbox().payInvoice(first);
		expect(await trigger.poll()).toEqual([]);
	});

	it('asks GET invoices/list once per check, with the V2 credential (HTTP Basic: the instance number)', async () => {
		const trigger = invoiceTrigger(sandbox(), BOTH);
		await trigger.activate();
		await trigger.poll();
		expect(invoiceCalls()).toHaveLength(2);
		expect(invoiceCalls()[1]).toMatchObject({
			httpMethod: 'GET',
			rawQuery: '',
			authorized: true,
			user: sandbox().v2Instance,
		});
		expect(sandbox().requests).toHaveLength(0); // nothing of the XML API
	});

	it('fires the invoice as the reader gives it, with the event name; vs kept as text', async () => {
		const trigger = invoiceTrigger(sandbox(), BOTH);
		await trigger.activate();
		const id = issue();
		const [item] = await trigger.poll();
		expect(item.json).toMatchObject({
			event: 'New Invoice',
			id,
			paid: false,
			vs: expect.stringMatching(/^\d{10}$/),
			created: expect.stringMatching(/\+0[12]:00$/),
			items: [expect.objectContaining({ amount: 1000, currency: 'CZK' })],
			total: 1000,
			currency: 'CZK',
			supplier: expect.objectContaining({ postCode: '12000', ic: '12345678' }),
		});
		expect(item.pairedItem).toBeUndefined();
		sandbox().payInvoice(id);
		const [paid] = await trigger.poll();
		expect(paid.json).toMatchObject({ event: 'Invoice Paid', id, paid: true });
	});

	it('Invoice Paid: an invoice seen unpaid fires when it is paid, one new and already paid at once; each once', async () => {
		const before = issue({ daysAgo: 2 });
		const paidBefore = issue({ daysAgo: 2, paid: true });
		const trigger = invoiceTrigger(sandbox(), PAID);
		expect(await trigger.activate()).toEqual([]);
		const later = issue();
		expect(await trigger.poll()).toEqual([]);
		sandbox().payInvoice(before);
		sandbox().payInvoice(later);
		const alreadyPaid = issue({ paid: true });
		expect(firedInvoices(await trigger.poll())).toEqual([
			`paid:${before}`,
			`paid:${later}`,
			`paid:${alreadyPaid}`,
		]);
		expect(await trigger.poll()).toEqual([]);
		expect(firedInvoices(await trigger.poll())).not.toContain(`paid:${paidBefore}`);
	});

	it('Only Unpaid: New Invoice skips an invoice already paid when it appears; Invoice Paid still fires for it', async () => {
		const trigger = invoiceTrigger(sandbox(), { ...BOTH, onlyUnpaid: true });
		await trigger.activate();
		const unpaid = issue();
		const paid = issue({ paid: true });
		expect(firedInvoices(await trigger.poll())).toEqual([`new:${unpaid}`, `paid:${paid}`]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('reads the list under data.invoices and as data itself', async () => {
		const trigger = invoiceTrigger(sandbox(), NEW);
		await trigger.activate();
		sandbox().setV2InvoiceList('bare');
		const id = issue();
		expect(firedInvoices(await trigger.poll())).toEqual([`new:${id}`]);
	});

	it('a failing check throws and changes nothing; the next one fires what was missed', async () => {
		const trigger = invoiceTrigger(sandbox(), BOTH);
		await trigger.activate();
		const missed = issue();
		const savedBefore = JSON.stringify(trigger.saved);
		for (const fault of [
			{ status: 500, body: '{"status":"error","message":"Server error"}' },
			{ status: 200, body: '{"status":"error","message":"Temporarily unavailable"}' },
			{ status: 200, body: 'not json', contentType: 'text/plain' },
			{ times: 4, status: 503, body: 'busy', headers: { 'Retry-After': '0' } },
		]) {
			sandbox().injectFault({ times: 1, contentType: 'application/json', ...fault });
			expect(await failureOf(trigger.poll())).toBeInstanceOf(NodeApiError);
			expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		}
		expect(firedInvoices(await trigger.poll())).toEqual([`new:${missed}`]);
	});

	it('a wrong API key fails the check with the API error, without the key', async () => {
		const trigger = invoiceTrigger(sandbox(), NEW);
		await trigger.activate();
		sandbox().injectFault({
			times: 1,
			status: 401,
			body: '{"status":"error","message":"Unauthorized"}',
		});
		const failure = await failureOf(trigger.poll());
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(failure)).not.toContain(sandbox().apiKey);
	});

	it('restarts and lost writes lose and repeat nothing', async () => {
		let trigger = invoiceTrigger(sandbox(), BOTH);
		await trigger.activate();
		const first = issue();
		expect(firedInvoices(await trigger.poll())).toEqual([`new:${first}`]);
		trigger = trigger.restarted();
		sandbox().payInvoice(first);
		await trigger.poll({ lose: true }); // fired, but n8n lost the write (crash before saving)
		trigger = trigger.restarted();
		expect(firedInvoices(await trigger.poll())).toEqual([`paid:${first}`]);
		expect(await trigger.poll({ emptyWrites: 'lost' })).toEqual([]);
		trigger = trigger.restarted();
		expect(await trigger.poll()).toEqual([]);
	});

	it('durable cursors: n8n dropping the activation write, and republishing with the cursor made anew, repeat nothing', async () => {
		const before = issue({ daysAgo: 1 });
		let trigger = invoiceTrigger(
			sandbox(),
			{ ...BOTH, startFrom: 'lookback' },
			undefined,
			{},
			{ durable: true },
		);
		expect(firedInvoices(await trigger.activate())).toEqual([`new:${before}`]);
		const fresh = issue();
		expect(firedInvoices(await trigger.poll())).toEqual([`new:${fresh}`]);
		expect(await trigger.republish('empty')).toEqual([]);
		expect(await trigger.republish('remade')).toEqual([]);
		trigger = trigger.restarted(false);
		sandbox().payInvoice(before);
		expect(firedInvoices(await trigger.poll())).toEqual([`paid:${before}`]);
		expect(await trigger.poll()).toEqual([]);
	});

	describe('Start From', () => {
		it('Everything in the Lookback Window fires the invoices created inside it, new and paid, once', async () => {
			const inside = issue({ daysAgo: 5, paid: true });
			issue({ daysAgo: 100 }); // before the 90-day window
			const trigger = invoiceTrigger(sandbox(), { ...BOTH, startFrom: 'lookback' });
			expect(firedInvoices(await trigger.activate())).toEqual([`new:${inside}`, `paid:${inside}`]);
			expect(await trigger.poll()).toEqual([]);
		});

		it('Since a Date fires those created on or after it, reaching back past the window once', async () => {
			const old = issue({ daysAgo: 100 });
			issue({ daysAgo: 200 });
			const trigger = invoiceTrigger(sandbox(), {
				...NEW,
				startFrom: 'date',
				startDate: pragueTime(120),
			});
			expect(firedInvoices(await trigger.activate())).toEqual([`new:${old}`]);
			expect(await trigger.poll()).toEqual([]);
		});

		it('Since a Date without a readable date fails naming Start Date, before any request', async () => {
			const trigger = invoiceTrigger(sandbox(), { ...NEW, startFrom: 'date', startDate: 'soon' });
			const failure = await failureOf(trigger.activate());
			expect(failure).toBeInstanceOf(NodeOperationError);
			expect((failure as Error).message).toMatch(/Start Date/);
			expect(invoiceCalls()).toHaveLength(0);
		});
	});

	it('Events with no event fails naming Events, before any request', async () => {
		const failure = await failureOf(invoiceTrigger(sandbox(), { events: [] }).activate());
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as Error).message).toBe('Events: choose at least one event');
		expect(invoiceCalls()).toHaveLength(0);
	});

	it('Fetch Test Event returns the newest matching invoice and leaves the state alone', async () => {
		const trigger = invoiceTrigger(sandbox(), { ...NEW, onlyUnpaid: true });
		await trigger.activate();
		const savedBefore = JSON.stringify(trigger.saved);
		issue({ daysAgo: 3 });
		const newest = issue({ daysAgo: 1 });
		issue({ paid: true }); // newer, but paid
		const test = await trigger.fetchTestEvent();
		expect(firedInvoices(test.output?.[0] ?? [])).toEqual([`new:${newest}`]);
		expect(test.staticDataChanged).toBe(false);
		expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		expect(await trigger.poll()).toHaveLength(2);
	});

	it('Fetch Test Event for Invoice Paid shows the newest paid invoice', async () => {
		const paid = issue({ daysAgo: 2, paid: true });
		issue({ daysAgo: 1 });
		const test = await invoiceTrigger(sandbox(), PAID).fetchTestEvent();
		expect(firedInvoices(test.output?.[0] ?? [])).toEqual([`paid:${paid}`]);
	});

	it.each([
		[NEW, 'No invoice created in the last 90 days', 'wait for a partner invoice'],
		[
			{ ...NEW, onlyUnpaid: true },
			'No unpaid invoice created in the last 90 days',
			'switch off Only Unpaid',
		],
		[PAID, 'No paid invoice created in the last 90 days', 'widen the Lookback Window (Days)'],
	])('Fetch Test Event without invoices says why (%p)', async (parameters, message, advice) => {
		sandbox().store.invoices.splice(0); // only the invoices below
		issue({ daysAgo: 100 }); // outside the window
		if ('onlyUnpaid' in parameters) issue({ paid: true }); // inside, but paid
		const failure = await failureOf(invoiceTrigger(sandbox(), parameters).fetchTestEvent());
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe(message);
		expect((failure as NodeOperationError).description).toContain(advice);
		expect((failure as NodeOperationError).description).toContain('is not documented');
	});
});
