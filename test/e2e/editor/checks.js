// @ts-check
'use strict';

/**
 * What a marketer meets in the n8n editor, checked from what the page shows: each check is a named
 * step run in a new workflow of a logged-in editor (session.js), failing with what it saw. The
 * affiliate e2e suite runs them against its n8n; `node scripts/editorPictures.js` against a running
 * `npm start`, taking the README's pictures. Nodes are added through the node panel, so each check
 * meets the node version a new node gets.
 */
const path = require('node:path');

const { callSandbox } = require('../n8n/watch');
const {
	addNode,
	addOptionalField,
	choicesOf,
	choose,
	closeNode,
	credentialsOffered,
	drawn,
	fieldValues,
	fillPickersById,
	newWorkflow,
	openPanelEntry,
	picker,
	pickerEntries,
	pickerHint,
	searchNodePanel,
} = require('./session');

/**
 * @typedef {object} Stack what the editor's n8n works against
 * @property {{ url: string, key: string }} affilbox the AffilBox sandbox (API URL and key)
 * @property {{ url: string }} affelios the Affelios sandbox
 * @property {{ affilbox: string, affilboxV2: string, affelios: string }} credentials the ids of the
 *   sandbox credentials (AffilBox XML API, AffilBox API v2, Affelios)
 * @property {ReturnType<typeof import('../n8n/releaseTraits').releaseTraits>} release the n8n in use
 * @property {string} [pictures] a folder to take the README's pictures into
 * @property {string} [failures] a folder for a picture of the page when a check fails
 */
/** @typedef {import('./session').Page} Page */
/** @typedef {{ name: string, run: (editor: import('./session').Editor, stack: Stack) => Promise<void> }} Check */

/** @param {boolean} ok @param {string} what */
function expectThat(ok, what) {
	if (!ok) throw new Error(what);
}

/**
 * A picture of the page for the README, once its transitions (a list fading in) have ended.
 * @param {Page} page @param {Stack} stack @param {string} name
 */
async function picture(page, stack, name) {
	if (!stack.pictures) return;
	await page.evaluate(() =>
		Promise.all(
			/** @type {any} */ (globalThis).document
				.getAnimations()
				.filter(
					(/** @type {any} */ animation) =>
						animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY,
				)
				// A transition cut short by the next one rejects its promise: it is over too.
				.map((/** @type {any} */ animation) => animation.finished.catch(() => undefined)),
		),
	);
	await page.screenshot({ path: path.join(stack.pictures, name) });
}

/**
 * Runs `step` on a new workflow page and closes the page. On a failure the page's picture goes
 * into the stack's `failures` folder when it has one, and the error says where.
 * @param {import('./session').Editor} editor @param {Stack} stack @param {(page: Page) => Promise<void>} step
 */
async function inNewWorkflow(editor, stack, step) {
	const page = await newWorkflow(editor);
	try {
		await step(page);
	} catch (error) {
		if (stack.failures && error instanceof Error) {
			const file = path.join(stack.failures, `editor-failure-${Date.now()}.png`);
			await page.screenshot({ path: file }).then(
				() => (error.message += `\n(the page then: ${file})`),
				() => undefined,
			);
		}
		throw error;
	} finally {
		await page.close();
	}
}

/** @type {(stack: Stack) => { search: string, entry: string, credential: string }} */
const affilBoxNode = (stack) => ({
	search: 'affilbox',
	entry: 'AffilBox',
	credential: stack.credentials.affilbox,
});

/** The AffilBox node with its AffilBox V2 API credential (for an API v2 operation). @type {typeof affilBoxNode} */
const affilBoxV2Node = (stack) => ({
	...affilBoxNode(stack),
	credential: stack.credentials.affilboxV2,
});

/** @type {(stack: Stack) => { search: string, entry: string, credential: string }} */
const affeliosNode = (stack) => ({
	search: 'affelios',
	entry: 'Affelios',
	credential: stack.credentials.affelios,
});

