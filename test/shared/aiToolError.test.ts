import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runsAsAiTool, withHintForModel } from '../../nodes/shared/aiToolError';

const node = (type: string): INode => ({
	id: '1',
	name: 'AffilBox',
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});
const tool = node('n8n-nodes-affilbox.affilBoxTool');
const plain = node('n8n-nodes-affilbox.affilBox');

describe('withHintForModel', () => {
	it('knows the tool variant by its type name', () => {
		expect(runsAsAiTool(tool)).toBe(true);
		expect(runsAsAiTool(plain)).toBe(false);
		expect(runsAsAiTool(node('n8n-nodes-affilbox.affilBoxTrigger'))).toBe(false);
	});

	it('adds the description to the message of a tool, with a full stop between', () => {
		const error = new NodeOperationError(tool, 'Reason is required', {
			description: 'Say what the bonus is for.',
		});
		expect(withHintForModel(tool, error).message).toBe(
			'Reason is required. Say what the bonus is for.',
		);
	});

	it('does not double a full stop, nor add the hint twice', () => {
		const error = new NodeOperationError(tool, 'Nope.', { description: 'Try again.' });
		withHintForModel(tool, error);
		withHintForModel(tool, error);
		expect(error.message).toBe('Nope. Try again.');
	});

	it('leaves the normal node, and errors without a description, as they are', () => {
		const error = new NodeOperationError(plain, 'Reason is required', { description: 'Hint.' });
		expect(withHintForModel(plain, error).message).toBe('Reason is required');
		const bare = new NodeApiError(
			tool,
			{ message: 'x' },
			{ message: 'AffilBox error 500: down', description: '' },
		);
		expect(withHintForModel(tool, bare).message).toBe('AffilBox error 500: down');
	});
});
