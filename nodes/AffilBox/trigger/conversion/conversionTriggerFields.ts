import { DateTime } from 'luxon';
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StateWords } from '../../helpers/simplifyConversion';
import { START_FROM_VERSION } from './conversionStartFrom';

/**
 * The conversion trigger's own fields whose shape differs between its versions, its subtitle, and
 * what each version's output says (EDITOR_WORDS_VERSION below).
 */

const AUTHORIZED = {
	name: 'Conversion Authorized',
	value: 'authorized',
	description: 'A conversion was approved (also after having been rejected)',
};
const INVOICED = {
	name: 'Conversion Invoiced',
	value: 'invoiced',
	description: 'A conversion was invoiced, i.e. is ready for payout.',
};

function eventsField(options: INodeProperties['options']): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options,
		// Kept for every version: a saved workflow that left the events as they came stores nothing.
		default: ['authorized', 'invoiced'],
		required: true,
		description: 'Each conversion fires each chosen event once',
	};
}

/**
 * Version 1 keeps its two events (pinned with its other fields). Later versions offer all four:
 * new choices change no saved value, and the default stays.
 */
export const eventsV1 = eventsField([AUTHORIZED, INVOICED]);
export const eventsV2 = eventsField([
	{
		name: 'Conversion Created',
		value: 'created',
		description: 'A new conversion was recorded, whatever its state (e.g. a sale was tracked)',
	},
	AUTHORIZED,
	INVOICED,
	{
		name: 'Conversion Rejected',
		value: 'rejected',
		description: 'A conversion was rejected (e.g. the order was cancelled or returned)',
	},
]);

export const emitExistingField: INodeProperties = {
	displayName: 'Emit Existing on First Run',
	name: 'emitExistingOnFirstRun',
	type: 'boolean',
	default: false,
	description:
		'Whether the first check after activation emits the conversions that already match the chosen events. Off: they are only recorded, and later changes fire.',
};

export function beforeStartFrom(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { lt: START_FROM_VERSION } }] } },
		properties,
	);
}

export function fromStartFrom(properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { '@version': [{ _cnd: { gte: START_FROM_VERSION } }] } },
		properties,
	);
}

/**
 * Readable on the canvas for any choice of events: "New or rejected conversions", "Authorized,
 * invoiced or rejected conversions", in the order the events are offered.
 */
export const SUBTITLE =
	'={{ (function (chosen) { const words = [["created", "new"], ["authorized", "authorized"], ["invoiced", "invoiced"], ["rejected", "rejected"]].filter(function (pair) { return chosen.includes(pair[0]); }).map(function (pair) { return pair[1]; }); if (words.length === 0) return "No event chosen"; const text = words.length === 1 ? words[0] : words.slice(0, -1).join(", ") + " or " + words[words.length - 1]; return text.charAt(0).toUpperCase() + text.slice(1) + " conversions"; })($parameter["events"] || []) }}';

/**
 * The conversion trigger's first version whose output speaks the editor's language: Simplify names
 * a rejected conversion's state "rejected" (the event's word, and the AffilBox node's from its
 * version 3), and `detectedAt` carries the licence zone's offset like every other date. Versions 1
 * to 3 keep "rejection" and `detectedAt` in UTC (`Z`, with milliseconds).
 */
export const EDITOR_WORDS_VERSION = 4;

export function triggerStateWords(typeVersion: number): StateWords {
	return typeVersion >= EDITOR_WORDS_VERSION ? 'editor' : 'affilbox';
}

/** When a check detected what it emits, as that version writes it. */
export function detectedAtOf(now: number, zone: string, typeVersion: number): string {
	if (typeVersion < EDITOR_WORDS_VERSION) return new Date(now).toISOString();
	return String(
		DateTime.fromMillis(now, { zone }).startOf('second').toISO({ suppressMilliseconds: true }),
	);
}
