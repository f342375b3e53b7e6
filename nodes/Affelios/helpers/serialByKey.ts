/**
 * Runs tasks that share a key one after the other, in the order they were handed in; tasks with
 * different keys run freely. Keeps parallel updates of the same customer in input order, as a
 * sequential run would apply them (a read-merge-write would otherwise lose a change).
 */
export function serialByKey(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
	const tails = new Map<string, Promise<unknown>>();
	return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
		const previous = tails.get(key) ?? Promise.resolve();
		const run = previous.then(task);
		// The next task waits for this one whether it succeeds or fails.
		const tail = run.then(
			() => undefined,
			() => undefined,
		);
		tails.set(key, tail);
		try {
			return await run;
		} finally {
			if (tails.get(key) === tail) tails.delete(key);
		}
	};
}
