import {
	planFirstCheck,
	readStartFrom,
	startFromFields,
	startFromOfEmitExisting,
} from '../../../nodes/AffilBox/trigger/startFrom';
import { InvalidInputError } from '../../../nodes/shared/invalidInput';

const ZONE = 'Europe/Prague';

describe('Start From', () => {
	it('maps the old "Emit Existing on First Run" switch onto the choices', () => {
		expect(startFromOfEmitExisting(false)).toBe('now');
		expect(startFromOfEmitExisting(true)).toBe('lookback');
	});

	it('"From now on" fires nothing on the first check and keeps the lookback window', () => {
		expect(planFirstCheck('now', undefined, 1000)).toEqual({ windowStartMinute: 1000 });
	});

	it('"Everything in the lookback window" fires from the window start', () => {
		expect(planFirstCheck('lookback', undefined, 1000)).toEqual({
			emitFromMinute: 1000,
			windowStartMinute: 1000,
		});
	});

	it('"Since a date" fires from the date and reaches back past the window when the date is older', () => {
		expect(planFirstCheck('date', 1500, 1000)).toEqual({
			emitFromMinute: 1500,
			windowStartMinute: 1000,
		});
		expect(planFirstCheck('date', 400, 1000)).toEqual({
			emitFromMinute: 400,
			windowStartMinute: 400,
		});
		expect(() => planFirstCheck('date', undefined, 1000)).toThrow(/start date/);
	});

	it('reads the date in the licence zone unless it carries an offset', () => {
		const local = readStartFrom('date', '2025-03-11 14:30', ZONE);
		expect(local.startDateMinute).toBe(Date.UTC(2025, 2, 11, 13, 30) / 60_000);
		const withOffset = readStartFrom('date', '2025-03-11T14:30:00Z', ZONE);
		expect(withOffset.startDateMinute).toBe(Date.UTC(2025, 2, 11, 14, 30) / 60_000);
		expect(readStartFrom('now', 'ignored', ZONE)).toEqual({ startFrom: 'now' });
	});

	it('names the field for an unknown choice or an unreadable or missing date', () => {
		const bad = (startFrom: unknown, date: unknown) => {
			try {
				readStartFrom(startFrom, date, ZONE);
			} catch (error) {
				return error as InvalidInputError;
			}
			throw new Error('expected an error');
		};
		expect(bad('yesterday', '').field).toBe('Start From');
		expect(bad('date', 'soon').message).toMatch(/^Start Date: "soon"/);
		expect(bad('date', '').field).toBe('Start Date');
	});

	it('shows Start Date only for "Since a date"', () => {
		const [choice, date] = startFromFields('conversions', 'created');
		expect(choice.default).toBe('now');
		expect(date.displayOptions).toEqual({ show: { startFrom: ['date'] } });
	});
});
