/** A promise the test settles by hand, to control the order tasks finish in. */
export function deferred<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (reason: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** Lets every promise chain that can move on do so (a few microtask turns; no timer involved). */
export async function microtasks(): Promise<void> {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}