/**
 * The check that a new node of `entry` (added with `action`) shows no "[object Object]" through
 * all its operations (`visits`: how many steps the walk takes, each resource's first operation twice).
 * @param {string} entry @param {typeof affilBoxNode} nodeOf @param {string} action @param {number} visits
 * @returns {Check}
 */
function everyOperationCheck(entry, nodeOf, action, visits) {
	return {
		name: `${entry}: switching through every operation leaves no "[object Object]" in any field`,
		run: (editor, stack) =>
			inNewWorkflow(editor, stack, async (page) => {
				await addNode(page, { ...nodeOf(stack), action });
				const { clashes, visited } = await walkOperations(page);
				expectThat(visited === visits, `visited every operation of ${entry} (${visited})`);
				expectThat(
					clashes.length === 0,
					`fields showing "[object Object]":\n${clashes.join('\n')}`,
				);
			}),
	};
}

/**
 * Every resource and operation of the node in the open details view, one after the other and back
 * to each resource's first operation, giving every picker shown in its By ID mode a value as a user
 * would. Returns each field that then showed "[object Object]" (a value of another type carried
 * over from the operation before), and how many operations were visited.
 * @param {Page} page
 */
async function walkOperations(page) {
	/** @type {string[]} */
	const clashes = [];
	let visited = 0;
	for (const resource of await choicesOf(page, 'resource')) {
		await choose(page, 'resource', resource);
		const operations = await choicesOf(page, 'operation');
		for (const operation of [...operations, operations[0]]) {
			await choose(page, 'operation', operation);
			visited += 1;
			for (const { path: field, value } of await fieldValues(page)) {
				if (value.includes('[object Object]'))
					clashes.push(`${resource} → ${operation}: ${field} shows "${value}"`);
			}
			await fillPickersById(page, 'E2E-WALK-1');
		}
	}
	return { clashes, visited };
}

/** @param {Page} page */
const outputPanel = (page) => page.locator('[data-test-id="output-panel"]');

/**
 * Runs the node of the open details view ("Execute step", or "Fetch Test Event" for a trigger) and
 * waits for what n8n shows of its result: items in the output, the node's error there, or n8n's
 * notice that a trigger found no data (other notices, e.g. about other workflows, are not it).
 * `expecting` a message, the item count n8n also shows beside an error does not end the wait.
 * @param {Page} page @param {'items' | 'message'} [expecting]
 * @returns {Promise<string>} what the output panel and the notifications say
 */
async function runNode(page, expecting = 'items') {
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	const message = outputPanel(page)
		.locator('[data-test-id="node-error-message"]')
		.or(page.locator('.el-notification:visible').filter({ hasText: /data found/ }));
	const shown =
		expecting === 'items' ? message.or(outputPanel(page).getByText(/^\d+ items?$/)) : message;
	await shown.first().waitFor();
	await drawn(page);
	const notifications = await page.locator('.el-notification:visible').allInnerTexts();
	return `${await outputPanel(page).innerText()}\n${notifications.join('\n')}`;
}

