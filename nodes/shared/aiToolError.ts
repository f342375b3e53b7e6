import type { INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * n8n offers a node with `usableAsTool` to AI agents as a variant whose type name ends in `Tool`
 * (`n8n-nodes-affilbox.affilBoxTool`); that is the only sign a node gets that a model called it.
 */
export function runsAsAiTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

/**
 * n8n's AI Agent hands a failed tool call back to the model as the error's message only; the
 * description, which says how to correct the value, would be lost. So when the node runs as a
 * tool, the description is added to the message (once). The editor shows errors of the normal
 * node as before: message as the title, description below.
 */
export function withHintForModel<E extends NodeApiError | NodeOperationError>(
	node: INode,
	error: E,
): E {
	const hint = error.description?.trim();
	if (!runsAsAiTool(node) || !hint || error.message.includes(hint)) return error;
	const lead = error.message.trimEnd();
	error.message = `${lead}${/[.!?]$/.test(lead) ? '' : '.'} ${hint}`;
	return error;
}
