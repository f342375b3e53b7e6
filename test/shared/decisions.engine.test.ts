import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, setGlobalState } from 'n8n-workflow';

import { DATE_HINT } from '../../nodes/shared/dates';
import { TLS_NOT_SENT } from '../../nodes/shared/nodeError';
import type { RunNodeResult } from '../support/harness/runWorkflow';
import { startUntrustedTlsServer } from '../support/sandbox/shared/untrustedTls';
import {
	JANA,
	jsonOf as affeliosJson,
	lastRequest,
	runAffelios,
	useAffeliosSandbox,
} from '../support/workflows/affeliosWorkflow';
import {
	jsonOf as affilBoxJson,
	lastCall,
	runAffilBox,
	useAffilBoxSandbox,
} from '../support/workflows/affilBoxWorkflow';

/**
 * The differences the two nodes once had, decided once for both and pinned here through the real
 * engine: a TLS failure means nothing was sent; Max Retries and Timeout are read per item; one
 * timeout range; one set of date forms.
 */
const affilBox = useAffilBoxSandbox();
const affelios = useAffeliosSandbox();

// Affelios reads a date without offset in the workflow's time zone, AffilBox in the licence's:
// both Prague here, so the same text must mean the same instant.
const ZONE = 'Europe/Prague';
beforeAll(() => setGlobalState({ defaultTimezone: ZONE }));
afterAll(() => setGlobalState({ defaultTimezone: 'America/New_York' }));

const affilBoxCreate: INodeParameters = {
	resource: 'conversion',
	operation: 'add',
	partnerId: 'jdvorak',
	campaignId: '11',
	conversionId: 'TLS-1',
	value: 10,
};
const affilBoxRead = (options: INodeParameters): INodeParameters => ({
	resource: 'campaign',
	operation: 'getMany',
	returnAll: true,
	options,
});
const affeliosCreate: INodeParameters = {
	resource: 'customer',
	operation: 'create',
	externalId: 'tls-1',
	externalBrandId: 'shop-eu',
	registrationDate: '2025-03-11',
};
const affeliosRead = (options: INodeParameters): INodeParameters => ({
	resource: 'customer',
	operation: 'get',
	customerId: JANA.id,
	options,
});
const perItem = {
	maxRetries: '={{ $json.retries }}',
	timeout: '={{ $json.timeout }}',
	requestsInParallel: 1,
};
const busy = { status: 503, body: 'busy', headers: { 'Retry-After': '0' } };

/** Each output item: its pairing and either its error or "ok". */
const outcomes = (result: RunNodeResult) =>
	result.items.map((item) => [item.pairedItem, item.json.error ?? 'ok']);

describe('a TLS failure (expired or wrong certificate) means nothing was sent', () => {
	let tls: Awaited<ReturnType<typeof startUntrustedTlsServer>>;
	beforeEach(async () => {
		tls = await startUntrustedTlsServer();
	});
	afterEach(async () => await tls.close());

	const expectNotSent = (result: RunNodeResult, message: RegExp) => {
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).not.toMatch(/may have been applied/);
		expect(String((result.error as NodeApiError).description)).toContain(TLS_NOT_SENT);
		// One attempt, refused at the handshake: no request got through, and none was repeated.
		expect(tls.requests).toBe(0);
		expect(tls.connections).toBe(1);
	};
	const certCode = String.raw`\([A-Z_]*CERT[A-Z_]*\)`;

	it('AffilBox: Add Conversion says it could not reach AffilBox, not that it may have been applied', async () => {
		const result = await runAffilBox(affilBox(), affilBoxCreate, {
			credentials: { apiUrl: `${tls.origin}/api/` },
		});
		expectNotSent(
			result,
			new RegExp(
				`^Could not reach AffilBox at ${tls.origin}/api/ ${certCode}$`.replace(/\./g, '\\.'),
			),
		);
	});

	it('AffilBox: a read is not repeated either', async () => {
		const result = await runAffilBox(affilBox(), affilBoxRead({}), {
			credentials: { apiUrl: `${tls.origin}/api/` },
		});
		expectNotSent(result, /^Could not reach AffilBox at /);
	});

	it('Affelios: Create Customer says it could not reach Affelios, not that it may have been applied', async () => {
		const result = await runAffelios(affelios(), affeliosCreate, {
			credentials: { baseUrl: tls.origin },
		});
		expectNotSent(
			result,
			new RegExp(`^Could not reach Affelios at ${tls.origin} ${certCode}$`.replace(/\./g, '\\.')),
		);
	});

	it('Affelios: a read is not repeated either', async () => {
		const result = await runAffelios(affelios(), affeliosRead({}), {
			credentials: { baseUrl: tls.origin },
		});
		expectNotSent(result, /^Could not reach Affelios at /);
	});
});