/** @type {Check[]} */
const CHECKS = [
	{
		name: 'the node panel finds AffilBox (node and trigger in one entry), Affelios and the Partner Trigger for "affiliate" and the other words people search for, and AffilBox lists all four trigger events',
		run: (editor, stack) =>
			inNewWorkflow(editor, stack, async (page) => {
				// The words people search for (the nodes' codex aliases).
				for (const word of ['commission', 'partner', 'payout', 'conversion']) {
					const names = await searchNodePanel(page, word);
					expectThat(names.includes('AffilBox'), `"${word}" finds AffilBox: ${names.join(', ')}`);
				}
				const found = await searchNodePanel(page, 'affiliate');
				for (const name of ['AffilBox', 'Affelios', 'AffilBox Partner Trigger'])
					expectThat(
						found.includes(name),
						`"affiliate" finds ${name}: it found ${found.join(', ')}`,
					);
				expectThat(
					!found.includes('AffilBox Trigger'),
					`AffilBox and its trigger are one entry: ${found.join(', ')}`,
				);
				await picture(page, stack, 'n8n-node-panel-search.png');
				const details = await openPanelEntry(page, 'AffilBox');
				const lines = (await details.innerText()).split('\n').map((line) => line.trim());
				const heading = lines.findIndex((line) => /^Triggers \(\d+\)$/.test(line));
				const triggers = lines.slice(heading + 1).filter((line) => line.startsWith('On '));
				const listed = `${lines[heading]}: ${triggers.join(', ')}`;
				expectThat(
					lines[heading] === 'Triggers (4)' &&
						['created', 'authorized', 'invoiced', 'rejected'].every((event) =>
							triggers.includes(`On conversion ${event}`),
						),
					`AffilBox lists the four trigger events; the panel shows ${listed}`,
				);
			}),
	},
	{
		name: 'the Partner, Campaign and Conversion pickers list entries and search them; the Conversion picker says what it lists; an optional Campaign left empty is no error',
		run: (editor, stack) =>
			inNewWorkflow(editor, stack, async (page) => {
				await addNode(page, {
					...affilBoxNode(stack),
					action: 'Record a conversion for a partner',
				});
				const partners = await pickerEntries(page, picker(page, 'partnerId'));
				expectThat(
					partners.length >= 5,
					`the Partner picker lists the partners: ${partners.join(' | ')}`,
				);
				const zofie = await pickerEntries(page, picker(page, 'partnerId'), 'stastna');
				expectThat(
					zofie.length === 1 && zofie[0].includes('zofie'),
					`searching the partners for "stastna" finds Žofie Šťastná only: ${zofie.join(' | ')}`,
				);
				const campaigns = await pickerEntries(page, picker(page, 'campaignId'), undefined, () =>
					picture(page, stack, 'n8n-editor-resource-locator.png'),
				);
				expectThat(
					campaigns.some((entry) => entry.includes('(11)')) &&
						campaigns.some((entry) => entry.includes('inactive')),
					`the Campaign picker lists campaigns with their numbers, inactive ones marked: ${campaigns.join(' | ')}`,
				);
				const letni = await pickerEntries(page, picker(page, 'campaignId'), 'letni');
				expectThat(
					letni.length === 1 && letni[0].includes('(11)'),
					`searching the campaigns for "letni" finds campaign 11 only: ${letni.join(' | ')}`,
				);
				await choose(page, 'operation', 'Get');
				// Get's one picker: the conversion (named by each node version its own way).
				const conversion = picker(page);
				const conversions = await pickerEntries(page, conversion);
				expectThat(
					conversions.length > 0,
					'the Conversion picker lists the recent conversions of the sandbox: it shows none',
				);
				const hint = await pickerHint(conversion);
				expectThat(
					/last 90 days/.test(hint) && /By ID/.test(hint),
					`under the Conversion picker in From List mode a hint says it lists the last 90 days and to use By ID for older ones; it reads: ${hint.replace(/\s+/g, ' ')}`,
				);
				const kveta = await pickerEntries(page, conversion, 'kveta');
				expectThat(
					kveta.length > 0 && kveta.every((entry) => entry.includes('kveta')),
					`searching the conversions for "kveta" finds only hers: ${kveta.join(' | ')}`,
				);

				// The optional Campaign of Confirm or Reject, added and left empty, is no error.
				await choose(page, 'operation', 'Confirm or Reject');
				await addOptionalField(page, 'Campaign');
				await picker(page, 'campaignId').waitFor();
				await drawn(page);
				const confirm = await page.locator('[data-test-id="ndv"]').innerText();
				expectThat(
					!/is not supported/.test(confirm),
					`adding the optional Campaign shows no error: ${confirm.slice(0, 600)}`,
				);
			}),
	},
	everyOperationCheck('AffilBox', affilBoxNode, 'Approve or reject a conversion', 27),
	everyOperationCheck('Affelios', affeliosNode, 'Create a customer', 11),
	{
		name: 'Execute step of Get Many shows the conversions, simplified',
		run: (editor, stack) =>
			inNewWorkflow(editor, stack, async (page) => {
				await addNode(page, { ...affilBoxNode(stack), action: 'Get many conversions' });
				const shown = await runNode(page);
				expectThat(
					/^\d+ items$/m.test(shown) && /transactionId/.test(shown) && /OBJ-2025-0001/.test(shown),
					`Get Many shows the conversions as items: ${shown.slice(0, 400)}`,
				);
				// The JSON view shows every field: amounts as numbers, dates with the licence offset.
				await outputPanel(page).locator('[data-test-id="radio-button-json"]').click();
				await outputPanel(page).getByText('"createdAt"').first().waitFor();
				const json = (await outputPanel(page).innerText()).replace(/\s+/g, ' ');
				expectThat(
					/"commission": 150,/.test(json) && /"createdAt": "2\d{3}-[^"]+[+-]\d\d:\d\d"/.test(json),
					`Get Many's items are simplified: amounts as numbers, dates with an offset: ${json.slice(0, 600)}`,
				);
				await page.locator('.el-notification:visible').first().waitFor({ state: 'hidden' });
				await picture(page, stack, 'n8n-editor-simplified-output.png');
			}),
	},
	{
		name: 'the credential dialogs say where each value comes from, link the docs, and test the connection: the sandbox works, a wrong key is refused in plain words; an API v2 operation (Invoice → Get Many) offers the AffilBox V2 API credential only, its dialog asks for the instance number and the API key',
		run: (editor, stack) =>
			inNewWorkflow(editor, stack, async (page) => {
				const dialogs = [
					{
						node: { ...affilBoxNode(stack), action: 'Get many campaigns' },
						hints: [
							'Settings → User settings',
							'The time zone your AffilBox licence keeps its dates in',
						],
						docs: 'packages/affilbox/README.md#credentials',
						wrong: { apiUrl: stack.affilbox.url, apiKey: 'wrong-key' },
						refusal: 'AffilBox rejected the API key',
					},
					{
						node: { ...affilBoxV2Node(stack), action: 'Get many invoices' },
						offered: [stack.credentials.affilboxV2],
						notOffered: [stack.credentials.affilbox],
						fields: ['Instance Number', 'API Key', 'API URL', 'Licence Time Zone'],
						hints: [
							'The number of your AffilBox licence (instance)',
							'The API v2 key of your licence',
						],
						docs: 'docs/affilbox-api-v2.md#credential',
						wrong: {
							instanceNumber: '1234',
							apiKey: 'wrong-key',
							apiUrl: `${new URL(stack.affilbox.url).origin}/v2`,
						},
						refusal: 'AffilBox rejected the instance number or API key',
					},
					{
						node: { ...affeliosNode(stack), action: 'Get a transaction by internal ID' },
						hints: ['Settings → API Keys'],
						docs: 'packages/affelios/README.md#credentials',
						wrong: { baseUrl: stack.affelios.url, apiKey: 'wrong-key' },
						refusal: 'Affelios rejected the API key',
					},
				];
				for (const dialog of dialogs) {
					await addNode(page, dialog.node);
					if (dialog.offered) {
						const offered = await credentialsOffered(page);
						expectThat(
							dialog.offered.every((id) => offered.includes(id)) &&
								!dialog.notOffered.some((id) => offered.includes(id)),
							`${dialog.node.action} offers ${dialog.offered.join(', ')} and not ${dialog.notOffered.join(', ')}: it offers ${offered.join(', ')}`,
						);
					}
					await page.locator('[data-test-id="credential-edit-button"]').click();
					const modal = page.locator('[data-test-id="editCredential-modal"]');
					await modal.getByText('Connection tested successfully').waitFor();
					const text = await modal.innerText();
					for (const hint of [...(dialog.fields ?? []), ...dialog.hints])
						expectThat(
							text.includes(hint),
							`the ${dialog.node.entry} credential dialog shows "${hint}": ${text}`,
						);
					const docs = await modal.getByRole('link', { name: 'docs' }).getAttribute('href');
					expectThat(
						String(docs).endsWith(dialog.docs),
						`the dialog's docs link opens the README's ${dialog.docs}: ${docs}`,
					);
					if (dialog === dialogs[0]) await picture(page, stack, 'n8n-credential-dialog.png');
					await modal
						.getByRole('button', { name: /close/i })
						.or(modal.locator('.el-dialog__headerbtn'))
						.first()
						.click();
					await modal.waitFor({ state: 'hidden' });

					// A new credential with a wrong key: Save tests it.
					await page.locator('[data-test-id="node-credentials-select"]').click();
					await page.locator('[data-test-id="node-credentials-select-item-new"]').click();
					await modal.waitFor();
					for (const [field, value] of Object.entries(dialog.wrong))
						await modal.locator(`[data-test-id="parameter-input-${field}"] input`).fill(value);
					await modal.locator('[data-test-id="credential-save-button"]').click();
					await modal.getByText('Couldn’t connect with these settings').waitFor();
					const details = modal.getByText('More details');
					if (await details.isVisible()) await details.click();
					const refusal = stack.release.credentialRefusal(dialog.refusal);
					await modal.getByText(refusal).or(modal.getByText('Retry')).first().waitFor();
					const refused = await modal.innerText();
					expectThat(
						refused.includes(refusal),
						`a wrong ${dialog.node.entry} key is refused saying "${refusal}": ${refused}`,
					);
					// Leave the instance as it was: that credential goes again.
					await modal.locator('[data-test-id="credential-delete-button"]').click();
					await page.getByRole('button', { name: 'Yes, delete' }).click();
					await modal.waitFor({ state: 'hidden' });
					await closeNode(page);
				}
			}),
	},
	{
		name: 'Fetch Test Event shows the newest conversion or partner, and says why when it finds none',
		run: async (editor, stack) => {
			await inNewWorkflow(editor, stack, async (page) => {
				await addNode(page, { ...affilBoxNode(stack), action: 'On conversion authorized' });
				const shown = await runNode(page);
				expectThat(
					/^\d+ items?$/m.test(shown) && /authorized/.test(shown),
					`Fetch Test Event shows an authorized conversion: ${shown.slice(0, 400)}`,
				);
			});
			await inNewWorkflow(editor, stack, async (page) => {
				await addNode(page, { ...affilBoxNode(stack), action: 'On conversion rejected' });
				await page.locator('[data-test-id="parameter-input-lookbackDays"] input').fill('1');
				const shown = await runNode(page, 'message');
				expectThat(
					shown.includes('No conversion created in the last day is rejected') &&
						shown.includes('widen the Lookback Window'),
					`Fetch Test Event that finds nothing says why: ${shown.slice(0, 600)}`,
				);
				await picture(page, stack, 'n8n-fetch-test-event-nothing.png');
			});
			await inNewWorkflow(editor, stack, async (page) => {
				await callSandbox(stack.affilbox.url, stack.affilbox.key, 'GetOrCreatePartner', {
					email: 'browser.test@example.com',
					affilid: 'browser-test',
				});
				await addNode(page, {
					search: 'new partner',
					entry: 'AffilBox Partner Trigger',
					credential: stack.credentials.affilbox,
				});
				const shown = await runNode(page);
				expectThat(
					/^1 item$/m.test(shown) && /browser-test/.test(shown),
					`the Partner Trigger's Fetch Test Event shows the newest partner: ${shown.slice(0, 400)}`,
				);
			});
		},
	},
];

module.exports = { CHECKS };
