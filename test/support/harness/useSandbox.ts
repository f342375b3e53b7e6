/** What a sandbox must offer to be shared by the tests of one file. */
export interface ResettableSandbox {
	reset(): void;
	close(): Promise<void>;
}

/**
 * One sandbox per test file, back to its seed before every test: starts it in `beforeAll`, resets
 * it in `beforeEach`, closes it in `afterAll`. Call at the top of a file or `describe`; the getter
 * it returns throws when used outside a test.
 */
export function useSandbox<S extends ResettableSandbox>(start: () => Promise<S>): () => S {
	let sandbox: S | undefined;
	beforeAll(async () => {
		sandbox = await start();
	});
	beforeEach(() => sandbox?.reset());
	afterAll(async () => await sandbox?.close());
	return () => {
		if (!sandbox) throw new Error('sandbox not started');
		return sandbox;
	};
}
