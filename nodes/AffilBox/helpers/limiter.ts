export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `task(0) … task(count − 1)`, at most `limit` at a time, starting them in index order.
 * Results come back by index, whatever order the tasks finish in. With `stopOnError`, no task
 * starts after one has failed (those already running are awaited, never abandoned); the ones never
 * started stay undefined.
 */
export async function runLimited<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnError = false,
): Promise<Array<Settled<T> | undefined>> {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new RangeError(`runLimited: limit must be a whole number ≥ 1, got ${limit}`);
	}
	const results: Array<Settled<T> | undefined> = new Array<Settled<T> | undefined>(count).fill(
		undefined,
	);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
	return results;
}
