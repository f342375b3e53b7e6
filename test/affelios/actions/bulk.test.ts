import { bulkSummary } from '../../../nodes/Affelios/actions/customer/bulkSummary';
import { mergeForPut } from '../../../nodes/Affelios/actions/customer/mergeForPut';
import { batchSubject } from '../../../nodes/Affelios/helpers/bulkInput';
import { mapFields, type FieldSpec } from '../../../nodes/Affelios/helpers/fieldMap';
import { chunkIndexes } from '../../../nodes/shared/runner';

describe('chunkIndexes', () => {
	it('cuts 1,234 items into 500 + 500 + 234, in order', () => {
		const chunks = chunkIndexes(1234, 500);
		expect(chunks.map((chunk) => chunk.length)).toEqual([500, 500, 234]);
		expect(chunks.flat()).toEqual([...Array(1234).keys()]);
	});

	it('handles exact multiples, one item and none', () => {
		expect(chunkIndexes(4, 2)).toEqual([
			[0, 1],
			[2, 3],
		]);
		expect(chunkIndexes(1, 500)).toEqual([[0]]);
		expect(chunkIndexes(0, 500)).toEqual([]);
	});
});

describe('batchSubject', () => {
	it('names the batch and its item range, or its one item', () => {
		expect(batchSubject('Create Many Customers', 2, [500, 501, 502, 999])).toBe(
			'Create Many Customers, batch 2 (items 500–999)',
		);
		expect(batchSubject('Create Many Transactions', 3, [1000])).toBe(
			'Create Many Transactions, batch 3 (item 1000)',
		);
	});
});

describe('bulkSummary', () => {
	it('passes the counts through and adds batch and item count', () => {
		const answer = { numImported: 3, numDuplicates: 0, numFailed: 0, firstFailureId: null };
		expect(bulkSummary(answer, 2, 3)).toEqual({ batch: 2, itemCount: 3, ...answer });
	});

	it('turns failures into a warning naming the first one', () => {
		const summary = bulkSummary(
			{ numImported: 1, numFailed: 2, firstFailureId: 'u-7', firstFailureMessage: 'Bad date.' },
			1,
			3,
		);
		expect(summary.warning).toBe(
			'2 of 3 customers in batch 1 were not imported. The first failure: u-7: Bad date.',
		);
		expect(bulkSummary({ numFailed: 1 }, 1, 1).warning).toBe(
			'1 of 1 customers in batch 1 were not imported.',
		);
	});
});

describe('mergeForPut', () => {
	it('keeps every field read, lifts brandId and clickId from tracking, puts changes on top', () => {
		const current = {
			id: 'c1',
			externalId: 'u-1',
			username: 'old',
			country: 'CZ',
			tracking: { brandId: 'b-1', clickId: 'CK-1', affiliateName: 'A' },
		};
		expect(mergeForPut(current, { username: 'new', clickId: 'CK-2' })).toEqual({
			...current,
			username: 'new',
			brandId: 'b-1',
			clickId: 'CK-2',
		});
	});

	it('copes without a tracking block', () => {
		expect(mergeForPut({ id: 'c1', tracking: null }, { country: 'AT' })).toEqual({
			id: 'c1',
			tracking: null,
			country: 'AT',
		});
	});
});

describe('mapFields', () => {
	const specs: FieldSpec[] = [
		{ name: 'externalId', api: 'externalId', label: 'External ID', kind: 'text', required: true },
		{ name: 'countryCode', api: 'country_code', label: 'Country Code', kind: 'text' },
		{ name: 'when', api: 'regDate', label: 'When', kind: 'date' },
		{ name: 'amount', api: 'amount', label: 'Amount', kind: 'amount' },
		{ name: 'flag', api: 'flag', label: 'Flag', kind: 'boolean' },
	];

	it('renames, converts, and leaves out blanks; a false switch is sent', () => {
		expect(
			mapFields(
				{
					externalId: 5,
					countryCode: '',
					when: '2024-01-15',
					amount: '3.5',
					flag: false,
					other: 1,
				},
				specs,
				'UTC',
			),
		).toEqual({ externalId: '5', regDate: '2024-01-15T00:00:00.000Z', amount: 3.5, flag: false });
	});

	it('a missing required value names its field', () => {
		expect(() => mapFields({}, specs, 'UTC')).toThrow('External ID is required');
	});
});
