import type { INodePropertyOptions } from 'n8n-workflow';

type IntlWithZones = { supportedValuesOf?: (key: 'timeZone') => string[] };

// Only for a runtime without Intl.supportedValuesOf (Node < 18): n8n itself needs Node 20 or later.
const FALLBACK_ZONES = ['Europe/Bratislava', 'Europe/Prague', 'UTC'];

/**
 * Every IANA time zone the runtime knows (Intl), plus UTC, sorted: the Licence Time Zone choices.
 * The editor's dropdown is searchable, so typing "prag" finds Europe/Prague.
 */
export function timeZoneOptions(): INodePropertyOptions[] {
	const zones =
		(Intl as unknown as IntlWithZones).supportedValuesOf?.('timeZone') ?? FALLBACK_ZONES;
	return [...new Set([...zones, 'UTC'])]
		.sort((a, b) => a.localeCompare(b))
		.map((zone) => ({ name: zone, value: zone }));
}
