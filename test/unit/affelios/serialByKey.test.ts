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
