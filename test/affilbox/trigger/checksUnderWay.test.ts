import type { IPollFunctions } from 'n8n-workflow';

import { oneCheckAtATime } from '../../../nodes/AffilBox/trigger/checksUnderWay';

/** What oneCheckAtATime reads of a poll context: the workflow, the node, the logger. */
function contextOf(workflowId: string, nodeId: string): IPollFunctions {
	return {
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ id: nodeId, name: 'AffilBox Trigger' }),
		logger: { debug: () => undefined },
	} as unknown as IPollFunctions;
}

/** A check that runs until `finish` is called. */
function openCheck(): { check: () => Promise<string>; finish: () => void; ran: () => boolean } {
	let finish = () => {};
	let ran = false;
	const done = new Promise<void>((resolve) => (finish = resolve));
	return {
		check: async () => {
			ran = true;
			await done;
			return 'fired';
		},
		finish: () => finish(),
		ran: () => ran,
	};
}

describe('oneCheckAtATime', () => {
	it('leaves out a scheduled check while another of the same trigger is under way, not the check at activation, not another trigger', async () => {
		const first = openCheck();
		const underWay = oneCheckAtATime(contextOf('w1', 'n1'), false, first.check);
		expect(await oneCheckAtATime(contextOf('w1', 'n1'), false, async () => 'second')).toBeNull();
		expect(await oneCheckAtATime(contextOf('w1', 'n1'), true, async () => 'activation')).toBe(
			'activation',
		);
		expect(await oneCheckAtATime(contextOf('w1', 'n2'), false, async () => 'other node')).toBe(
			'other node',
		);
		expect(await oneCheckAtATime(contextOf('w2', 'n1'), false, async () => 'other workflow')).toBe(
			'other workflow',
		);
		first.finish();
		expect(await underWay).toBe('fired');
		expect(await oneCheckAtATime(contextOf('w1', 'n1'), false, async () => 'after')).toBe('after');
	});

	it('a check that fails frees the trigger for the next one', async () => {
		await expect(
			oneCheckAtATime(contextOf('w3', 'n1'), false, async () => {
				throw new Error('AffilBox did not answer');
			}),
		).rejects.toThrow('AffilBox did not answer');
		expect(await oneCheckAtATime(contextOf('w3', 'n1'), false, async () => 'next')).toBe('next');
	});

	it('two checks at activation under way at once: the trigger is free only once both ended', async () => {
		const one = openCheck();
		const two = openCheck();
		const first = oneCheckAtATime(contextOf('w4', 'n1'), true, one.check);
		const second = oneCheckAtATime(contextOf('w4', 'n1'), true, two.check);
		expect(two.ran()).toBe(true);
		one.finish();
		await first;
		expect(await oneCheckAtATime(contextOf('w4', 'n1'), false, async () => 'scheduled')).toBeNull();
		two.finish();
		await second;
		expect(await oneCheckAtATime(contextOf('w4', 'n1'), false, async () => 'scheduled')).toBe(
			'scheduled',
		);
	});
});
