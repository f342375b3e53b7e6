import type { StoredState } from './storedState';

/** Any trigger's stored state, as far as choosing between its two copies goes (stateStore.ts). */
export type Sequenced = StoredState<number>;

/**
 * The copy of a trigger's state kept in the workflow's global static data, with what a check
 * needs to tell what became of the node's own state since the copy was written.
 */
export interface StateCopy<S extends Sequenced> {
	state: S;
	/** The node's id when it was written: n8n keys the node's durable cursor by it. */
	nodeId?: string;
	/** The node's name when it was written: n8n keys the node's other static data by it. */
	name?: string;
	/** The write number (`n`) of the node's own state the writing check read; 0: none. */
	read?: number;
	/** For each entry the writing check fired for: its value before (null: none). */
	undo?: Record<string, number | null>;
}

/** The copy's state as if its check had fired nothing: what it fired is owed again. */
function withoutFires<S extends Sequenced>(copy: StateCopy<S>): S {
	const seen = { ...copy.state.seen };
	for (const [key, before] of Object.entries(copy.undo ?? {})) {
		if (before === null) delete seen[key];
		else seen[key] = before;
	}
	return { ...copy.state, seen, fired: false };
}

/**
 * The state a check goes on from, of the node's own (`node`, as the trigger's reader understood
 * it) and the copy; undefined, or one whose settings hash is not `config`: start over. In order:
 * - a copy written under another node id: n8n made the node's cursor anew (a node made again
 *   keeps its name, and its cursor starts empty, or from the node's old static data): the copy;
 *   so also where the node was renamed and has no state of its own (without durable cursors n8n
 *   keeps it under the node's name);
 * - a copy newer than the node's state (n8n dropped the node's write, e.g. at activation with
 *   durable cursors, when the check fired nothing): the copy, unless its check fired and the
 *   node's state is still the one that check read: with durable cursors n8n commits the node's
 *   state together with the check's execution, so that execution was never made (n8n saves the
 *   copy first): the copy without its fires, which are owed;
 * - otherwise the node's state.
 */
export function chooseState<S extends Sequenced>(
	node: S | undefined,
	copy: StateCopy<S> | undefined,
	config: string,
	current: { id?: string; name: string },
): S | undefined {
	let chosen = node;
	if (copy !== undefined) {
		const nodeN = node?.n ?? 0;
		const remade =
			copy.nodeId !== undefined && current.id !== undefined && copy.nodeId !== current.id;
		const renamed = copy.name !== undefined && copy.name !== current.name;
		if (remade || (renamed && node === undefined)) chosen = copy.state;
		else if ((copy.state.n ?? 0) > nodeN) {
			const neverRun = copy.state.fired === true && (copy.read ?? 0) === nodeN;
			chosen = neverRun ? withoutFires(copy) : copy.state;
		}
	}
	return chosen?.config === config ? chosen : undefined;
}
