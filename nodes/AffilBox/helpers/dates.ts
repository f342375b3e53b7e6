import { IANAZone } from 'luxon';

import { readDate } from '../../shared/dates';
import { InvalidInputError } from '../../shared/invalidInput';

/** The date formats the AffilBox API documents for its parameters. */
export const AFFILBOX_DATE_FORMATS = {
	minute: 'yyyy-MM-dd HH:mm',
	day: 'yyyy-MM-dd',
	second: 'yyyy-MM-dd HH:mm:ss',
} as const;

export type AffilBoxDateFormat = (typeof AFFILBOX_DATE_FORMATS)[keyof typeof AFFILBOX_DATE_FORMATS];

// Checking a zone builds an Intl formatter (~0.1 ms): remember the ones that passed, per process.
const validZones = new Set<string>();

export function assertTimeZone(zone: string): void {
	if (validZones.has(zone)) return;
	if (!IANAZone.isValidZone(zone)) {
		throw new InvalidInputError(
			'Licence Time Zone',
			`The licence time zone "${zone}" is not a known IANA time zone (e.g. Europe/Prague)`,
			'Fix the Licence Time Zone field of the AffilBox credential.',
		);
	}
	validZones.add(zone);
}

/**
 * Converts a user date (any form the shared date reader takes) into the API's format in the
 * licence's time zone; text without an offset is wall time there. An unreadable date names its field.
 */
export function formatAffilBoxDate(
	value: unknown,
	zone: string,
	format: AffilBoxDateFormat,
	field: string,
): string {
	assertTimeZone(zone);
	return readDate(value, zone, field, 'AffilBox').toFormat(format);
}
