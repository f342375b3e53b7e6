import type { IDataObject } from 'n8n-workflow';

import { createdPartnerOutput } from '../../../nodes/AffilBox/actions/partner/create.operation';
import {
	conversionBatches,
	readConversionIds,
} from '../../../nodes/AffilBox/helpers/conversionBatches';
import { invoiceMatches, readInvoiceFilter } from '../../../nodes/AffilBox/helpers/invoiceFilter';

describe('readConversionIds', () => {
	it.each([
		['5120', ['5120']],
		[5120, ['5120']],
		[' 5120, 5121;5122\n5123 ', ['5120', '5121', '5122', '5123']],
		[
			['5120', 5121, ' 5122 '],
			['5120', '5121', '5122'],
		],
		[['5120, 5121'], ['5120', '5121']],
	])('reads %j', (value, ids) => {
		expect(readConversionIds(value, 'Conversion IDs')).toEqual(ids);
	});

	it.each([
		['OBJ-1', 'Conversion IDs: "OBJ-1" is not an AffilBox conversion ID'],
		['12.5', 'Conversion IDs: "12.5" is not an AffilBox conversion ID'],
		[[{ id: 1 }], 'Conversion IDs: "{"id":1}" is not an AffilBox conversion ID'],
		['', 'Conversion IDs is required'],
		[[], 'Conversion IDs is required'],
		[undefined, 'Conversion IDs is required'],
	])('refuses %j', (value, message) => {
		expect(() => readConversionIds(value, 'Conversion IDs')).toThrow(message);
	});
});

describe('conversionBatches', () => {
	it('groups by key in input order and cuts at the batch size of distinct IDs', () => {
		const batches = conversionBatches(
			[
				{ itemIndex: 0, key: 'a', ids: ['1', '2'] },
				{ itemIndex: 1, key: 'b', ids: ['3'] },
				{ itemIndex: 2, key: 'a', ids: ['2', '4', '5'] },
			],
			2,
		);
		expect(batches.map(({ key, ids, batch }) => [key, ids, batch])).toEqual([
			['a', ['1', '2'], 1],
			['a', ['4', '5'], 2],
			['b', ['3'], 3],
		]);
		// An ID repeated in a batch is sent once, and still gives each of its items an output.
		expect(batches[0].entries).toEqual([
			{ itemIndex: 0, conversionId: '1' },
			{ itemIndex: 0, conversionId: '2' },
			{ itemIndex: 2, conversionId: '2' },
		]);
	});

	it('gives no batch for no items', () => {
		expect(conversionBatches([], 100)).toEqual([]);
	});
});

describe('invoice filter', () => {
	const invoice = {
		id: '1',
		paid: false,
		issueDate: '2025-12-31T00:00:00+01:00',
		created: '2026-01-01T08:00:03+01:00',
		supplier: { name: 'Dvořák & syn s.r.o.', ic: '12345678', dic: 'CZ12345678' },
	};
	const matches = (filters: IDataObject) =>
		invoiceMatches(invoice, readInvoiceFilter(filters, 'Europe/Prague'));

	it.each([
		[{}, true],
		[{ paid: 'any' }, true],
		[{ paid: 'unpaid' }, true],
		[{ paid: 'paid' }, false],
		[{ partner: 'DVOŘÁK & SYN S.R.O.' }, true],
		[{ partner: 'Dvořák' }, false],
		[{ partner: '12345678' }, true],
		[{ issuedAfter: '2025-12-31' }, true],
		[{ issuedAfter: '2025-12-31 00:00:01' }, false],
		[{ issuedBefore: '2025-12-30T23:00:00Z' }, true],
		[{ issuedBefore: '2025-12-30T22:59:59Z' }, false],
		[{ createdAfter: '1.1.2026', createdBefore: '2026-01-01 08:00:03' }, true],
	])('%j → %s', (filters, expected) => {
		expect(matches(filters)).toBe(expected);
	});

	it('keeps out an invoice without the date a bound asks for', () => {
		const filter = readInvoiceFilter({ issuedAfter: '2020-01-01' }, 'Europe/Prague');
		expect(invoiceMatches({ ...invoice, issueDate: null }, filter)).toBe(false);
	});

	it('names the field of an unreadable date', () => {
		expect(() => readInvoiceFilter({ createdBefore: 'later' }, 'Europe/Prague')).toThrow(
			'Created Before: "later" is not a date AffilBox can use',
		);
	});
});

describe("Partner → Create's output", () => {
	// Made up at run time, so that no secret-looking literal sits in the source.
	const key = ['q8w2', 'e6r4', 't1y9', 'u3i5'].join('');
	const secret = ['Sandbox', 'Only', '1'].join('-');
	const answer: IDataObject = {
		status: 'ok',
		meta: [],
		instance: 7,
		url: 'https://partneri.example.cz',
		apiKey: key,
		login: 'petra@example.net',
		password: secret,
	};

	it('withholds the password and API key by default, saying they were issued', () => {
		expect(createdPartnerOutput(answer, false)).toEqual({
			instance: '7',
			url: 'https://partneri.example.cz',
			login: 'petra@example.net',
			passwordIssued: true,
			apiKeyIssued: true,
		});
	});

	it('includes them when asked', () => {
		expect(createdPartnerOutput(answer, true)).toEqual(
			expect.objectContaining({ password: secret, apiKey: key }),
		);
	});

	it('says when AffilBox sent none', () => {
		const without = { ...answer };
		delete without.password;
		delete without.apiKey;
		expect(createdPartnerOutput(without, true)).toEqual(
			expect.objectContaining({ passwordIssued: false, apiKeyIssued: false }),
		);
		expect(createdPartnerOutput(without, true)).not.toHaveProperty('password');
	});
});
