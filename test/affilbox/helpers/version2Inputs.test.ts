import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	isAmbiguousConversionError,
	pointToCampaignField,
} from '../../../nodes/AffilBox/helpers/ambiguousConversion';
import { readConversionState } from '../../../nodes/AffilBox/helpers/conversionState';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';
import { locatorValue } from '../../../nodes/AffilBox/helpers/locator';
import { requireAmount } from '../../../nodes/AffilBox/helpers/amounts';
import { FAKE_NODE } from '../../support/fakeContext';

describe('locatorValue', () => {
	it.each([
		[{ __rl: true, mode: 'list', value: '11', cachedResultName: 'Summer (11)' }, '11'],
		[{ __rl: true, mode: 'id', value: '' }, ''],
		[{ mode: 'id', value: 'jnovak' }, 'jnovak'],
		['11', '11'],
		[12, 12],
		[undefined, undefined],
		[{ other: 1 }, { other: 1 }],
	])('%p → %p', (value, expected) => {
		expect(locatorValue(value)).toEqual(expected);
	});
});

describe('readConversionState', () => {
	it('empty means "not given"', () => {
		expect(readConversionState('', 'State')).toBeUndefined();
		expect(readConversionState(undefined, 'State')).toBeUndefined();
	});

	it('accepts the four states in any case, and Rejected for rejection', () => {
		expect(readConversionState('Authorized', 'State')).toBe('authorized');
		expect(readConversionState('rejected', 'State')).toBe('rejection');
		expect(readConversionState(' Rejected ', 'State')).toBe('rejection');
		expect(readConversionState('REJECTION', 'State')).toBe('rejection');
	});

	it('refuses anything else, naming the field', () => {
		expect(() => readConversionState('approved', 'State')).toThrow(
			new InvalidInputError(
				'State',
				'State must be one of Authorized ("authorized"), Invoiced ("invoiced"), Rejected ("rejection"), Waiting ("waiting"), got "approved"',
			),
		);
	});
});

describe('requireAmount', () => {
	it('refuses an empty amount instead of sending 0', () => {
		for (const empty of [null, undefined, '', '  ']) {
			expect(() => requireAmount(empty, 'Amount')).toThrow('Amount is required: enter an amount');
		}
	});

	it('sends what was typed, 0 included', () => {
		expect(requireAmount(0, 'Amount')).toBe('0');
		expect(requireAmount('12,50', 'Amount')).toBe('12.50');
	});
});

describe('pointToCampaignField', () => {
	it('recognises the ambiguity in the words the sandbox and a Czech licence may use', () => {
		expect(
			isAmbiguousConversionError(
				'AffilBox error 409: Ambiguous conversion_id: exists in several campaigns, give campaign_id',
			),
		).toBe(true);
		expect(isAmbiguousConversionError('Transakce existuje ve více kampaních')).toBe(true);
		expect(isAmbiguousConversionError('Invalid value for campaign_id: expected int')).toBe(false);
		expect(isAmbiguousConversionError('Campaign not found: 99')).toBe(false);
	});

	it('names the field to fill in, and leaves other errors alone', () => {
		const ambiguous = new NodeApiError(
			FAKE_NODE,
			{ message: 'x' },
			{
				message: 'AffilBox error 409: Ambiguous conversion_id',
				description: 'Method ConfirmConversion failed.',
			},
		);
		pointToCampaignField('Additional Fields → Campaign')(ambiguous);
		expect(ambiguous.description).toContain('"Additional Fields → Campaign"');

		const other = new NodeOperationError(FAKE_NODE, 'Conversion not found', {
			description: 'kept',
		});
		pointToCampaignField('Additional Fields → Campaign')(other);
		expect(other.description).toBe('kept');
	});
});