describe('Max Retries and Timeout are read per item', () => {
	// Item 0 may not retry, item 1 may retry twice; three 503s: item 0 fails, item 1 gets through.
	const retryItems = [
		{ retries: 0, timeout: 30 },
		{ retries: 2, timeout: 30 },
	];

	it('AffilBox', async () => {
		affilBox().injectFault({ ...busy, times: 3 });
		const result = await runAffilBox(affilBox(), affilBoxRead(perItem), {
			inputItems: retryItems,
			continueOnFail: true,
		});
		expect(outcomes(result)[0]).toEqual([
			{ item: 0 },
			'AffilBox answered HTTP 503 to GetCampaigns: busy',
		]);
		expect(
			affilBoxJson(result)
				.slice(1)
				.every((campaign) => campaign.error === undefined),
		).toBe(true);
		expect(affilBox().requests).toHaveLength(4);
	});

	it('Affelios', async () => {
		affelios().injectFault({ ...busy, times: 3 });
		const result = await runAffelios(affelios(), affeliosRead(perItem), {
			inputItems: retryItems,
			continueOnFail: true,
		});
		expect(outcomes(result)).toEqual([
			[{ item: 0 }, 'The Affelios server had a problem (HTTP 503): busy'],
			[{ item: 1 }, 'ok'],
		]);
		expect(affeliosJson(result)[1].id).toBe(JANA.id);
		expect(affelios().requests).toHaveLength(4);
	});

	// Item 0 waits 0.2 s for an answer that never comes; item 1 has the default and is answered.
	const timeoutItems = [
		{ retries: 0, timeout: 0.2 },
		{ retries: 0, timeout: 30 },
	];

	it('AffilBox: each item its own Timeout', async () => {
		affilBox().injectFault({ hang: true });
		const result = await runAffilBox(affilBox(), affilBoxRead(perItem), {
			inputItems: timeoutItems,
			continueOnFail: true,
		});
		expect(outcomes(result)[0]).toEqual([
			{ item: 0 },
			'AffilBox did not answer GetCampaigns within 0.2 s',
		]);
		expect(
			outcomes(result)
				.slice(1)
				.every(([, error]) => error === 'ok'),
		).toBe(true);
	});

	it('Affelios: each item its own Timeout', async () => {
		affelios().injectFault({ hang: true });
		const result = await runAffelios(affelios(), affeliosRead(perItem), {
			inputItems: timeoutItems,
			continueOnFail: true,
		});
		expect(outcomes(result)).toEqual([
			[{ item: 0 }, `Affelios at ${affelios().url} did not answer within 0.2 s`],
			[{ item: 1 }, 'ok'],
		]);
	});

	it('a bad value fails only its own item, naming the option, in both nodes', async () => {
		const items = [
			{ retries: 11, timeout: 30 },
			{ retries: 0, timeout: 30 },
		];
		const message = 'Max Retries must be a whole number from 0 to 10, got "11"';
		const fromAffilBox = await runAffilBox(affilBox(), affilBoxRead(perItem), {
			inputItems: items,
			continueOnFail: true,
		});
		expect(outcomes(fromAffilBox)[0]).toEqual([{ item: 0 }, message]);
		expect(affilBox().requests).toHaveLength(1);
		const fromAffelios = await runAffelios(affelios(), affeliosRead(perItem), {
			inputItems: items,
			continueOnFail: true,
		});
		expect(outcomes(fromAffelios)).toEqual([
			[{ item: 0 }, message],
			[{ item: 1 }, 'ok'],
		]);
		expect(affelios().requests).toHaveLength(1);
	});
});

describe('one Timeout range for both nodes: 0.1 to 600 s', () => {
	it.each([
		[0.05, 'Timeout must be a number from 0.1 to 600, got "0.05"'],
		[601, 'Timeout must be a number from 0.1 to 600, got "601"'],
	])('%p is refused by both, before any request', async (timeout, message) => {
		const fromAffilBox = await runAffilBox(affilBox(), affilBoxRead({ timeout }));
		const fromAffelios = await runAffelios(affelios(), affeliosRead({ timeout }));
		expect([fromAffilBox.error?.message, fromAffelios.error?.message]).toEqual([message, message]);
		expect([affilBox().requests.length, affelios().requests.length]).toEqual([0, 0]);
	});

	it('0.1 is taken by both (and waited for)', async () => {
		affilBox().injectFault({ hang: true });
		affelios().injectFault({ hang: true });
		const fromAffilBox = await runAffilBox(
			affilBox(),
			affilBoxRead({ timeout: 0.1, maxRetries: 0 }),
		);
		const fromAffelios = await runAffelios(
			affelios(),
			affeliosRead({ timeout: 0.1, maxRetries: 0 }),
		);
		expect(fromAffilBox.error?.message).toBe('AffilBox did not answer GetCampaigns within 0.1 s');
		expect(fromAffelios.error?.message).toBe(
			`Affelios at ${affelios().url} did not answer within 0.1 s`,
		);
	});
});

