import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { chooseState, type Sequenced, type StateCopy } from './stateChoice';

/** The copy's key in the workflow's global static data; node names are unique in a workflow. */
const COPY_PREFIX = 'affilboxTriggerState:';

function isCopy(value: unknown): value is StateCopy<Sequenced> {
	return typeof value === 'object' && value !== null && 'state' in value;
}

/**
 * The `fired` argument of TriggerStateStore.write: each key fired for, with its entry in `seen`
 * (what the check went on from; undefined for a baseline) before the check, or null.
 */
export function entriesBefore(
	keys: Iterable<string>,
	seen: Record<string, number> | undefined,
): Record<string, number | null> {
	const before: Record<string, number | null> = {};
	for (const key of keys) {
		before[key] =
			seen !== undefined && Object.prototype.hasOwnProperty.call(seen, key) ? seen[key] : null;
	}
	return before;
}

/**
 * Where an AffilBox trigger keeps its state: twice, because n8n saves each place at other moments
 * (read in n8n 2.41.1 and measured there):
 * - the node's static data, which n8n keeps as the poll's cursor. With default settings it is part
 *   of the workflow's static data (keyed by the node's name); with durable poll cursors
 *   (N8N_POLLER_DURABLE_CURSORS_ENABLED) a row of its own (keyed by the node's id), committed
 *   together with the execution a check starts, and by a scheduled check that fires nothing, but
 *   **not** by the check at activation when that fires nothing;
 * - a copy in the workflow's global static data, which n8n saves after every activation and with
 *   every check that fires (before it makes the execution), in either mode.
 * Which one a check goes on from is chooseState's (stateChoice.ts) decision. Each write carries
 * `n`, one more than the newest it read, and whether it fired; the copy also the node's id, which
 * write of the node's state its check read, and the entries it fired for as they were before.
 *
 * This class reads and writes both, through `parse` (which knows the trigger's formats).
 */
export class TriggerStateStore<S extends Sequenced> {
	private readonly node: S | undefined;
	private readonly copy: StateCopy<S> | undefined;

	constructor(
		private readonly context: IPollFunctions,
		parse: (value: unknown) => S | undefined,
	) {
		this.node = parse(context.getWorkflowStaticData('node').state);
		const copy = this.ownCopy();
		const state = copy === undefined ? undefined : parse(copy.state);
		this.copy = state === undefined ? undefined : { ...copy, state };
	}

	/** The state to go on from for these settings; undefined: start over (a baseline). */
	read(config: string): S | undefined {
		const { id, name } = this.context.getNode();
		return chooseState(this.node, this.copy, config, { id, name });
	}

	/**
	 * Stores a check's new state in both places. `fired`: each entry the check fired for, with its
	 * value before the check (null: it had none); empty when the check fires nothing.
	 */
	write(state: S, fired: Record<string, number | null>): void {
		const read = this.node?.n ?? 0;
		const n = Math.max(read, this.copy?.state.n ?? 0) + 1;
		const stamped = { ...state, n, fired: Object.keys(fired).length > 0 };
		this.context.getWorkflowStaticData('node').state = stamped;
		const copies = this.copies();
		const { id: nodeId, name } = this.context.getNode();
		// A renamed trigger keeps one copy: the one under its old name goes.
		for (const key of this.copyKeysOf(nodeId)) delete copies[key];
		const copy: StateCopy<S> = { state: stamped, nodeId, name, read, undo: fired };
		copies[this.copyKey()] = copy as unknown as IDataObject;
	}

	/** The copy under this node's name, else one written under another name by this node (renamed). */
	private ownCopy(): StateCopy<Sequenced> | undefined {
		const copies = this.copies();
		const own = copies[this.copyKey()];
		if (isCopy(own)) return own;
		const [renamed] = this.copyKeysOf(this.context.getNode().id);
		return renamed === undefined ? undefined : (copies[renamed] as unknown as StateCopy<Sequenced>);
	}

	/** Copies under other names written by the node with this id. */
	private copyKeysOf(nodeId: string | undefined): string[] {
		if (nodeId === undefined) return [];
		const own = this.copyKey();
		return Object.entries(this.copies())
			.filter(
				([key, value]) =>
					key !== own && key.startsWith(COPY_PREFIX) && isCopy(value) && value.nodeId === nodeId,
			)
			.map(([key]) => key);
	}

	private copies(): IDataObject {
		return this.context.getWorkflowStaticData('global');
	}

	private copyKey(): string {
		return `${COPY_PREFIX}${this.context.getNode().name}`;
	}
}
