import type { INodeListSearchResult } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';
import { RECENT_CONVERSION_DAYS } from '../../../nodes/AffilBox/methods/labels';
import { startAffilBoxSandbox } from '../../support/sandbox/affilbox';
import { lastCall, loadOptionsContext, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';
import { addConversion, pragueTime } from '../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();

type SearchMethod = 'searchCampaigns' | 'searchPartners' | 'searchConversions';

/** Opens a "From List" picker of a version-2 node the way the editor does. */
async function search(
	method: SearchMethod,
	filter?: string,
	paginationToken?: string,
	credentials: Record<string, string> = {},
): Promise<INodeListSearchResult> {
	const context = loadOptionsContext(sandbox(), {
		typeVersion: 2,
		parameters: { resource: 'conversion', operation: 'confirm' },
		credentials,
	});
	return await new AffilBox().methods.listSearch[method].call(context, filter, paginationToken);
}

const names = (result: INodeListSearchResult) => result.results.map((entry) => entry.name);

describe('Campaign picker', () => {
	it('shows name and number, inactive ones last and marked, and sends the number', async () => {
		expect((await search('searchCampaigns')).results).toEqual([
			{ name: 'Elektronika "Premium" (13)', value: '13' },
			{ name: 'Knihy & <Hry> pro děti (12)', value: '12' },
			{ name: 'Letní výprodej – obuv (11)', value: '11' },
			{ name: 'Zimní kolekce 2024 (14) · inactive', value: '14' },
		]);
	});

	it('searches by name without diacritics, or by number', async () => {
		expect(names(await search('searchCampaigns', 'letni'))).toEqual(['Letní výprodej – obuv (11)']);
		expect(names(await search('searchCampaigns', '13'))).toEqual(['Elektronika "Premium" (13)']);
	});
});

describe('Partner picker', () => {
	it('lists every partner by name, e-mail and affiliate ID, sending the affiliate ID', async () => {
		const { results } = await search('searchPartners');
		expect(results).toHaveLength(5);
		expect(results).toContainEqual({
			name: 'Anna Černá · Anna.Cerna@Example.com · anna-cerna',
			value: 'anna-cerna',
		});
		expect(lastCall(sandbox()).method).toBe('GetPartners');
	});

	it.each([
		['name', 'stastna', ['zofie']],
		['e-mail', 'example.net', ['petr.novak']],
		['affiliate ID', 'JDVORAK', ['jdvorak']],
		['nothing', 'nobody', []],
	])(
		'searches by %s (filtered by the node: GetPartners has no search)',
		async (_, filter, values) => {
			const { results } = await search('searchPartners', filter);
			expect(results.map((entry) => entry.value)).toEqual(values);
			expect(lastCall(sandbox()).params).toEqual({});
		},
	);
});

describe('Conversion picker', () => {
	it('lists recent conversions newest first, sending the transaction ID', async () => {
		const older = addConversion(sandbox(), { createDate: pragueTime(10) });
		const newer = addConversion(sandbox(), { createDate: pragueTime(1) });
		addConversion(sandbox(), { createDate: pragueTime(200) });
		const { results } = await search('searchConversions');
		expect(results.map((entry) => entry.value)).toEqual([newer.transactionId, older.transactionId]);
		expect(results[0].name).toBe(
			`${newer.transactionId} · 150.00 CZK · jdvorak · waiting · ${newer.createDate} · Letní výprodej – obuv (11)`,
		);
		// Only the last 90 days are asked for, in the licence's time zone (the minute may tick).
		expect([pragueTime(90).slice(0, 16), pragueTime(90, 1).slice(0, 16)]).toContain(
			lastCall(sandbox()).params.filter_date_from,
		);
	});

	it('searches any shown value: partner, transaction ID', async () => {
		const mine = addConversion(sandbox(), { affilId: 'zofie' });
		addConversion(sandbox());
		const byPartner = await search('searchConversions', 'zofie');
		expect(byPartner.results.map((entry) => entry.value)).toEqual([mine.transactionId]);
		const byId = await search('searchConversions', mine.transactionId.toLowerCase());
		expect(byId.results.map((entry) => entry.value)).toEqual([mine.transactionId]);
	});

	it('pages long lists 100 at a time', async () => {
		for (let i = 0; i < 130; i++) addConversion(sandbox(), { createDate: pragueTime(0, i + 1) });
		const first = await search('searchConversions');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await search('searchConversions', undefined, String(first.paginationToken));
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results].map((entry) => entry.value);
		expect(new Set(all).size).toBe(130);
	});
});

describe('Conversion picker in the demo (`npm start` dates the seed recently)', () => {
	it('From List shows the seed conversions of the last 90 days, newest first', async () => {
		const demo = await startAffilBoxSandbox({ port: 0, dates: 'recent' });
		try {
			const context = loadOptionsContext(demo, {
				typeVersion: 3,
				parameters: { resource: 'conversion', operation: 'confirm' },
			});
			const { results } = await new AffilBox().methods.listSearch.searchConversions.call(context);
			// Within 90 days of the seed's newest date (2026-02-20): created 2026-02-14 back to 2025-11-28.
			expect(results.map((entry) => entry.value)).toEqual([
				'OBJ-2026-0002',
				'OBJ-2026-0001',
				'OBJ-2025-0300',
				'OBJ-2025-0150',
			]);
		} finally {
			await demo.close();
		}
	});

	it.each([2, 3])(
		'version %p: the picker says what From List holds and where older ones are',
		(typeVersion) => {
			const { description } = new AffilBox();
			const picker = description.properties.find(
				(property) =>
					property.type === 'resourceLocator' &&
					property.modes?.some(
						(mode) => mode.typeOptions?.searchListMethod === 'searchConversions',
					) &&
					NodeHelpers.displayParameter(
						{ resource: 'conversion', operation: 'get' },
						property,
						{ typeVersion },
						description,
					),
			);
			const list = picker?.modes?.find((mode) => mode.name === 'list');
			expect(list?.hint).toBe(
				`From List shows the conversions created in the last ${RECENT_CONVERSION_DAYS} days, newest first. For an older one, choose By ID and enter its transaction ID.`,
			);
			expect(RECENT_CONVERSION_DAYS).toBe(90);
		},
	);
});

describe('a picker with a wrong key', () => {
	it.each<SearchMethod>(['searchCampaigns', 'searchPartners', 'searchConversions'])(
		'%s shows the key problem instead of an empty list',
		async (method) => {
			await expect(search(method, undefined, undefined, { apiKey: 'wrong' })).rejects.toThrow(
				'AffilBox rejected the API key',
			);
		},
	);
});
