import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunNodeResult } from './runWorkflow';

/** One way for a run to fail, for a leak test: what differs from the file's standard run. */
export interface FailurePath {
	name: string;
	parameters?: INodeParameters;
	/** Injected into the sandbox for the next request. */
	fault?: Record<string, unknown>;
	credentials?: Record<string, string>;
	continueOnFail?: boolean;
	inputItems?: IDataObject[];
}

/** Throws, naming `where`, when a secret shows in `text`. */
export type SecretSearch = (text: string, where: string) => void;

/**
 * A search for a secret in every form it could be printed in (raw and as each encoding shows it),
 * and optionally for a distinctive piece of it, so a cut-off copy is found too.
 */
export function secretSearch(forms: string[], fragment?: string): SecretSearch {
	return (text, where) => {
		for (const form of forms) {
			if (text.includes(form)) throw new Error(`the API key appears in ${where}`);
		}
		if (fragment !== undefined && text.includes(fragment)) {
			throw new Error(`part of the API key appears in ${where}`);
		}
	};
}

/**
 * Every line written to the console while this file's tests run, for a leak search (the console
 * stays quiet meanwhile). Call at the top of the file.
 */
export function captureConsole(): string[] {
	const lines: string[] = [];
	beforeAll(() => {
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				lines.push(args.map(String).join(' '));
			});
		}
	});
	afterAll(() => jest.restoreAllMocks());
	return lines;
}

/**
 * The run failed (as a whole, or an item under Continue On Fail), and the secret shows nowhere a
 * user could see it: the error, the output items, the execution data, the console.
 */
export function expectFailedWithoutSecret(
	result: RunNodeResult,
	search: SecretSearch,
	consoleLines: string[],
): void {
	const failed =
		result.error !== undefined || result.items.some((item) => item.json.error !== undefined);
	expect(failed).toBe(true);
	if (result.error) {
		search(result.error.message, 'the error message');
		search(
			String((result.error as { description?: string }).description ?? ''),
			'the error description',
		);
		search(JSON.stringify(result.error), 'the serialised error');
	}
	search(JSON.stringify(result.items), 'the output items');
	search(JSON.stringify(result.run), 'the execution data');
	search(consoleLines.join('\n'), 'the console output');
}
