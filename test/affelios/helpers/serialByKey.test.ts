import { serialByKey } from '../../../nodes/Affelios/helpers/operation';
import { deferred, microtasks } from '../../support/deferred';

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
		await microtasks();
		expect(log).toEqual(['start a1', 'start b1']);
		a2.resolve();
		b1.resolve();
		await microtasks();
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
