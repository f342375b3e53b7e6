/**
 * Runs `task(0 … count-1)` with at most `limit` running at a time, and reports every outcome at
 * its own index, whatever order they finish in. Tasks start in index order. With `stopOnFailure`,
 * no task starts after one failed (those still running are awaited); the unstarted are `skipped`.
 */
export type Outcome<T> =
	| { status: 'fulfilled'; value: T }
	| { status: 'rejected'; reason: unknown }
	| { status: 'skipped' };

export async function runLimited<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnFailure: boolean,
): Promise<Array<Outcome<T>>> {
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
	const workers = Math.max(1, Math.min(limit, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return outcomes;
}
