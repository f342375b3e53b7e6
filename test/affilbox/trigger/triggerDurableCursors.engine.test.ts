import { useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';
import { partnerTrigger, fired, register } from '../../support/workflows/partnerTriggerWorkflow';
import {
	ActiveTrigger,
	addConversion,
	emitted,
	pragueTime,
	setState,
} from '../../support/workflows/triggerWorkflow';

/**
 * Both triggers under n8n's saving rules with durable poll cursors on (ActiveTrigger models n8n
 * 2.41.1, where each rule was read in the source and measured): the check at activation that fires
 * nothing loses the node's write; the workflow's static data, where the trigger keeps a copy, is
 * saved after every activation; a check that fires commits its cursor with its execution.
 */
const sandbox = useAffilBoxSandbox();

const ALL = ['created', 'authorized', 'invoiced', 'rejected'];

function conversionTrigger(parameters: Record<string, unknown>, durable = true): ActiveTrigger {
	return new ActiveTrigger(
		sandbox(),
		{ events: ALL, lookbackDays: 90, ...parameters },
		{},
		3,
		undefined,
		{ durable },
	);
}

describe('AffilBox Trigger with durable poll cursors', () => {
	it('From Now On: n8n drops what the check at activation wrote; a conversion approved before the first scheduled check still fires, once', async () => {
		const before = addConversion(sandbox(), { state: 'waiting' });
		const active = conversionTrigger({ startFrom: 'now' });
		expect(await active.activate()).toEqual([]);
		// What n8n kept of the node's own write: nothing.
		expect(active.nodeStaticData).toEqual({});
		setState(sandbox(), before, 'authorized');
		expect(emitted(await active.poll())).toEqual([`${before.transactionId}:authorized`]);
		expect(await active.poll()).toEqual([]);
		expect(await active.restarted().poll()).toEqual([]);
	});

	it('Everything in the Lookback Window and Since a Date: what the check at activation fired does not fire again', async () => {
		const ten = addConversion(sandbox(), { state: 'invoiced', createDate: pragueTime(10) });
		for (const start of [
			{ startFrom: 'lookback' },
			{ startFrom: 'date', startDate: pragueTime(20) },
		]) {
			const active = conversionTrigger(start);
			expect(emitted(await active.activate()).sort()).toEqual(
				[`${ten.transactionId}:created`, `${ten.transactionId}:invoiced`].sort(),
			);
			expect(await active.poll()).toEqual([]);
			expect(await active.restarted().poll()).toEqual([]);
		}
	});

	it('switching durable cursors on, then off, keeps the state: nothing fires again, nothing is missed', async () => {
		const conversion = addConversion(sandbox(), { state: 'waiting' });
		let active = conversionTrigger({ startFrom: 'lookback' }, false);
		expect(emitted(await active.activate())).toEqual([`${conversion.transactionId}:created`]);
		active = active.restarted(true);
		expect(await active.poll()).toEqual([]);
		setState(sandbox(), conversion, 'authorized');
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:authorized`]);
		active = active.restarted(false);
		expect(await active.poll()).toEqual([]);
		setState(sandbox(), conversion, 'invoiced');
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:invoiced`]);
	});

	it.each(['empty', 'remade'] as const)(
		'republished with the node made anew (n8n starts its cursor %s): nothing fires again, a later change fires once',
		async (reset) => {
			const conversion = addConversion(sandbox(), { state: 'authorized' });
			// Some checks without durable cursors first, so that the node's old static data is there.
			let active = conversionTrigger({ startFrom: 'lookback' }, false);
			expect(emitted(await active.activate())).toHaveLength(2);
			active = active.restarted(true);
			expect(await active.poll()).toEqual([]);
			setState(sandbox(), conversion, 'invoiced');
			expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:invoiced`]);
			expect(await active.republish(reset)).toEqual([]);
			expect(await active.poll()).toEqual([]);
			setState(sandbox(), conversion, 'rejection');
			expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:rejected`]);
		},
	);

	it('a check whose execution n8n never made (its cursor not committed) fires the same again at the next check', async () => {
		const active = conversionTrigger({ startFrom: 'now' });
		await active.activate();
		const conversion = addConversion(sandbox(), { state: 'rejection' });
		expect(await active.poll({ notCommitted: true })).toEqual([]);
		expect(active.lastCheckWentNowhere).toBe(true);
		expect(emitted(await active.poll()).sort()).toEqual(
			[`${conversion.transactionId}:created`, `${conversion.transactionId}:rejected`].sort(),
		);
		expect(await active.poll()).toEqual([]);
	});

	it('a scheduled check that starts while the check at activation still waits for AffilBox asks nothing and fires nothing; the change fires once', async () => {
		// The restart that switches durable cursors on, a conversion made while n8n was down: n8n checks
		// at activation, and the scheduler's first occurrence may come while that check still runs.
		let active = conversionTrigger({ startFrom: 'now' }, false);
		expect(await active.activate()).toEqual([]);
		const conversion = addConversion(sandbox(), { state: 'waiting' });
		active = active.restarted(true);
		let first = true;
		const held = sandbox().hold({
			count: 99,
			boundMs: 60_000,
			only: () => first && !(first = false),
		});
		const atActivation = active.poll();
		await held.whenWaiting(1);
		const asked = sandbox().requests.length;
		active.pollBudgetMs = 36_000; // what n8n gives a check its scheduler runs
		expect(await active.poll()).toEqual([]);
		expect(sandbox().requests.length).toBe(asked);
		held.release();
		expect(emitted(await atActivation)).toEqual([`${conversion.transactionId}:created`]);
		// The trigger is free again: the next scheduled check runs, and what fired does not fire again.
		setState(sandbox(), conversion, 'authorized');
		expect(emitted(await active.poll())).toEqual([`${conversion.transactionId}:authorized`]);
		expect(await active.poll()).toEqual([]);
	});

	it('a renamed trigger goes on where it was (its copy is found by the node id)', async () => {
		const conversion = addConversion(sandbox(), { state: 'waiting' });
		for (const durable of [false, true]) {
			const active = conversionTrigger({ startFrom: 'lookback' }, durable);
			await active.activate();
			expect(await active.renamedAndRepublished(`Renamed ${String(durable)}`)).toEqual([]);
			expect(Object.keys(active.saved.global as object)).toEqual([
				`affilboxTriggerState:Renamed ${String(durable)}`,
			]);
			setState(sandbox(), conversion, durable ? 'invoiced' : 'authorized');
			expect(emitted(await active.poll())).toEqual([
				`${conversion.transactionId}:${durable ? 'invoiced' : 'authorized'}`,
			]);
		}
	});
});

