// @ts-check
'use strict';

/** The example workflows (examples/*.json, n8n export format), as `npm start` and the e2e tests import them. */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', 'examples');
/** Where example 2 writes its payout CSV (the path inside examples/2-…json). */
const PAYOUT_DIR = '/tmp/n8n-nodes-affiliate/payouts';

function exampleFiles() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => path.join(EXAMPLES_DIR, name));
}

/**
 * @param {{ payoutDir?: string }} [options] payoutDir: write example 2's CSV there instead
 * @returns {Array<{ id: string, name: string, nodes: any[], connections: any }>}
 */
function readExamples(options = {}) {
	return exampleFiles().map((file) => {
		const text = fs.readFileSync(file, 'utf8');
		return JSON.parse(options.payoutDir ? text.replaceAll(PAYOUT_DIR, options.payoutDir) : text);
	});
}

/** A fingerprint of the example files: tells whether they changed since the last import. */
function examplesFingerprint() {
	const hash = crypto.createHash('sha256');
	for (const file of exampleFiles()) hash.update(fs.readFileSync(file));
	return hash.digest('hex');
}

/**
 * What example 2 writes over the sandbox's seed: its invoiced conversions are 1004 (petr.novak,
 * 630 CZK) and 1009 (jdvorak, 300.00 CZK). The columns are the trigger's simplified fields it groups
 * by, and the sum of their commissions (numbers: no "300.00").
 */
const EXPECTED_PAYOUTS = [
	{
		affilId: 'petr.novak',
		partnerEmail: 'petr.novak@example.net',
		currency: 'CZK',
		sum_commission: '630',
	},
	{
		affilId: 'jdvorak',
		partnerEmail: 'jiri.dvorak@example.com',
		currency: 'CZK',
		sum_commission: '300',
	},
];

/** @param {string} payoutDir @returns {Array<Record<string, string>>} example 2's CSV, a record per row */
function readPayoutCsv(payoutDir) {
	const [header, ...rows] = fs
		.readFileSync(path.join(payoutDir, 'affiliate-payouts.csv'), 'utf8')
		.trim()
		.split('\n')
		.map((line) => line.split(','));
	return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

module.exports = { readExamples, examplesFingerprint, readPayoutCsv, EXPECTED_PAYOUTS, PAYOUT_DIR };
