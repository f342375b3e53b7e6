// @ts-check
'use strict';

/**
 * The n8n editor in a real browser: Debian's Chromium driven by playwright-core, logged in as the
 * local owner, and the moves a marketer makes in it (a new workflow, the node panel, a node's
 * fields and pickers, its credential). Every wait is on what the page shows, never on a time:
 * the editor's first load can take more than a minute on a busy 2-core machine, so the waits are
 * long and end as soon as the page is there. Callbacks of `page.evaluate` run in the page and reach
 * its globals through an untyped `globalThis` (this project type-checks against Node's library).
 */
const fs = require('node:fs');

const { chromium } = require('playwright-core');

const { OWNER } = require('../n8n/owner');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The longest any one thing the page must show may take on a busy machine (the first editor load). */
const PAGE_TIMEOUT_MS = 180_000;
/**
 * As root Chromium needs --no-sandbox; the background-networking flags keep it from calling
 * Google's services, which this machine's closed network refuses many at a time.
 */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** @param {string} text */
const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Starts the system's Chromium headless. Fails, saying how to install it, when it is missing: a
 * browser test that cannot run must not pass.
 */
async function launchChromium() {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`,
		);
	}
	return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Starts Chromium and logs in through the sign-in page, as a user does.
 * @param {string} base e.g. http://127.0.0.1:5678
 */
async function openEditor(base) {
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		context.setDefaultTimeout(PAGE_TIMEOUT_MS);
		const page = await context.newPage();
		await page.goto(`${base}/signin`);
		// n8n 1.x's sign-in form does not tie its labels to the inputs: the field's name as fallback.
		await page
			.getByLabel(/email/i)
			.or(page.locator('input[name="emailOrLdapLoginId"]'))
			.first()
			.fill(OWNER.email);
		await page.locator('input[type=password]').fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL(/\/home|\/workflow/);
		await page.close();
		return { base, browser, context, close: () => browser.close() };
	} catch (error) {
		await browser.close();
		throw error;
	}
}

/** @typedef {Awaited<ReturnType<typeof openEditor>>} Editor */
/** @typedef {import('playwright-core').Page} Page */

/**
 * A new, empty workflow in a page of its own.
 * @param {Editor} editor
 * @returns {Promise<Page>}
 */
async function newWorkflow(editor) {
	const page = await editor.context.newPage();
	await page.goto(`${editor.base}/workflow/new`);
	await page.locator('[data-test-id="canvas-plus-button"]').waitFor();
	return page;
}

/**
 * Opens the node panel and searches it.
 * @param {Page} page @param {string} words
 * @returns {Promise<string[]>} the names of the entries found
 */
async function searchNodePanel(page, words) {
	const search = page.locator('input[data-test-id="node-creator-search-bar"]');
	if (!(await search.isVisible())) {
		await page
			.locator(
				'[data-test-id="canvas-plus-button"]:visible, [data-test-id="node-creator-plus-button"]:visible',
			)
			.first()
			.click();
	}
	const names = page.locator('[data-test-id="node-creator-item-name"]');
	// From the panel's own list (an earlier search cleared), so that the results always change it.
	if ((await search.inputValue()) !== '') await typedInto(page, search, '');
	await typedInto(page, search, words);
	await drawn(page);
	return await names.allInnerTexts();
}

/**
 * Types `text` into the node panel's search and waits until the list of entries it shows has
 * changed (to what the search found, or to "nothing found").
 * @param {Page} page @param {import('playwright-core').Locator} search @param {string} text
 */
async function typedInto(page, search, text) {
	const names = page.locator('[data-test-id="node-creator-item-name"]');
	const before = (await names.allInnerTexts()).join('\n');
	await search.fill(text);
	// The list changes from what it showed to what the search found (or to "nothing found").
	await page.waitForFunction(
		(shown) =>
			[
				.../** @type {any} */ (globalThis).document.querySelectorAll(
					'[data-test-id="node-creator-item-name"]',
				),
			]
				.map((/** @type {{ innerText: string }} */ name) => name.innerText)
				.join('\n') !== shown,
		before,
	);
}

/**
 * Opens an entry of the node panel (after `searchNodePanel`) and returns its node details: the
 * headings and action names it lists, e.g. ['Triggers (4)', 'On conversion created', …].
 * @param {Page} page @param {string} entry
 */
async function openPanelEntry(page, entry) {
	await page
		.locator('[data-test-id="node-creator-item-name"]', { hasText: exactly(entry) })
		.first()
		.click();
	const details = page.locator('[data-test-id="node-creator"]');
	// An app lists its triggers and actions; a node without any offers "Add to workflow".
	await details
		.getByText(/^(Triggers|Actions) \(\d+\)$/)
		.or(details.getByRole('button', { name: 'Add to workflow' }))
		.first()
		.waitFor();
	return details;
}

/**
 * Adds a node through the node panel as a marketer does: search, entry, then one of its actions or
 * trigger events (an action list the panel shows collapsed is opened first). The node's details
 * view opens; its credential is set to `credential` (the panel picks the newest one).
 * @param {Page} page
 * @param {{ search: string, entry: string, action?: string, credential?: string }} choice
 */
async function addNode(page, choice) {
	await searchNodePanel(page, choice.search);
	const details = await openPanelEntry(page, choice.entry);
	if (choice.action) {
		const action = details.getByText(exactly(choice.action)).first();
		if (!(await action.isVisible())) await details.getByText(/^Actions \(\d+\)$/).click();
		await action.click();
	} else {
		await details.getByRole('button', { name: 'Add to workflow' }).click();
	}
	await page.locator('[data-test-id="ndv"]').waitFor();
	if (choice.credential) await chooseCredential(page, choice.credential);
}

/**
 * Closes the node's details view back to the canvas. n8n 2.x (and 1.x's new details view) has a
 * close button; 1.x's details view (seen in 1.123.81) a "Back to canvas" link instead.
 * @param {Page} page
 */
async function closeNode(page) {
	await page
		.locator('[data-test-id="ndv-close-button"]:visible, [data-test-id="back-to-canvas"]:visible')
		.first()
		.click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

/**
 * Adds the optional field `name` of the details view's first collection (e.g. Additional Fields).
 * n8n 2.x offers them through an "Add Field" button and its menu; n8n 1.x (seen in 1.123.81)
 * through a dropdown of the fields, used only where that button is absent.
 * @param {Page} page @param {string} name
 */
async function addOptionalField(page, name) {
	const ndv = page.locator('[data-test-id="ndv"]');
	const add = ndv.locator('[data-test-id="collection-parameter-add"]');
	if (await add.count()) {
		await add.first().click();
		await page.getByRole('option', { name, exact: true }).click();
		return;
	}
	// The dropdown closes the collection, after the fields already added.
	const field = ndv.locator('.collection-parameter').first().locator('.el-select').last();
	const list = await openDropdown(field);
	await list
		.locator('[data-test-id="collection-parameter-option"]', { hasText: exactly(name) })
		.first()
		.click();
}

/** @param {Page} page @param {string} id the credential's id, e.g. affilboxSandbox */
async function chooseCredential(page, id) {
	const field = page.locator('[data-test-id="node-credentials-select"]');
	const list = await openDropdown(field);
	await list.locator(`[data-test-id="node-credentials-select-item-${id}"]`).click();
	await closed(field, list);
}

/**
 * The credentials the node's credential field offers, by id (its list's items, "create new" left out).
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
async function credentialsOffered(page) {
	const field = page.locator('[data-test-id="node-credentials-select"]');
	const list = await openDropdown(field);
	const prefix = 'node-credentials-select-item-';
	const ids = await list
		.locator(`[data-test-id^="${prefix}"]`)
		.evaluateAll((items) => items.map((item) => String(item.getAttribute('data-test-id'))));
	await page.keyboard.press('Escape');
	await closed(field, list);
	return ids.map((id) => id.slice(prefix.length)).filter((id) => id !== 'new');
}

/** A dropdown field of the node's details view. @param {Page} page @param {string} parameter */
const dropdown = (page, parameter) => page.locator(`[data-test-id="parameter-input-${parameter}"]`);

/**
 * Opens a dropdown's list (a click on an open one would close it) and returns that list: the one
 * its input controls, so that another list still closing is never read.
 * @param {import('playwright-core').Locator} field
 */
async function openDropdown(field) {
	const input = field.locator('input[role="combobox"]').first();
	if ((await input.getAttribute('aria-expanded')) !== 'true') await field.click();
	await field.locator('input[role="combobox"][aria-expanded="true"]').first().waitFor();
	const list = field.page().locator(`[id="${await input.getAttribute('aria-controls')}"]`);
	await list.waitFor();
	return list;
}

/** Waits until a dropdown's list is closed. @param {import('playwright-core').Locator} field @param {import('playwright-core').Locator} list */
async function closed(field, list) {
	await field.locator('input[role="combobox"][aria-expanded="false"]').first().waitFor();
	await list.waitFor({ state: 'hidden' });
}

/**
 * Chooses the item of a dropdown's list that holds `item`.
 * @param {import('playwright-core').Locator} field @param {import('playwright-core').Locator} item
 */
async function chooseIn(field, item) {
	const list = await openDropdown(field);
	await list.locator('.el-select-dropdown__item').filter({ has: item }).first().click();
	await closed(field, list);
}

/**
 * The choices of a dropdown field, as its list shows them (their headlines).
 * @param {Page} page @param {string} parameter e.g. operation
 */
async function choicesOf(page, parameter) {
	const field = dropdown(page, parameter);
	const list = await openDropdown(field);
	const choices = await list.locator('.option-headline').allInnerTexts();
	await page.keyboard.press('Escape');
	await closed(field, list);
	return choices;
}

/** Resolves once the page has drawn two more frames: what a change made is on the screen. @param {Page} page */
async function drawn(page) {
	await page.evaluate(
		() =>
			new Promise((resolve) =>
				/** @type {any} */ (globalThis).requestAnimationFrame(() =>
					/** @type {any} */ (globalThis).requestAnimationFrame(resolve),
				),
			),
	);
}

/**
 * Chooses a dropdown field's value by its headline and waits until the field shows it.
 * @param {Page} page @param {string} parameter @param {string} choice
 */
async function choose(page, parameter, choice) {
	await chooseIn(
		dropdown(page, parameter),
		page.locator('.option-headline', { hasText: exactly(choice) }),
	);
	await page.waitForFunction(
		({ name, value }) =>
			/** @type {any} */ (globalThis).document.querySelector(
				`[data-test-id="parameter-input-${name}"] input[role="combobox"]`,
			)?.value === value,
		{ name: parameter, value: choice },
	);
	await drawn(page);
}

/**
 * Every field value the node's details view shows, by parameter path: text and number inputs,
 * dropdowns (their shown choice) and editors.
 * @param {Page} page
 * @returns {Promise<Array<{ path: string, value: string }>>}
 */
async function fieldValues(page) {
	return await page.evaluate(() =>
		[
			.../** @type {any} */ (globalThis).document.querySelectorAll(
				'[data-test-id="ndv"] [data-parameter-path]',
			),
		].flatMap((field) => {
			const path = field.getAttribute('data-parameter-path') ?? '?';
			const inputs = [...field.querySelectorAll('input, textarea')].map(
				(/** @type {{ value: string }} */ input) => input.value,
			);
			const editors = [...field.querySelectorAll('[contenteditable="true"]')].map(
				(editor) => editor.textContent ?? '',
			);
			return [...inputs, ...editors].map((value) => ({ path, value }));
		}),
	);
}

/**
 * Types `value` into every picker the view shows in its By ID mode, as a user giving an ID would.
 * @param {Page} page @param {string} value
 */
async function fillPickersById(page, value) {
	const pickers = page.locator('[data-test-id="ndv"] [data-test-id^="resource-locator-"]');
	for (const picker of await pickers.all()) {
		const mode = await picker.locator('[data-test-id="rlc-mode-selector"] input').inputValue();
		if (mode === 'By ID') await picker.locator('[data-test-id="rlc-input"]').fill(value);
	}
	await drawn(page);
}

/**
 * A picker (resource locator) of the node's details view: the one of parameter `name`, or the
 * first one shown.
 * @param {Page} page @param {string} [name]
 */
function picker(page, name) {
	return page
		.locator(`[data-test-id="ndv"] [data-test-id^="resource-locator-${name ?? ''}"]`)
		.first();
}

/** The text shown around a picker: the hint of its mode, under it. @param {import('playwright-core').Locator} field */
async function pickerHint(field) {
	return await field.locator('xpath=ancestor::*[@data-test-id="parameter-input"][1]').innerText();
}

/**
 * Opens a picker's list ("From List" mode) and returns its entries; with `search`, types it into
 * the list's search and returns the entries then shown. `whileOpen` runs before the list closes.
 * @param {Page} page @param {import('playwright-core').Locator} field the picker @param {string} [search]
 * @param {() => Promise<unknown>} [whileOpen]
 */
async function pickerEntries(page, field, search, whileOpen) {
	const mode = field.locator('[data-test-id="rlc-mode-selector"]');
	if ((await mode.locator('input').inputValue()) !== 'From list')
		await chooseIn(mode, page.getByText(/^From list$/i));
	await field.locator('[data-test-id="rlc-input"]').click();
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	// An empty list shows a text instead of items: wait for either.
	await items
		.first()
		.or(page.getByText(/^(No results|Could not load list)$/))
		.first()
		.waitFor();
	if (search !== undefined) {
		// The editor asks the node for the entries matching a new search; wait for its answer.
		const answered = page.waitForResponse((response) =>
			response.url().includes('/resource-locator-results'),
		);
		await page.locator('[data-test-id="rlc-search"]:visible').fill(search);
		await answered;
		await drawn(page);
	}
	const entries = await items.allInnerTexts();
	if (whileOpen) await whileOpen();
	await page.keyboard.press('Escape');
	// n8n 1.x keeps the list open after Escape (seen in 1.123.81); a click on the details view's
	// open Parameters tab, which does nothing else, closes it there. n8n 2.x has closed it by then.
	const list = page.locator('[data-test-id="rlc-search"]:visible').first();
	if (
		!(await list.waitFor({ state: 'hidden', timeout: 2000 }).then(
			() => true,
			() => false,
		))
	)
		await page
			.locator('[data-test-id="ndv"]')
			.getByText('Parameters', { exact: true })
			.first()
			.click();
	await list.waitFor({ state: 'hidden' });
	return entries;
}

module.exports = {
	launchChromium,
	openEditor,
	newWorkflow,
	searchNodePanel,
	openPanelEntry,
	addNode,
	addOptionalField,
	closeNode,
	chooseCredential,
	credentialsOffered,
	choicesOf,
	choose,
	drawn,
	fieldValues,
	fillPickersById,
	picker,
	pickerHint,
	pickerEntries,
	PAGE_TIMEOUT_MS,
};
