import { DateTime } from 'luxon';

import { parseDate } from '../../shared/dates';

const MINUTE = 60_000;
// AffilBox's own date format, hour sometimes unpadded: `2025-03-11 8:45:21`.
const AFFILBOX_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})(?::\d{2})?$/;

/**
 * Reads creation dates into epoch minutes for a whole answer. A poll reads up to 100,000 of them:
 * luxon's general parsing cost 3 s there, so the vendor's format is read by hand, with luxon asked
 * once per distinct hour for its offset in the licence zone. Any other form goes to the general parser.
 */
export function createdMinuteReader(zone: string): (value: unknown) => number | undefined {
	const hourStarts = new Map<string, number | undefined>();
	return (value) => {
		const match = typeof value === 'string' ? AFFILBOX_DATE_TIME.exec(value.trim()) : null;
		if (match === null) {
			const parsed = parseDate(value, zone);
			return parsed ? Math.floor(parsed.toMillis() / MINUTE) : undefined;
		}
		const [, year, month, day, hour, minute] = match;
		const hourKey = `${year}-${month}-${day} ${hour}`;
		if (!hourStarts.has(hourKey)) {
			const start = DateTime.fromObject(
				{ year: Number(year), month: Number(month), day: Number(day), hour: Number(hour) },
				{ zone },
			);
			hourStarts.set(hourKey, start.isValid ? Math.floor(start.toMillis() / MINUTE) : undefined);
		}
		const hourStart = hourStarts.get(hourKey);
		const minutes = Number(minute);
		return hourStart === undefined || minutes > 59 ? undefined : hourStart + minutes;
	};
}
