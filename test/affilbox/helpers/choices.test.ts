import { refusedCallHint } from '../../../nodes/AffilBox/transport/errors';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';
import { oneOf } from '../../../nodes/AffilBox/helpers/text';

describe('oneOf', () => {
	const choices = ['approve', 'reject'] as const;

	it('returns the choice, whatever its case and surrounding spaces', () => {
		expect(oneOf('approve', choices, 'Decision')).toBe('approve');
		expect(oneOf(' Reject ', choices, 'Decision')).toBe('reject');
	});

	it.each([['maybe'], [''], [true], [1], [undefined]])(
		'refuses %p, naming the field and the choices',
		(value) => {
			expect(() => oneOf(value, choices, 'Decision', 'hint')).toThrow(InvalidInputError);
			expect(() => oneOf(value, choices, 'Decision')).toThrow(
				/^Decision must be one of "approve", "reject", got "/,
			);
		},
	);
});

describe('refusedCallHint', () => {
	it('names what the identifying values of a method must be', () => {
		expect(refusedCallHint('GetPartner')).toBe(
			"Method GetPartner failed. Check: Partner must be the partner's affiliate ID (affilId) or e-mail.",
		);
		expect(refusedCallHint('AddClick')).toMatch(
			/affiliate ID \(affilId\) or e-mail\. Campaign must be the campaign number/,
		);
	});

	it('says only that the method failed when there is nothing specific to check', () => {
		expect(refusedCallHint('GetCampaigns')).toBe('Method GetCampaigns failed.');
	});
});
