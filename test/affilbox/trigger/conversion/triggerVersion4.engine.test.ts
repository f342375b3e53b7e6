import { DateTime } from 'luxon';

import { AffilBoxTrigger } from '../../../../nodes/AffilBox/AffilBoxTrigger.node';
import { parameterShape } from '../../../support/harness/parameterShape';
import { useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { ActiveTrigger, addConversion, setState } from '../../../support/workflows/triggerWorkflow';

/**
 * Version 4 of the AffilBox Trigger: its output in the editor's words (a rejected conversion's
 * state "rejected", as the event says) and `detectedAt` with the licence offset. Version 3, which
 * saved workflows keep, emits exactly what it did.
 */
const sandbox = useAffilBoxSandbox();
const ALL = { events: ['created', 'authorized', 'invoiced', 'rejected'], lookbackDays: 90 };
const ZONE = 'Europe/Prague';

/** A conversion rejected after activation, as `typeVersion` emits it (Created first, then Rejected). */
async function rejectedAs(typeVersion: number, simplify = true) {
	const trigger = new ActiveTrigger(sandbox(), { ...ALL, simplify }, {}, typeVersion);
	await trigger.activate();
	const conversion = addConversion(sandbox(), { createDate: '2026-11-30 10:00:00' });
	setState(sandbox(), conversion, 'rejection');
	const before = Date.now();
	const items = await trigger.poll();
	const after = Date.now();
	const rejected = items.find((item) => item.json.event === 'rejected');
	if (!rejected) throw new Error('nothing fired Rejected');
	return { json: rejected.json, before, after, conversion };
}

describe('AffilBox Trigger, version 4', () => {
	it('new triggers get version 4, with the fields of version 3', () => {
		const { description } = new AffilBoxTrigger();
		expect(description.version).toEqual([1, 2, 3, 4]);
		expect(description.defaultVersion).toBe(4);
		expect(parameterShape(new AffilBoxTrigger(), 4)).toEqual(
			parameterShape(new AffilBoxTrigger(), 3),
		);
	});

	it('says "rejected" for a rejected conversion, as its event does', async () => {
		const { json, conversion } = await rejectedAs(4);
		expect(json).toMatchObject({
			transactionId: conversion.transactionId,
			state: 'rejected',
			event: 'rejected',
			createdAt: '2026-11-30T10:00:00+01:00',
		});
	});

	it('detectedAt carries the licence offset, to the second, like every other date', async () => {
		const { json, before, after } = await rejectedAs(4);
		const detectedAt = String(json.detectedAt);
		const offset = DateTime.now().setZone(ZONE).toFormat('ZZ').replace('+', '\\+');
		expect(detectedAt).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d${offset}$`));
		expect(Date.parse(detectedAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(Date.parse(detectedAt)).toBeLessThanOrEqual(after);
	});

	it('Simplify off: the conversion as AffilBox sends it ("rejection"), detectedAt with the offset', async () => {
		const { json } = await rejectedAs(4, false);
		expect(json.state).toBe('rejection');
		expect(String(json.detectedAt)).toMatch(/[+-]\d\d:\d\d$/);
	});
});

describe('AffilBox Trigger, version 3 (saved workflows) emits what it did', () => {
	it('"rejection", and detectedAt in UTC with milliseconds', async () => {
		const { json } = await rejectedAs(3);
		expect(json).toMatchObject({ state: 'rejection', event: 'rejected' });
		expect(String(json.detectedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('version 2 as well', async () => {
		const { json } = await rejectedAs(2);
		expect(json.state).toBe('rejection');
		expect(String(json.detectedAt)).toMatch(/Z$/);
	});
});
