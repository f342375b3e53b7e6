// @ts-check
'use strict';

/**
 * n8n-nodes-affelios installed alone in a fresh n8n (nothing of AffilBox), the way n8n installs a
 * community package: n8n registers its node and runs it headlessly (`n8n execute`, no `n8n start`)
 * against the Affelios sandbox. n8n-nodes-affilbox alone: largeProgramme.e2e.test.js.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createInstance } = require('./n8n/instance');
const { ensureN8n } = require('./n8n/install');
const { checkAffeliosNode, communityNodeTypes } = require('./n8n/nodeRuns');
const { AFFELIOS_KEY, affeliosSandboxCredential } = require('./n8n/sandboxStack');
const { freePort, packPackages, startSandbox } = require('./processes');

/** @type {ReturnType<typeof createInstance>} */ let n8n;
/** @type {Awaited<ReturnType<typeof startSandbox>>} */ let affelios;
/** @type {string} */ let work;

beforeAll(async () => {
	const runtime = await ensureN8n();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affelios-alone-'));
	affelios = await startSandbox('affelios', { args: ['--key', AFFELIOS_KEY] });
	n8n = createInstance({
		runtime,
		userFolder: path.join(work, 'n8n'),
		port: await freePort(),
		brokerPort: await freePort(),
	});
	n8n.installPackages(packPackages(work, ['n8n-nodes-affelios']));
	await n8n.importCredentials([affeliosSandboxCredential(affelios.url)]);
}, 900_000);

afterAll(async () => {
	await affelios?.stop();
	if (!process.env.E2E_KEEP && work) fs.rmSync(work, { recursive: true, force: true });
});

describe('n8n-nodes-affelios installed alone', () => {
	it('n8n registers its node and nothing of AffilBox', async () => {
		expect(communityNodeTypes(await n8n.loadedNodeTypes())).toEqual([
			'n8n-nodes-affelios.affelios',
		]);
	});

	it('runs the Affelios node (n8n execute): a customer and its transaction, read back by a Custom API Call', async () => {
		await checkAffeliosNode(n8n, {
			affeliosApi: { id: 'affeliosSandbox', name: 'Affelios sandbox' },
		});
	});
});
