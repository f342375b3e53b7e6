import type { INodeParameters } from 'n8n-workflow';

import { AffilBoxApi } from '../../credentials/AffilBoxApi.credentials';
import { AffilBox } from '../../nodes/AffilBox/AffilBox.node';
import { runNode } from '../support/harness/runWorkflow';
import {
	runAffilBox,
	sandboxCredentials,
	useAffilBoxSandbox,
	type AffilBoxSandbox,
} from '../support/workflows/affilBoxWorkflow';

/**
 * The AffilBox node as n8n hands it to an AI agent: the same node under the type name n8n gives
 * its tool variant. A model sees only an error's message, so there the message carries the hint.
 */
const TOOL_TYPE = 'n8n-nodes-affilbox.affilBoxTool';

const sandbox = useAffilBoxSandbox();

async function runAsTool(sb: AffilBoxSandbox, parameters: INodeParameters) {
	return await runNode({
		nodeTypes: { [TOOL_TYPE]: new AffilBox() },
		credentialTypes: [new AffilBoxApi()],
		credentials: { affilBoxApi: sandboxCredentials(sb) },
		node: { type: TOOL_TYPE, parameters },
	});
}

const badBonus = {
	resource: 'bonus',
	operation: 'add',
	partnerId: 'jdvorak',
	text: 'Top',
	value: '={{ "twelve" }}',
};

describe('AffilBox called as an AI tool', () => {
	it('a bad amount: the message itself says how to write it; nothing is sent', async () => {
		const result = await runAsTool(sandbox(), badBonus);
		expect(result.error?.message).toBe(
			'Amount must be a number, got "twelve". Use digits with an optional decimal part, e.g. 630 or 12.50 (12,50 works too).',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('as a normal node the message stays short and the hint stays in the description', async () => {
		const result = await runAffilBox(sandbox(), badBonus);
		expect(result.error?.message).toBe('Amount must be a number, got "twelve"');
		expect((result.error as { description?: string }).description).toMatch(/^Use digits/);
	});

	it("an unknown transaction ID: AffilBox's answer, then what a Conversion ID is", async () => {
		const result = await runAsTool(sandbox(), {
			resource: 'conversion',
			operation: 'confirm',
			transactionId: { __rl: true, mode: 'id', value: 'NO-SUCH-ORDER' },
			decision: 'approve',
		});
		expect(result.error?.message).toBe(
			"AffilBox error 404: Conversion not found: NO-SUCH-ORDER. Method ConfirmConversion failed. Check: Transaction ID must be the one your shop sent with the conversion (a conversion's transactionId, e.g. an order number or customer e-mail), not AffilBox's internal id; if that transaction ID exists in several campaigns, also give the campaign.",
		);
	});

	it('a decision other than approve or reject is refused, never read as a rejection', async () => {
		const result = await runAsTool(sandbox(), {
			resource: 'conversion',
			operation: 'confirm',
			transactionId: { __rl: true, mode: 'id', value: 'OBJ-2025-0002' },
			decision: '={{ "maybe" }}',
		});
		expect(result.error?.message).toBe(
			'Decision must be one of "approve", "reject", got "maybe". Check the field "Decision". Nothing was sent.',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('a decision in capitals is still understood', async () => {
		const result = await runAsTool(sandbox(), {
			resource: 'conversion',
			operation: 'confirm',
			transactionId: { __rl: true, mode: 'id', value: 'OBJ-2025-0002' },
			decision: '={{ "Reject" }}',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.state).toBe('rejected');
	});

	it('an unknown state is refused with the states AffilBox knows', async () => {
		const result = await runAsTool(sandbox(), {
			resource: 'conversion',
			operation: 'getMany',
			returnAll: true,
			filters: { state: '={{ "approved" }}' },
		});
		expect(result.error?.message).toBe(
			'State must be one of Authorized ("authorized"), Invoiced ("invoiced"), Rejected ("rejection"), Waiting ("waiting"), got "approved". A rejected conversion has the state "rejection".',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
