// @ts-check
'use strict';

/**
 * Takes the picture of an example workflow (docs/) in the n8n editor, from a running `npm start`.
 * Uses the system's Chromium (Debian package `chromium`) headless; nothing is downloaded.
 *   node scripts/screenshot.js [workflowId] [output.png]
 */
const path = require('node:path');
const { launchChromium } = require('../test/e2e/editor/session');
const { OWNER } = require('../test/e2e/n8n/owner');

const BASE = `http://localhost:${process.env.N8N_PORT ?? 5678}`;
const WORKFLOW = process.argv[2] ?? 'exInvoicedPayout2';
const OUTPUT = process.argv[3] ?? path.join(__dirname, '..', 'docs', 'n8n-editor-example-2.png');

async function main() {
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 760 },
			deviceScaleFactor: 1,
		});
		// The same local owner `npm start` creates.
		const login = await context.request.post(`${BASE}/rest/login`, {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (!login.ok()) throw new Error(`login failed: HTTP ${login.status()}`);
		const page = await context.newPage();
		await page.goto(`${BASE}/workflow/${WORKFLOW}`, { waitUntil: 'networkidle' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		// n8n opens a "Production Checklist" over published workflows: close it, it would hide the trigger.
		const checklist = page.getByText('Production Checklist');
		if (await checklist.isVisible()) await page.mouse.click(900, 620); // an empty spot of the canvas
		await page.keyboard.press('Escape');
		// Let the canvas fit and settle before the picture.
		await page.keyboard.press('1');
		await page.waitForTimeout(1500);
		await page.screenshot({ path: OUTPUT });
		process.stdout.write(`saved ${OUTPUT}\n`);
	} finally {
		await browser.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
