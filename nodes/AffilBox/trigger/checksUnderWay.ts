import type { IPollFunctions } from 'n8n-workflow';

/**
 * One check of a trigger at a time in this process. n8n may start a check of a trigger while
 * another one of it is still under way (read in n8n 2.41.1):
 * - with durable poll cursors, the scheduler's first occurrence can come while the check n8n runs
 *   at activation (publishing, or the restart that switched durable cursors on) still waits for
 *   AffilBox: the scheduler read the cursor before that check committed anything;
 * - without them, a cron tick comes on time even when the check before it takes longer.
 * Both go on from the state stored before either began, so both would fire the same change. Every
 * poll of a workflow runs in n8n's main process (the leader, with several mains), so this process
 * sees them all.
 *
 * A check that finds another under way does nothing (returns what a check that found nothing
 * returns): the one under way covers everything up to its start, the next check the rest. The check
 * at activation always runs: it is the one that takes a changed trigger's starting point, and n8n
 * reports its outcome as the activation's.
 *
 * Not covered: a check that starts in the short moment after another returned its events and before
 * n8n committed them (n8n gives a trigger no word of its commit).
 */
const underWay = new Map<string, number>();

/** A trigger in this process: its workflow and node. */
export function triggerKey(context: IPollFunctions): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}

/**
 * Runs `check` unless another check of the same trigger is under way in this process and this one
 * is not the check at activation (`atActivation`); then resolves to null without running it.
 */
export async function oneCheckAtATime<T>(
	context: IPollFunctions,
	atActivation: boolean,
	check: () => Promise<T>,
): Promise<T | null> {
	const key = triggerKey(context);
	const running = underWay.get(key) ?? 0;
	if (running > 0 && !atActivation) {
		context.logger.debug(
			`AffilBox trigger "${context.getNode().name}": another check of it is under way; this one is left out`,
			{ workflowId: context.getWorkflow().id, nodeId: context.getNode().id },
		);
		return null;
	}
	underWay.set(key, running + 1);
	try {
		return await check();
	} finally {
		const left = (underWay.get(key) ?? 1) - 1;
		if (left > 0) underWay.set(key, left);
		else underWay.delete(key);
	}
}
