// @ts-check
'use strict';

/**
 * Checks the nodes in the real n8n editor and takes the pictures of it in docs/, from a running
 * `npm start` (N8N_PORT as there). Uses the system's Chromium headless, like screenshot.js.
 *   node test/e2e/editorScreenshots.js [outputDir]
 * It checks, and exits 1 when one fails:
 * - the node panel finds AffilBox for "affiliate", "commission", "partner", "payout", "conversion",
 *   and Affelios for "affiliate", and shows AffilBox (node and trigger) as one entry;
 * - adding the optional Campaign (version 2) shows no "is not supported" error;
 * - the Campaign picker lists campaigns with their numbers, inactive ones marked;
 * - Get Many with Simplify outputs numbers.
 * Pictures: docs/n8n-node-panel-search.png, docs/n8n-editor-resource-locator.png,
 * docs/n8n-editor-simplified-output.png. It adds one workflow, "Editor tour", to the instance.
 */
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = `http://localhost:${process.env.N8N_PORT ?? 5678}`;
const OUTPUT = process.argv[2] ?? path.join(__dirname, '..', '..', 'docs');
const AFFILBOX = 'n8n-nodes-affilbox.affilBox';
const CREDENTIALS = { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } };
const WORDS = ['affiliate', 'commission', 'partner', 'payout', 'conversion'];

/** @type {string[]} */
const failures = [];
/** @param {boolean} ok @param {string} what */
function check(ok, what) {
	process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
	if (!ok) failures.push(what);
}

/** A workflow with version-2 nodes: Add Conversion (pickers), Confirm (optional Campaign), Get Many. */
function tourWorkflow() {
	/** @param {string} id @param {string} name @param {number} x @param {Record<string, unknown>} parameters */
	const affilBox = (id, name, x, parameters) => ({
		id,
		name,
		type: AFFILBOX,
		typeVersion: 2,
		position: [x, 0],
		parameters,
		credentials: CREDENTIALS,
	});
	return {
		name: 'Editor tour',
		nodes: [
			{
				id: 'tour-trigger',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			affilBox('tour-get-many', 'Get Many Conversions', 240, {
				operation: 'getMany',
				limit: 5,
				filters: {
					campaignId: {
						__rl: true,
						mode: 'list',
						value: '11',
						cachedResultName: 'Letní výprodej – obuv (11)',
					},
				},
			}),
			affilBox('tour-add', 'Add Conversion', 480, {
				partnerId: {
					__rl: true,
					mode: 'list',
					value: 'zofie',
					cachedResultName: 'Žofie Šťastná · zofie.stastna@example.org · zofie',
				},
				conversionId: 'ORDER-2026-0042',
				value: 120,
			}),
			affilBox('tour-confirm', 'Approve Conversion', 720, { operation: 'confirm' }),
		],
		connections: {
			'When clicking ‘Execute workflow’': {
				main: [[{ node: 'Get Many Conversions', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

/** @param {import('playwright-core').Page} page @param {string} word */
async function searchNodePanel(page, word) {
	const input = page.locator('input[data-test-id="node-creator-search-bar"]');
	await input.fill('');
	await input.fill(word);
	await page.waitForTimeout(600);
	return await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function openNode(page, name) {
	await page.keyboard.press('Escape');
	const close = page.locator('[data-test-id="ndv-close-button"]');
	if (await close.isVisible()) {
		await close.click();
		await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
	}
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
	await page.waitForTimeout(800);
}

async function main() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 820 } });
		const login = await context.request.post(`${BASE}/rest/login`, {
			data: { emailOrLdapLoginId: 'marketer@example.com', password: 'Affiliate-demo-1' },
		});
		if (!login.ok()) throw new Error(`login failed: HTTP ${login.status()}`);
		const created = await context.request.post(`${BASE}/rest/workflows`, { data: tourWorkflow() });
		if (!created.ok())
			throw new Error(`creating the tour workflow failed: HTTP ${created.status()}`);
		const { data } = /** @type {{ data: { id: string } }} */ (await created.json());

		const page = await context.newPage();
		await page.goto(`${BASE}/workflow/${data.id}`, { waitUntil: 'networkidle' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });

		// 1. The node panel.
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await page.waitForSelector('input[data-test-id="node-creator-search-bar"]');
		for (const word of WORDS) {
			const names = await searchNodePanel(page, word);
			check(
				names.includes('AffilBox'),
				`node panel "${word}" finds AffilBox (${names.slice(0, 6).join(', ')})`,
			);
		}
		const affiliate = await searchNodePanel(page, 'affiliate');
		check(affiliate.includes('Affelios'), 'node panel "affiliate" finds Affelios');
		check(
			!affiliate.includes('AffilBox Trigger'),
			'AffilBox and its trigger are one entry in the node panel',
		);
		const description = await page
			.locator('[data-test-id="node-creator-item-description"]')
			.first()
			.innerText();
		process.stdout.write(`     AffilBox entry reads: "${description}"\n`);
		await page.screenshot({ path: path.join(OUTPUT, 'n8n-node-panel-search.png') });

		// 2. The optional Campaign of version 2: no "not supported" error when it is added.
		await openNode(page, 'Approve Conversion');
		await page.locator('[data-test-id="collection-parameter-add"]').first().click();
		await page.getByRole('option', { name: 'Campaign', exact: true }).click();
		await page.waitForTimeout(1500);
		const ndvText = await page.locator('[data-test-id="ndv"]').innerText();
		check(!/is not supported/.test(ndvText), 'adding the optional Campaign shows no error');
		await page.screenshot({ path: '/tmp/editor-optional-campaign.png' });

		// 3. The Campaign picker.
		await openNode(page, 'Add Conversion');
		await page.locator('[data-test-id="rlc-input"]').nth(1).click();
		await page.waitForSelector('[data-test-id="rlc-item"]', { timeout: 30_000 });
		const campaigns = await page.locator('[data-test-id="rlc-item"]').allInnerTexts();
		check(
			campaigns.some((text) => text.includes('(11)')) &&
				campaigns.some((text) => /inactive/.test(text)),
			`Campaign picker shows numbers and marks inactive ones (${campaigns.join(' | ')})`,
		);
		await page.screenshot({ path: path.join(OUTPUT, 'n8n-editor-resource-locator.png') });

		// 4. Simplified output.
		await openNode(page, 'Get Many Conversions');
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		const outputPanel = page.locator('[data-test-id="output-panel"]');
		await outputPanel.getByText('commission').first().waitFor({ timeout: 60_000 });
		// JSON shows every field of an item, and that amounts are numbers.
		await outputPanel.locator('[data-test-id="radio-button-json"]').click();
		await outputPanel.getByText('"createdAt"').first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(4000); // the "Node executed successfully" toast fades

		const output = await outputPanel.innerText();
		check(
			/commission/.test(output) && /createdAt/.test(output),
			'Get Many shows simplified fields',
		);
		await page.screenshot({ path: path.join(OUTPUT, 'n8n-editor-simplified-output.png') });
	} finally {
		await browser.close();
	}
	if (failures.length > 0) {
		process.stderr.write(`${failures.length} check(s) failed\n`);
		process.exit(1);
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
