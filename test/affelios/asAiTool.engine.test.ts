import { AffeliosApi } from '../../credentials/AffeliosApi.credentials';
import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { runNode } from '../support/harness/runWorkflow';
import { runAffelios, sandboxCredentials, useAffeliosSandbox } from '../support/workflows/affeliosWorkflow';

/** The Affelios node under the type name n8n gives its AI-tool variant (see the AffilBox twin). */
const TOOL_TYPE = 'n8n-nodes-affelios.affeliosTool';

const sandbox = useAffeliosSandbox();

const getCustomer = { resource: 'customer', operation: 'get', customerId: 'CRM-1' };

describe('Affelios called as an AI tool', () => {
	it('a 404 for an External ID: the message says to use the Affelios ID', async () => {
		const result = await runNode({
			nodeTypes: { [TOOL_TYPE]: new Affelios() },
			credentialTypes: [new AffeliosApi()],
			credentials: { affeliosApi: sandboxCredentials(sandbox()) },
			node: { type: TOOL_TYPE, parameters: getCustomer },
		});
		expect(result.error?.message).toMatch(
			/^Affelios found nothing here \(HTTP 404\): .*\. No record with this ID: use Affelios' own ID \(the id returned by Create or Get\), not your External ID\./,
		);
	});

	it('as a normal node the same error keeps its hint in the description', async () => {
		const result = await runAffelios(sandbox(), getCustomer);
		expect(result.error?.message).toMatch(/^Affelios found nothing here \(HTTP 404\)/);
		expect(result.error?.message).not.toMatch(/External ID/);
		expect((result.error as { description?: string }).description).toMatch(/not your External ID/);
	});
});
