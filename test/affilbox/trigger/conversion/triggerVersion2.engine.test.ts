import { simplifyConversion } from '../../../../nodes/AffilBox/helpers/simplifyConversion';
import { lastCall, useAffilBoxSandbox } from '../../../support/workflows/affilBoxWorkflow';
import { ActiveTrigger, addConversion, emitted, setState } from '../../../support/workflows/triggerWorkflow';

const sandbox = useAffilBoxSandbox();
const BOTH = { events: ['authorized', 'invoiced'], lookbackDays: 90 };

describe('AffilBox Trigger, version 2', () => {
	it('emits simplified conversions by default, with the event and when it was detected', async () => {
		const conversion = addConversion(sandbox(), { createDate: '2026-11-30 10:00:00' });
		const trigger = new ActiveTrigger(sandbox(), BOTH, {}, 2);
		await trigger.activate();
		setState(sandbox(), conversion, 'authorized');
		const [item, ...rest] = await trigger.poll();
		expect(rest).toEqual([]);
		expect(item.json).toEqual({
			...simplifyConversion({ ...conversion, state: 'authorized' }, 'Europe/Prague'),
			event: 'authorized',
			detectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(item.json).toMatchObject({
			transactionId: conversion.transactionId,
			commission: 150,
			createdAt: '2026-11-30T10:00:00+01:00',
		});
	});

	it('Simplify off: the conversion exactly as version 1 emits it', async () => {
		const conversion = addConversion(sandbox());
		const v1 = new ActiveTrigger(sandbox(), BOTH, {}, 1);
		const v2 = new ActiveTrigger(sandbox(), { ...BOTH, simplify: false }, {}, 2);
		await v1.activate();
		await v2.activate();
		setState(sandbox(), conversion, 'invoiced');
		const [fromV1] = await v1.poll();
		const [fromV2] = await v2.poll();
		expect({ ...fromV2.json, detectedAt: 'x' }).toEqual({ ...fromV1.json, detectedAt: 'x' });
		expect(fromV1.json.value).toBe('150.00');
	});

	it('a saved version-1 trigger keeps its state and output when polled again', async () => {
		const trigger = new ActiveTrigger(sandbox(), { ...BOTH, filters: { campaignId: '11' } }, {}, 1);
		await trigger.activate();
		const conversion = addConversion(sandbox(), { campaignId: '11' });
		setState(sandbox(), conversion, 'authorized');
		const restarted = trigger.restarted();
		expect(emitted(await restarted.poll())).toEqual([`${conversion.transactionId}:authorized`]);
		expect(lastCall(sandbox()).params.campaign_id).toBe('11');
	});

	it('filters by the picked campaign and partner', async () => {
		const trigger = new ActiveTrigger(
			sandbox(),
			{
				...BOTH,
				filters: {
					campaignId: { __rl: true, mode: 'list', value: '12' },
					partnerId: { __rl: true, mode: 'id', value: 'zofie' },
				},
			},
			{},
			2,
		);
		await trigger.activate();
		expect(lastCall(sandbox()).params).toMatchObject({ campaign_id: '12', partner_id: 'zofie' });
	});

	it('empty pickers filter nothing: the stored state equals version 1 without filters', async () => {
		const empty = { __rl: true, mode: 'list', value: '' };
		const v2 = new ActiveTrigger(
			sandbox(),
			{ ...BOTH, filters: { campaignId: empty, partnerId: empty } },
			{},
			2,
		);
		await v2.activate();
		expect(lastCall(sandbox()).params).not.toHaveProperty('campaign_id');
		expect(lastCall(sandbox()).params).not.toHaveProperty('partner_id');
		const v1 = new ActiveTrigger(sandbox(), BOTH, {}, 1);
		await v1.activate();
		expect(v2.saved).toEqual(v1.saved);
	});
});
