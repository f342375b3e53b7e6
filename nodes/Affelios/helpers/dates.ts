import { readDate } from '../../shared/dates';

/** The only date format the Affelios API documents: ISO-8601 in UTC with milliseconds. */
const AFFELIOS_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

/**
 * Converts a date as users give it (any form the shared date reader takes) into exactly
 * `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC). Text without an offset is wall time in `zone` (the workflow's
 * time zone, as n8n's date picker means it).
 */
export function toAffeliosDate(value: unknown, zone: string, field: string): string {
	return readDate(value, zone, field, 'Affelios').toUTC().toFormat(AFFELIOS_FORMAT);
}