describe('one set of date forms for both nodes', () => {
	/** The instant each node sends for the same date text: AffilBox in Prague to the second, Affelios in UTC. */
	async function sentInstants(date: string): Promise<[string | null, string]> {
		const click = await runAffilBox(affilBox(), {
			resource: 'click',
			operation: 'add',
			partnerId: 'zofie',
			campaignId: '11',
			date,
			count: 1,
		});
		expect(click.error).toBeUndefined();
		const customer = await runAffelios(affelios(), {
			...affeliosCreate,
			externalId: `dates-${affelios().requests.length}`,
			registrationDate: date,
		});
		expect(customer.error).toBeUndefined();
		const fromAffilBox = DateTime.fromFormat(
			lastCall(affilBox()).params.date,
			'yyyy-MM-dd HH:mm:ss',
			{
				zone: ZONE,
			},
		);
		const fromAffelios = (lastRequest(affelios()).body as { registrationDate: string })
			.registrationDate;
		return [fromAffilBox.toUTC().toISO(), fromAffelios];
	}

	it.each([
		['ISO-8601 with offset', '2025-03-11T14:30:00+01:00', '2025-03-11T13:30:00.000Z'],
		['ISO-8601 without offset', '2025-03-11T14:30:00', '2025-03-11T13:30:00.000Z'],
		['yyyy-mm-dd hh:mm', '2025-03-11 14:30', '2025-03-11T13:30:00.000Z'],
		['yyyy-mm-dd h:mm:ss', '2025-03-11 8:45:21', '2025-03-11T07:45:21.000Z'],
		['a plain date', '2025-03-11', '2025-03-10T23:00:00.000Z'],
		['d.m.yyyy', '11.3.2025', '2025-03-10T23:00:00.000Z'],
		['d. m. yyyy h:mm', '11. 3. 2025 9:05', '2025-03-11T08:05:00.000Z'],
		['yyyy/mm/dd hh:mm', '2025/03/11 14:30', '2025-03-11T13:30:00.000Z'],
		['RFC 2822', 'Tue, 11 Mar 2025 14:30:00 +0000', '2025-03-11T14:30:00.000Z'],
		['an HTTP date', 'Tue, 11 Mar 2025 14:30:00 GMT', '2025-03-11T14:30:00.000Z'],
		['epoch seconds', '1741703400', '2025-03-11T14:30:00.000Z'],
		['epoch milliseconds', '1741703400000', '2025-03-11T14:30:00.000Z'],
		[
			'an n8n DateTime',
			"={{ DateTime.fromISO('2025-03-11T14:30:00', { zone: 'Asia/Tokyo' }) }}",
			'2025-03-11T05:30:00.000Z',
		],
	])('%s (%s): the same instant from both', async (_form, date, instant) => {
		expect(await sentInstants(date)).toEqual([instant, instant]);
	});

	it('text that is no date is refused by both, naming the field, with the same hint', async () => {
		const click = await runAffilBox(affilBox(), {
			resource: 'click',
			operation: 'add',
			partnerId: 'zofie',
			campaignId: '11',
			date: 'next tuesday',
			count: 1,
		});
		const customer = await runAffelios(affelios(), {
			...affeliosCreate,
			registrationDate: 'next tuesday',
		});
		expect(click.error?.message).toBe('Date: "next tuesday" is not a date AffilBox can use');
		expect(customer.error?.message).toBe(
			'Registration Date: "next tuesday" is not a date Affelios can use',
		);
		expect(
			[click.error, customer.error].map((error) => (error as { description?: string }).description),
		).toEqual([DATE_HINT, DATE_HINT]);
		expect([affilBox().requests.length, affelios().requests.length]).toEqual([0, 0]);
	});
});

describe('"Continue (using error output)" sends a failed item down the error output', () => {
	// Item 0 has a bad Max Retries (caught before sending), item 1 is fine.
	const items = [
		{ retries: 11, timeout: 30 },
		{ retries: 0, timeout: 30 },
	];
	const message = 'Max Retries must be a whole number from 0 to 10, got "11"';
	const split = (result: RunNodeResult) =>
		result.outputs.map((output) =>
			output.map((item) => [item.pairedItem, item.json.error ?? 'ok']),
		);

	it('AffilBox', async () => {
		const result = await runAffilBox(affilBox(), affilBoxRead(perItem), {
			inputItems: items,
			onError: 'continueErrorOutput',
		});
		const [success, failure] = split(result);
		expect(failure).toEqual([[{ item: 0 }, message]]);
		expect(success.length).toBeGreaterThan(0);
		expect(
			success.every(
				([pairing, error]) => error === 'ok' && (pairing as { item: number }).item === 1,
			),
		).toBe(true);
	});

	it('Affelios', async () => {
		const result = await runAffelios(affelios(), affeliosRead(perItem), {
			inputItems: items,
			onError: 'continueErrorOutput',
		});
		expect(split(result)).toEqual([[[{ item: 1 }, 'ok']], [[{ item: 0 }, message]]]);
	});
});
