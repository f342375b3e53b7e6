import { DateTime } from 'luxon';
import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { readDate } from '../../shared/dates';
import { InvalidInputError } from '../../shared/invalidInput';
import { AFFILBOX_DATE_FORMATS } from '../helpers/dates';
import { readTriggerInput } from './pollSettings';

/** Where a check looks: from a minute of the licence zone on, as the API filters. */
export interface Window {
	zone: string;
	startMinute: number;
	/** The window's start as the API wants it (`filter_date_from`). */
	from: string;
}

const MINUTE = 60_000;

export function toMinute(millis: number): number {
	return Math.floor(millis / MINUTE);
}

/** A window starting at this minute (epoch minutes), as the API wants it. */
export function windowFrom(startMinute: number, zone: string): Window {
	return {
		zone,
		startMinute,
		from: DateTime.fromMillis(startMinute * MINUTE, { zone }).toFormat(
			AFFILBOX_DATE_FORMATS.minute,
		),
	};
}

/**
 * Now minus the lookback in calendar days of the licence's zone (the same wall-clock time, also
 * across a daylight-saving change), to the minute, as the API filters.
 */
export function lookbackWindow(nowMillis: number, lookbackDays: number, zone: string): Window {
	const start = DateTime.fromMillis(nowMillis, { zone })
		.minus({ days: lookbackDays })
		.startOf('minute');
	return windowFrom(toMinute(start.toMillis()), zone);
}

/**
 * Where a trigger starts, chosen once for its first check after activation (or after its events
 * or filters change): one choice for every AffilBox trigger, so they all read the same.
 */
export type StartFrom = 'now' | 'lookback' | 'date';

export const START_FROM_CHOICES: StartFrom[] = ['now', 'lookback', 'date'];

/**
 * The Start From and Start Date fields. `things` names what the trigger emits ("conversions",
 * "partners"); `dated` says which date the start date is compared with ("created", "registered").
 */
export function startFromFields(things: string, dated: string): INodeProperties[] {
	return [
		{
			displayName: 'Start From',
			name: 'startFrom',
			type: 'options',
			options: [
				{
					name: 'From Now On',
					value: 'now',
					description: `The first check only records the ${things} already there; only what happens after it fires`,
				},
				{
					name: 'Everything in the Lookback Window',
					value: 'lookback',
					description: `The first check also fires for the matching ${things} already there, as far back as the lookback window reaches`,
				},
				{
					name: 'Since a Date',
					value: 'date',
					description: `The first check also fires for the matching ${things} ${dated} on or after the start date`,
				},
			],
			default: 'now',
			description:
				'What the first check after activation fires for. Later checks fire only for what is new.',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: { show: { startFrom: ['date'] } },
			description: `The first check fires for the ${things} ${dated} on or after this date, in the licence's time zone unless the date says otherwise`,
		},
	];
}

/** How "Emit Existing on First Run" (trigger versions before Start From) reads as a Start From. */
export function startFromOfEmitExisting(emitExistingOnFirstRun: boolean): StartFrom {
	return emitExistingOnFirstRun ? 'lookback' : 'now';
}

/** What a trigger's first check does. */
export interface FirstCheck {
	/**
	 * The earliest minute (epoch minutes, of creation or registration) that the first check fires
	 * for; undefined when it fires for nothing and only records what is there.
	 */
	emitFromMinute?: number;
	/**
	 * Where the first check's window starts: the lookback window's start, or the start date when
	 * that is earlier (so "since a date" can reach further back than the window, once).
	 */
	windowStartMinute: number;
}

/**
 * Decides the first check from the choice, the start date (epoch minutes, needed for 'date') and
 * the lookback window's start. A start date in the future fires nothing until that date is reached
 * by what is created or registered later, which later checks fire for anyway.
 */
export function planFirstCheck(
	startFrom: StartFrom,
	startDateMinute: number | undefined,
	lookbackStartMinute: number,
): FirstCheck {
	switch (startFrom) {
		case 'now':
			return { windowStartMinute: lookbackStartMinute };
		case 'lookback':
			return { emitFromMinute: lookbackStartMinute, windowStartMinute: lookbackStartMinute };
		case 'date': {
			if (startDateMinute === undefined || !Number.isFinite(startDateMinute)) {
				throw new Error('planFirstCheck: "Since a Date" needs the start date');
			}
			return {
				emitFromMinute: startDateMinute,
				windowStartMinute: Math.min(startDateMinute, lookbackStartMinute),
			};
		}
	}
}

/**
 * Reads Start From and Start Date as a trigger's parameters give them. Throws an InvalidInputError
 * naming the field for an unknown choice or a missing or unreadable date.
 */
export function readStartFrom(
	startFrom: unknown,
	startDate: unknown,
	zone: string,
): { startFrom: StartFrom; startDateMinute?: number } {
	if (!START_FROM_CHOICES.includes(startFrom as StartFrom)) {
		throw new InvalidInputError(
			'Start From',
			`Start From: "${String(startFrom)}" is not a choice`,
			'Use From Now On, Everything in the Lookback Window or Since a Date.',
		);
	}
	const choice = startFrom as StartFrom;
	if (choice !== 'date') return { startFrom: choice };
	const date = readDate(startDate, zone, 'Start Date', 'AffilBox');
	return { startFrom: choice, startDateMinute: Math.floor(date.toMillis() / 60_000) };
}

/** Start From and Start Date as a trigger's parameters hold them; a bad value fails as the node's error. */
export function readStartFromParameters(
	context: IPollFunctions,
	zone: string,
): { startFrom: StartFrom; startDateMinute?: number } {
	return readTriggerInput(context, () =>
		readStartFrom(
			context.getNodeParameter('startFrom', 'now'),
			context.getNodeParameter('startDate', ''),
			zone,
		),
	);
}

/**
 * What a trigger's first check does, from its Start From and Start Date: read (and checked) only
 * when a baseline needs it, so a start date that no longer reads cannot stop later checks.
 */
export function readFirstCheck(
	context: IPollFunctions,
	zone: string,
	lookbackStartMinute: number,
): FirstCheck {
	const { startFrom, startDateMinute } = readStartFromParameters(context, zone);
	return planFirstCheck(startFrom, startDateMinute, lookbackStartMinute);
}
