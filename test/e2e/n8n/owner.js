// @ts-check
'use strict';

/**
 * The local owner account of a demo or test n8n: n8n asks for one on first use, so `npm start`
 * creates it (the editor then opens straight to the login) and the browser test logs in with it.
 */
const { requestJson } = require('./readiness');

const OWNER = {
	email: 'marketer@example.com',
	firstName: 'Demo',
	lastName: 'Marketer',
	password: 'Affiliate-demo-1',
};

/** Creates the owner unless an earlier start did. @param {string} base e.g. http://127.0.0.1:5678 */
async function createOwner(base) {
	const settings = await requestJson(`${base}/rest/settings`, {}, { what: 'reading n8n settings' });
	if (settings.body?.data?.userManagement?.showSetupOnFirstLoad !== true) return;
	const setup = await requestJson(
		`${base}/rest/owner/setup`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		},
		{ what: 'creating the owner account' },
	);
	if (setup.status >= 400)
		throw new Error(`owner setup failed: HTTP ${setup.status} ${JSON.stringify(setup.body)}`);
}

module.exports = { OWNER, createOwner };
