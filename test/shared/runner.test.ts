import type { IDataObject, IExecuteFunctions, INode, INodeParameters } from 'n8n-workflow';

import { DEFAULT_CALL_SETTINGS } from '../../nodes/shared/callOptions';
import { executionOf, holdsExpression } from '../../nodes/shared/runner';

/** A context whose node holds `saved` and whose items read `perItem(i)`; it counts reads and copies. */
function contextOf(saved: INodeParameters, perItem: (itemIndex: number) => IDataObject) {
	const reads: string[] = [];
	let copies = 0;
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: 'test',
		typeVersion: 3,
		position: [0, 0],
		parameters: saved,
	};
	const context = {
		getNode: () => {
			copies += 1;
			return node;
		},
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			reads.push(`${name}@${itemIndex}`);
			return perItem(itemIndex)[name] ?? fallback;
		},
	} as unknown as IExecuteFunctions;
	return { context, reads, copies: () => copies };
}

describe('holdsExpression', () => {
	it('finds an expression anywhere in a saved value', () => {
		expect(holdsExpression('={{ $json.a }}')).toBe(true);
		expect(holdsExpression({ timeout: 5, nested: { value: '={{ 1 }}' } })).toBe(true);
		expect(holdsExpression([1, '=x'])).toBe(true);
	});

	it('plain values hold none', () => {
		expect(holdsExpression('a=b')).toBe(false);
		expect(holdsExpression({ includeRawXml: true, timeout: 5 })).toBe(false);
		expect(holdsExpression(undefined)).toBe(false);
		expect(holdsExpression(null)).toBe(false);
	});
});

describe('executionOf', () => {
	it('copies the node once per execution', () => {
		const { context, copies } = contextOf({}, () => ({}));
		const execution = executionOf(context);
		execution.getNode();
		execution.getNode();
		expect(execution.getNode().typeVersion).toBe(3);
		expect(copies()).toBe(1);
	});

	it('reads a saved parameter without an expression once, for every item', () => {
		const { context, reads } = contextOf({ options: { includeRawXml: true } }, () => ({
			options: { includeRawXml: true },
		}));
		const execution = executionOf(context);
		for (const i of [0, 1, 2]) expect(execution.options(i)).toEqual({ includeRawXml: true });
		expect(reads).toEqual(['options@0']);
	});

	it('reads a parameter with an expression per item', () => {
		const values = [{ timeout: 1 }, { timeout: 2 }];
		const { context, reads } = contextOf({ options: { timeout: '={{ $json.t }}' } }, (i) => ({
			options: values[i],
		}));
		const execution = executionOf(context);
		expect(execution.callSettings(0).timeoutMs).toBe(1000);
		expect(execution.callSettings(1).timeoutMs).toBe(2000);
		expect(reads).toEqual(['options@0', 'options@1']);
	});

	it('reads a parameter the node does not hold per item (its value may come from elsewhere)', () => {
		const { context, reads } = contextOf({}, (i) => ({ simplify: i === 1 }));
		const execution = executionOf(context);
		expect([0, 1].map((i) => execution.parameter('simplify', i, false))).toEqual([false, true]);
		expect(reads).toEqual(['simplify@0', 'simplify@1']);
	});

	it('call settings: the same for every item when saved plainly; a bad value fails every item', () => {
		const plain = executionOf(contextOf({ options: {} }, () => ({ options: {} })).context);
		expect(plain.callSettings(0)).toEqual(DEFAULT_CALL_SETTINGS);
		expect(plain.callSettings(5)).toBe(plain.callSettings(0));

		const bad = executionOf(
			contextOf({ options: { maxRetries: -1 } }, () => ({ options: { maxRetries: -1 } })).context,
		);
		expect(() => bad.callSettings(0)).toThrow('Max Retries');
		expect(() => bad.callSettings(1)).toThrow('Max Retries');
	});
});
