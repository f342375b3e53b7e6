import { sleep } from 'n8n-workflow';

import { runLimited } from '../../nodes/shared/limiter';
import { deferred, microtasks } from '../support/deferred';

/** A task whose finishing the test controls, with a record of what runs at the same time. */
function controlledTasks(count: number) {
	const release: Array<() => void> = [];
	const fail: Array<(error: Error) => void> = [];
	let running = 0;
	let peak = 0;
	const started: number[] = [];
	const task = (index: number) =>
		new Promise<string>((resolve, reject) => {
			started.push(index);
			running += 1;
			peak = Math.max(peak, running);
			release[index] = () => {
				running -= 1;
				resolve(`r${index}`);
			};
			fail[index] = (error) => {
				running -= 1;
				reject(error);
			};
		});
	return { task, release, fail, started, peak: () => peak, count };
}

// A macrotask: every promise chain that can move on has moved on.
const tick = async () => await sleep(0);

describe('runLimited (tasks the test finishes by hand)', () => {
	it('never runs more than the limit, starts in index order and returns results by index', async () => {
		const tasks = controlledTasks(7);
		const run = runLimited(7, 3, tasks.task);
		await tick();
		expect(tasks.started).toEqual([0, 1, 2]);
		// Finish out of order: each finished task makes room for exactly the next index.
		for (const [index, next] of [
			[2, 3],
			[0, 4],
			[4, 5],
			[3, 6],
		]) {
			tasks.release[index]();
			await tick();
			expect(tasks.started.at(-1)).toBe(next);
		}
		for (const index of [6, 1, 5]) tasks.release[index]();
		const results = await run;
		expect(results).toEqual(
			[0, 1, 2, 3, 4, 5, 6].map((i) => ({ status: 'fulfilled', value: `r${i}` })),
		);
		expect(tasks.peak()).toBe(3);
	});

	it('with limit 1 runs strictly one after another', async () => {
		const order: string[] = [];
		const results = await runLimited(4, 1, async (index) => {
			order.push(`start ${index}`);
			await tick();
			order.push(`end ${index}`);
			return index;
		});
		expect(order).toEqual([
			'start 0',
			'end 0',
			'start 1',
			'end 1',
			'start 2',
			'end 2',
			'start 3',
			'end 3',
		]);
		expect(results.map((r) => r.status === 'fulfilled' && r.value)).toEqual([0, 1, 2, 3]);
	});

	it('keeps every failure in its place and goes on by default', async () => {
		const results = await runLimited(5, 2, async (index) => {
			if (index % 2 === 1) throw new Error(`bad ${index}`);
			return index;
		});
		expect(
			results.map((r) =>
				r.status === 'fulfilled' ? r.value : (r as { reason: Error }).reason.message,
			),
		).toEqual([0, 'bad 1', 2, 'bad 3', 4]);
	});

	it('with stopOnError starts nothing after a failure but awaits what is running', async () => {
		const tasks = controlledTasks(6);
		const run = runLimited(6, 2, tasks.task, true);
		await tick();
		tasks.fail[1](new Error('boom'));
		await tick();
		expect(tasks.started).toEqual([0, 1]);
		let settled = false;
		void run.then(() => (settled = true));
		await tick();
		expect(settled).toBe(false); // task 0 still runs
		tasks.release[0]();
		const results = await run;
		expect(results[0]).toEqual({ status: 'fulfilled', value: 'r0' });
		expect((results[1] as { reason: Error }).reason.message).toBe('boom');
		expect(results.slice(2)).toEqual(Array(4).fill({ status: 'skipped' }));
	});

	it('handles no tasks, a limit above the count, and refuses a bad limit', async () => {
		expect(await runLimited(0, 5, async () => 1)).toEqual([]);
		expect(await runLimited(2, 50, async (i) => i)).toEqual([
			{ status: 'fulfilled', value: 0 },
			{ status: 'fulfilled', value: 1 },
		]);
		await expect(runLimited(1, 0, async () => 1)).rejects.toThrow(RangeError);
		await expect(runLimited(1, 1.5, async () => 1)).rejects.toThrow(RangeError);
	});

	it('catches a task that throws synchronously', async () => {
		const results = await runLimited(1, 1, ((): Promise<number> => {
			throw new Error('sync');
		}) as (index: number) => Promise<number>);
		expect((results[0] as { reason: Error }).reason.message).toBe('sync');
	});
});

describe('runLimited (deferred tasks, counted in microtask turns)', () => {
	it('keeps at most `limit` tasks running and starts them in index order', async () => {
		const gates = Array.from({ length: 7 }, () => deferred<number>());
		const started: number[] = [];
		let running = 0;
		let most = 0;
		const run = runLimited(
			7,
			3,
			async (index) => {
				started.push(index);
				running += 1;
				most = Math.max(most, running);
				try {
					return await gates[index].promise;
				} finally {
					running -= 1;
				}
			},
			false,
		);
		await microtasks();
		expect(started).toEqual([0, 1, 2]);
		// Finish out of order: the freed slots take the next indexes.
		gates[2].resolve(2);
		await microtasks();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const index of [6, 5, 4, 3, 1, 0]) {
			gates[index].resolve(index * 10);
			await microtasks();
		}
		expect(await run).toEqual(
			[0, 10, 2, 30, 40, 50, 60].map((value) => ({ status: 'fulfilled', value })),
		);
		expect(most).toBe(3);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	it('reports each failure at its own index and goes on, unless told to stop', async () => {
		const outcomes = await runLimited(
			4,
			2,
			async (index) => {
				if (index % 2 === 1) throw new Error(`no ${index}`);
				return index;
			},
			false,
		);
		expect(outcomes.map((outcome) => outcome.status)).toEqual([
			'fulfilled',
			'rejected',
			'fulfilled',
			'rejected',
		]);
		expect((outcomes[3] as { reason: Error }).reason.message).toBe('no 3');
	});

	it('with stopOnFailure starts nothing after a failure, but awaits what is running', async () => {
		const slow = deferred<string>();
		const started: number[] = [];
		const run = runLimited(
			6,
			2,
			async (index) => {
				started.push(index);
				if (index === 0) return await slow.promise;
				throw new Error('fails at once');
			},
			true,
		);
		await microtasks();
		let settled = false;
		void run.then(() => (settled = true));
		await microtasks();
		expect(settled).toBe(false);
		slow.resolve('late');
		const outcomes = await run;
		expect(started).toEqual([0, 1]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual([
			'fulfilled',
			'rejected',
			'skipped',
			'skipped',
			'skipped',
			'skipped',
		]);
	});

	it('handles no tasks, a limit above the count, and limit 1 (sequential)', async () => {
		expect(await runLimited(0, 5, async () => 1, true)).toEqual([]);
		const order: string[] = [];
		await runLimited(
			3,
			1,
			async (index) => {
				order.push(`start ${index}`);
				await microtasks();
				order.push(`end ${index}`);
			},
			false,
		);
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
		expect((await runLimited(2, 50, async (index) => index, false)).length).toBe(2);
	});
});
