/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line demo: it prints and waits for Ctrl-C */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { packageNamed } from '../../tools/packages';
import { loadBuiltPackage } from '../../test/support/harness/nodeTypes';
import { runNode } from '../../test/support/harness/runWorkflow';
import { startAffilBoxSandbox } from '../../test/support/sandbox/affilbox';

const NODE_TYPE = 'n8n-nodes-affilbox.affilBox';

/**
 * What a marketer's workflows do, step by step: each step is one AffilBox node (its newest version,
 * as a new node in the editor: Simplify on) run through n8n's engine.
 */
const STEPS: Array<{
	title: string;
	parameters: INodeParameters;
	show: (item: IDataObject) => string;
}> = [
	{
		title: 'Campaign → Get Many',
		parameters: { resource: 'campaign', operation: 'getMany', returnAll: true },
		show: (c) => `#${c.id} ${c.name} (${c.commission} %)`,
	},
	{
		title: 'Partner → Get or Create (new affiliate signs up)',
		parameters: {
			resource: 'partner',
			operation: 'getOrCreate',
			email: 'nova.partnerka@example.com',
		},
		show: (p) => `${p.affilId} <${p.email}> created: ${p.created}`,
	},
	{
		title: 'Conversion → Add (shop order through that affiliate)',
		parameters: {
			resource: 'conversion',
			operation: 'add',
			partnerId: 'nova.partnerka@example.com',
			campaignId: '11',
			conversionId: 'DEMO-ORDER-1',
			value: 0,
			additionalFields: { orderValue: '1 499,00', countValue: true, note: 'Objednávka z e-shopu' },
		},
		show: (c) =>
			`${c.transactionId}: ${c.state}, order ${c.orderValue}, commission ${c.commission} ${c.currency}`,
	},
	{
		title: 'Conversion → Confirm or Reject (payment succeeded)',
		parameters: {
			resource: 'conversion',
			operation: 'confirm',
			conversionId: 'DEMO-ORDER-1',
			decision: 'approve',
		},
		show: (c) => `${c.transactionId}: ${c.state} on ${c.confirmedAt}`,
	},
	{
		title: 'Conversion → Get Many (authorized, ready for payout)',
		parameters: {
			resource: 'conversion',
			operation: 'getMany',
			returnAll: true,
			filters: { state: 'authorized' },
		},
		show: (c) => `${c.transactionId} ${c.affilId}: ${c.commission} ${c.currency}`,
	},
	{
		title: 'Bonus → Add',
		parameters: {
			resource: 'bonus',
			operation: 'add',
			partnerId: 'zofie',
			text: 'Top partnerka měsíce',
			value: '500',
		},
		show: (b) => `${b.affilId}: ${b.value} for "${b.text}"`,
	},
	{
		title: 'Click → Add',
		parameters: {
			resource: 'click',
			operation: 'add',
			partnerId: 'jdvorak',
			campaignId: '12',
			date: new Date().toISOString(),
			count: 42,
		},
		show: (c) => `${c.affilId} campaign ${c.campaignId}: ${c.count} clicks at ${c.date}`,
	},
];

async function main() {
	const port = Number(process.env.AFFILBOX_SANDBOX_PORT ?? 8081);
	const sandbox = await startAffilBoxSandbox({ port });
	const loaded = await loadBuiltPackage(packageNamed('n8n-nodes-affilbox').builtDir);
	process.stdout.write(`AffilBox sandbox: ${sandbox.url} (demo API key: ${sandbox.apiKey})\n`);
	process.stdout.write('Running the built AffilBox node through n8n-core, as n8n would:\n');

	for (const step of STEPS) {
		const result = await runNode({
			nodeTypes: loaded.nodeTypes,
			credentialTypes: loaded.credentialTypes,
			credentials: {
				affilBoxApi: { apiUrl: sandbox.url, apiKey: sandbox.apiKey, timeZone: 'Europe/Prague' },
			},
			node: { type: NODE_TYPE, parameters: step.parameters },
		});
		process.stdout.write(`\n▶ ${step.title}\n`);
		if (result.error) {
			process.stdout.write(`  ✗ ${result.error.message}\n`);
			process.exitCode = 1;
			continue;
		}
		for (const item of result.items) process.stdout.write(`  ${step.show(item.json)}\n`);
	}

	process.stdout.write(
		`\nThe sandbox keeps running at ${sandbox.url}: point an AffilBox credential at it (API key "${sandbox.apiKey}"). Ctrl-C stops it.\n`,
	);
	const stop = async () => {
		await sandbox.close();
		process.exit();
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	if (process.env.DEMO_EXIT === '1') await stop();
}

void main();