describe('AffilBox Partner Trigger with durable poll cursors', () => {
	const PARAMETERS = { lookbackDays: 30 };

	it('From Now On: a partner registered before the first scheduled check still fires, once', async () => {
		register(sandbox(), { daysAgo: 2 });
		const active = partnerTrigger(sandbox(), PARAMETERS, undefined, {}, { durable: true });
		expect(await active.activate()).toEqual([]);
		expect(active.nodeStaticData).toEqual({});
		const newcomer = register(sandbox());
		expect(fired(await active.poll())).toEqual([newcomer]);
		expect(await active.poll()).toEqual([]);
	});

	it('Everything in the Lookback Window: what the check at activation fired does not fire again, also after republishing with the node made anew', async () => {
		const earlier = register(sandbox(), { daysAgo: 3 });
		const active = partnerTrigger(
			sandbox(),
			{ ...PARAMETERS, startFrom: 'lookback' },
			undefined,
			{},
			{ durable: true },
		);
		expect(fired(await active.activate())).toEqual([earlier]);
		expect(await active.poll()).toEqual([]);
		expect(await active.republish('empty')).toEqual([]);
		const later = register(sandbox());
		expect(fired(await active.poll())).toEqual([later]);
	});

	it('a check whose execution n8n never made fires the same partner at the next check', async () => {
		const active = partnerTrigger(sandbox(), PARAMETERS, undefined, {}, { durable: true });
		await active.activate();
		const newcomer = register(sandbox());
		expect(await active.poll({ notCommitted: true })).toEqual([]);
		expect(fired(await active.poll())).toEqual([newcomer]);
		expect(await active.poll()).toEqual([]);
	});
});
