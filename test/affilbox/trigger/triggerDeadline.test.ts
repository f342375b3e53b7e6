import { ActivationDeadlines } from '../../../nodes/AffilBox/trigger/checkDeadline';

describe('ActivationDeadlines: n8n retries a failed check at activation within its own deadline', () => {
	it('retries soon after a failure share the first attempt’s deadline; a success, or a later activation, starts afresh', () => {
		const deadlines = new ActivationDeadlines();
		expect(deadlines.deadlineFor('w:n', 1_000, 64_000)).toBe(65_000);
		deadlines.settled('w:n', false, 65_000);
		// n8n's retries come 1, 2, 4 and 8 s apart.
		expect(deadlines.deadlineFor('w:n', 66_000, 64_000)).toBe(65_000);
		deadlines.settled('w:n', false, 66_000);
		expect(deadlines.deadlineFor('w:n', 74_000, 64_000)).toBe(65_000);
		deadlines.settled('w:n', false, 74_000);
		// A publication a while later is a new activation.
		expect(deadlines.deadlineFor('w:n', 200_000, 64_000)).toBe(264_000);
		deadlines.settled('w:n', true, 201_000);
		expect(deadlines.deadlineFor('w:n', 202_000, 64_000)).toBe(266_000);
		// Each trigger has its own.
		expect(deadlines.deadlineFor('w:other', 202_500, 10_000)).toBe(212_500);
	});
});
