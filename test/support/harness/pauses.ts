import * as workflow from 'n8n-workflow';

/**
 * Records the pauses the nodes make between attempts, in milliseconds, while still making them:
 * the nodes pause with n8n-workflow's `sleep`, which this wraps for the duration of each test.
 * Tests then check how long the node chose to wait instead of timing the run.
 */
export function usePauseRecorder(): () => number[] {
	const pauses: number[] = [];
	const original = Object.getOwnPropertyDescriptor(workflow, 'sleep');
	const realSleep = workflow.sleep;
	const recordingSleep = async (ms: number) => {
		pauses.push(ms);
		return await realSleep(ms);
	};
	beforeEach(() => {
		pauses.length = 0;
		Object.defineProperty(workflow, 'sleep', {
			configurable: true,
			enumerable: true,
			get: () => recordingSleep,
		});
	});
	afterEach(() => {
		if (original) Object.defineProperty(workflow, 'sleep', original);
	});
	return () => [...pauses];
}
