import { runLimited } from '../../../nodes/Affelios/helpers/limiter';
import { serialByKey } from '../../../nodes/Affelios/helpers/serialByKey';

/** A promise the test settles by hand, to control the order tasks finish in. */
function deferred<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (reason: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** Lets every promise chain that can move on do so (a few microtask turns). */
const tick = async () => {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
};

describe('runLimited', () => {
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
		await tick();
		expect(started).toEqual([0, 1, 2]);
		// Finish out of order: the freed slots take the next indexes.
		gates[2].resolve(2);
		await tick();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const index of [6, 5, 4, 3, 1, 0]) {
			gates[index].resolve(index * 10);
			await tick();
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
		await tick();
		let settled = false;
		void run.then(() => (settled = true));
		await tick();
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
				await tick();
				order.push(`end ${index}`);
			},
			false,
		);
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
		expect((await runLimited(2, 50, async (index) => index, false)).length).toBe(2);
	});
});

describe('serialByKey', () => {
	it('runs tasks with the same key one after another, in order; other keys in parallel', async () => {
		const oneAtATime = serialByKey();
		const log: string[] = [];
		const task = (name: string, gate: Promise<void>) => async () => {
			log.push(`start ${name}`);
			await gate;
			log.push(`end ${name}`);
			return name;
		};
		const a1 = deferred();
		const a2 = deferred();
		const b1 = deferred();
		const results = Promise.all([
			oneAtATime('a', task('a1', a1.promise)),
			oneAtATime('a', task('a2', a2.promise)),
			oneAtATime('b', task('b1', b1.promise)),
		]);
		await tick();
		expect(log).toEqual(['start a1', 'start b1']);
		a2.resolve();
		b1.resolve();
		await tick();
		expect(log).toEqual(['start a1', 'start b1', 'end b1']);
		a1.resolve();
		expect(await results).toEqual(['a1', 'a2', 'b1']);
		expect(log).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2']);
	});

	it('a failing task does not block the next one of its key', async () => {
		const oneAtATime = serialByKey();
		const first = oneAtATime('k', async () => {
			throw new Error('first failed');
		});
		const second = oneAtATime('k', async () => 'second ran');
		await expect(first).rejects.toThrow('first failed');
		await expect(second).resolves.toBe('second ran');
	});
});
