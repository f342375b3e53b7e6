import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { AffilBox } from '../../../nodes/AffilBox/AffilBox.node';
import { createAdditionalData } from '../../harness/additionalData';
import { InMemoryCredentialsHelper } from '../../harness/credentialsHelper';
import { NodeTypesRegistry } from '../../harness/nodeTypes';
import { AFFILBOX_NODE_TYPE, sandboxCredentials, useAffilBoxSandbox } from './affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();

/** Opens the campaign dropdown the way the editor does: n8n-core's LoadOptionsContext on the node. */
async function campaignDropdown(credentialOverrides: Record<string, string> = {}) {
	const node: INode = {
		id: 'affilbox',
		name: 'AffilBox',
		type: AFFILBOX_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'conversion', operation: 'add' },
		credentials: { affilBoxApi: { id: '1', name: 'AffilBox sandbox' } },
	};
	const nodeTypes = new NodeTypesRegistry({ [AFFILBOX_NODE_TYPE]: new AffilBox() });
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new InMemoryCredentialsHelper([new AffilBoxApi()], {
		affilBoxApi: sandboxCredentials(sandbox(), credentialOverrides),
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		createAdditionalData({ credentialsHelper, executionId: 'load-options' }),
		'campaignId',
	);
	return await new AffilBox().methods.loadOptions.getCampaigns.call(context);
}

describe('Campaign dropdown', () => {
	it('lists campaigns by name and number, sorted, inactive ones last and marked, sending the number', async () => {
		expect(await campaignDropdown()).toEqual([
			{ name: 'Elektronika "Premium" (13)', value: '13' },
			{ name: 'Knihy & <Hry> pro děti (12)', value: '12' },
			{ name: 'Letní výprodej – obuv (11)', value: '11' },
			{ name: 'Zimní kolekce 2024 (14) · inactive', value: '14' },
		]);
	});

	it('shows the key problem instead of an empty list', async () => {
		await expect(campaignDropdown({ apiKey: 'wrong' })).rejects.toThrow(
			'AffilBox rejected the API key',
		);
	});
});
