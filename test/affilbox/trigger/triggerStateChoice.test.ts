import {
	chooseState,
	type Sequenced,
	type StateCopy,
} from '../../../nodes/AffilBox/trigger/stateChoice';

const CONFIG = 'cfg';
const NODE = { id: 'node-1', name: 'New Conversions' };

function state(n: number | undefined, seen: Record<string, number> = {}, fired = false): Sequenced {
	return { v: 2, config: CONFIG, seen, n, fired };
}

function copy(
	of: Sequenced,
	read: number,
	more: Partial<StateCopy<Sequenced>> = {},
): StateCopy<Sequenced> {
	return { state: of, nodeId: NODE.id, name: NODE.name, read, undo: {}, ...more };
}

describe('chooseState: which of the two stored states a check goes on from', () => {
	it("the node's own state when the copy is not newer (default n8n saves both together; durable cursors commit the node's alone after an empty scheduled check)", () => {
		const node = state(5, { a: 1 });
		expect(chooseState(node, copy(state(5, { a: 1 }), 4), CONFIG, NODE)).toBe(node);
		expect(chooseState(node, copy(state(3), 2), CONFIG, NODE)).toBe(node);
		expect(chooseState(node, undefined, CONFIG, NODE)).toBe(node);
	});

	it("the copy when n8n dropped the node's write (the check at activation that fired nothing, with durable cursors)", () => {
		const newer = state(6, { a: 1 });
		expect(chooseState(state(5), copy(newer, 5), CONFIG, NODE)).toBe(newer);
		expect(chooseState(undefined, copy(state(1), 0), CONFIG, NODE)).toEqual(state(1));
	});

	it('a newer copy whose check fired while the node still holds what that check read: its execution was never made, so what it fired is owed again', () => {
		const fired = copy(state(6, { a: 33, b: 17, c: 48 }, true), 5, { undo: { a: 32, b: null } });
		expect(chooseState(state(5, { a: 32, c: 48 }), fired, CONFIG, NODE)).toEqual({
			...state(6, { a: 32, c: 48 }),
			fired: false,
		});
		// The node's own write came later (committed with that execution): not owed.
		expect(chooseState(state(6, { a: 33, b: 17, c: 48 }), fired, CONFIG, NODE)).toEqual(
			state(6, { a: 33, b: 17, c: 48 }),
		);
	});

	it('a copy written under another node id: n8n made the cursor anew (empty, or from old static data), the copy goes on', () => {
		const latest = state(9, { a: 1, b: 2 }, true);
		const remade = copy(latest, 8, { nodeId: 'node-0', undo: { b: null } });
		expect(chooseState(undefined, remade, CONFIG, NODE)).toBe(latest);
		expect(chooseState(state(2, { a: 1 }), remade, CONFIG, NODE)).toBe(latest);
	});

	it('a renamed node without a state of its own (n8n keeps it under the name) goes on from the copy; with one, as usual', () => {
		const latest = state(4, { a: 1 }, true);
		const renamed = copy(latest, 0, { name: 'Old Name', undo: { a: null } });
		expect(chooseState(undefined, renamed, CONFIG, NODE)).toBe(latest);
		expect(chooseState(state(4, { a: 1 }), renamed, CONFIG, NODE)).toEqual(state(4, { a: 1 }));
	});

	it('a chosen state of other settings, or none at all, starts over', () => {
		const other = { ...state(7), config: 'other' };
		expect(chooseState(state(3), copy(other, 3), CONFIG, NODE)).toBeUndefined();
		expect(chooseState(other, undefined, CONFIG, NODE)).toBeUndefined();
		expect(chooseState(undefined, undefined, CONFIG, NODE)).toBeUndefined();
	});

	it('states written before the copy existed read as write 0', () => {
		const old = { v: 2, config: CONFIG, seen: { a: 1 } } as Sequenced;
		expect(chooseState(old, undefined, CONFIG, NODE)).toBe(old);
		expect(chooseState(old, copy(state(1, { a: 1 }), 0), CONFIG, NODE)).toEqual(state(1, { a: 1 }));
	});
});
