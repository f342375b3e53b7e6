// @ts-check
'use strict';

/**
 * `npm start`: both sandboxes and a real n8n with this package installed, sandbox credentials and
 * the example workflows ready, so the nodes can be tried in the editor without any API key.
 * The first start installs n8n into a cache (a few minutes); later starts take seconds.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createInstance } = require('./n8n/instance');
const { ensureN8n } = require('./n8n/install');
const { packPackage, startSandbox, ROOT } = require('./processes');

const PORT = Number(process.env.N8N_PORT ?? 5678);
const AFFILBOX_PORT = process.env.AFFILBOX_SANDBOX_PORT ?? '8081';
const AFFELIOS_PORT = process.env.AFFELIOS_SANDBOX_PORT ?? '8082';
const PAYOUT_DIR = '/tmp/n8n-nodes-affiliate/payouts';
const OWNER = {
	email: 'marketer@example.com',
	firstName: 'Demo',
	lastName: 'Marketer',
	password: 'Affiliate-demo-1',
};

/** @param {string} line */
const say = (line) => process.stdout.write(`${line}\n`);

/** @type {Array<{ stop: () => void }>} */
const children = [];
function stopAll(code = 0) {
	for (const child of children) child.stop();
	process.exit(code);
}

/** A local owner account, so the editor opens straight to the login (n8n asks for one on first use). @param {string} base */
async function createOwner(base) {
	const settings =
		/** @type {{ data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } }} */ (
			await (await fetch(`${base}/rest/settings`)).json()
		);
	if (settings?.data?.userManagement?.showSetupOnFirstLoad !== true) return; // set up by an earlier start
	const response = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok) throw new Error(`owner setup failed: HTTP ${response.status}`);
}

async function main() {
	const started = Date.now();
	say('[1/5] n8n runtime');
	const runtime = ensureN8n({ log: (line) => say(`      ${line}`) });

	say(`[2/5] sandboxes: AffilBox on ${AFFILBOX_PORT}, Affelios on ${AFFELIOS_PORT}`);
	process.on('SIGINT', () => stopAll());
	process.on('SIGTERM', () => stopAll());
	const affilbox = await startSandbox('affilbox', { port: AFFILBOX_PORT });
	children.push(affilbox);
	const affelios = await startSandbox('affelios', { port: AFFELIOS_PORT });
	children.push(affelios);

	say('[3/5] installing the built package into n8n');
	const home = path.join(
		process.env.N8N_NODES_AFFILIATE_CACHE ??
			path.join(os.homedir(), '.cache', 'n8n-nodes-affiliate'),
		'start',
	);
	fs.mkdirSync(home, { recursive: true });
	fs.mkdirSync(PAYOUT_DIR, { recursive: true });
	const tarball = packPackage(home);
	const n8n = createInstance({
		runtime,
		userFolder: path.join(home, 'user'),
		port: PORT,
		brokerPort: PORT + 1,
		extraEnv: {
			N8N_RESTRICT_FILE_ACCESS_TO: PAYOUT_DIR,
			N8N_LOG_OUTPUT: 'console',
			N8N_LOG_LEVEL: 'warn',
		},
	});
	n8n.installPackage(tarball);

	say('[4/5] sandbox credentials and example workflows');
	n8n.importCredentials([
		{
			id: 'affilboxSandbox',
			name: 'AffilBox sandbox',
			type: 'affilBoxApi',
			data: { apiUrl: affilbox.url, apiKey: 'sandbox-key', timeZone: 'Europe/Prague' },
		},
		{
			id: 'affeliosSandbox',
			name: 'Affelios sandbox',
			type: 'affeliosApi',
			data: { apiKey: 'affelios-sandbox-key', baseUrl: affelios.url, authorizationHeader: 'none' },
		},
	]);
	const imported = path.join(home, 'user', '.examples-imported');
	if (!fs.existsSync(imported)) {
		// Only once: later starts keep whatever was changed in the editor.
		for (const file of fs
			.readdirSync(path.join(ROOT, 'examples'))
			.filter((name) => name.endsWith('.json'))) {
			const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
			n8n.importWorkflow(workflow);
			n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
		}
		fs.writeFileSync(imported, new Date().toISOString());
	}

	say('[5/5] starting n8n');
	const server = await n8n.start();
	children.push({ stop: () => server.kill() });
	const base = `http://localhost:${PORT}`;
	await createOwner(base);
	say(`
n8n is ready at ${base}  (${Math.round((Date.now() - started) / 1000)} s)
  log in:    ${OWNER.email} / ${OWNER.password}   (local only)
  workflows: the three examples, active; credentials "AffilBox sandbox" and "Affelios sandbox"
  try:       curl -X POST ${base}/webhook/payment-succeeded -H 'Content-Type: application/json' -d '{"orderId":"OBJ-2025-0002","provider":"card"}'
             payout CSV of example 2: ${PAYOUT_DIR}/affiliate-payouts.csv
Ctrl-C stops n8n and both sandboxes.`);
	server.once('exit', (code) => {
		say(`n8n exited (${code}); stopping the sandboxes.`);
		stopAll();
	});
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	stopAll(1);
});
