/**
 * What became of one task: its value, its error, or `skipped` when it never started because an
 * earlier one failed (with `stopOnFailure`). The shape of Promise.allSettled, plus `skipped`.
 */
export type Outcome<T> =
	| { status: 'fulfilled'; value: T }
	| { status: 'rejected'; reason: unknown }
	| { status: 'skipped' };

/**
 * Runs `task(0) … task(count − 1)`, at most `limit` at a time, starting them in index order, and
 * reports every outcome at its own index, whatever order they finish in. With `stopOnFailure`, no
 * task starts after one has failed (those already running are awaited, never abandoned).
 */
export async function runLimited<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnFailure = false,
): Promise<Array<Outcome<T>>> {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new RangeError(`runLimited: limit must be a whole number ≥ 1, got ${limit}`);
	}
	const outcomes: Array<Outcome<T>> = Array.from({ length: count }, () => ({
		status: 'skipped',
	}));
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !(stopOnFailure && failed)) {
			const index = next++;
			try {
				outcomes[index] = { status: 'fulfilled', value: await task(index) };
			} catch (reason) {
				outcomes[index] = { status: 'rejected', reason };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
	return outcomes;
}
