// @ts-check
'use strict';

/**
 * In-memory state of one sandbox, seeded from test/fixtures/affilbox/seed.json (or a seed given by the caller).
 * The state object and its six arrays keep their identity for the sandbox's whole life: `reset()` refills
 * them in place with a fresh deep copy of the seed, so a test holding `sb.store.conversions` stays in sync.
 * All values are strings, as the XML API sends them; `invoices` are kept in the API v2 answer's own shape
 * (test/fixtures/affilbox/v2/README.md), which mixes strings, numbers and booleans.
 */
const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_SEED_PATH = path.join(__dirname, '..', '..', '..', 'fixtures', 'affilbox', 'seed.json');

/**
 * @typedef {Record<string, string>} Row
 * @typedef {{ person: Row, address: Row, company: Row, campaigns: string[], souhlas_sdeleni: string }} PartnerRow
 * @typedef {Record<string, unknown>} InvoiceRow an invoice as API v2 answers it
 * @typedef {{ campaigns: Row[], partners: PartnerRow[], conversions: Row[], bonuses: Row[], clicks: Row[], invoices: InvoiceRow[] }} State
 */

/** @type {Array<keyof State>} */
const COLLECTIONS = ['campaigns', 'partners', 'conversions', 'bonuses', 'clicks', 'invoices'];

/** @returns {State} */
function loadDefaultSeed() {
	return JSON.parse(fs.readFileSync(DEFAULT_SEED_PATH, 'utf8'));
}

/**
 * @param {Partial<State>} [seed] defaults to the fixture file
 */
function createStore(seed) {
	const source = structuredClone(seed ?? loadDefaultSeed());
	/** @type {State} */
	const state = {
		campaigns: [],
		partners: [],
		conversions: [],
		bonuses: [],
		clicks: [],
		invoices: [],
	};

	function reset() {
		const copy = structuredClone(source);
		for (const name of COLLECTIONS) {
			const target = /** @type {unknown[]} */ (state[name]);
			target.splice(0, target.length, ...(copy[name] ?? []));
		}
	}

	reset();
	return { state, reset };
}

/**
 * Next numeric id: one more than the largest numeric id among `ids` (1 when none).
 * @param {Array<string | undefined>} ids
 */
function nextId(ids) {
	let max = 0;
	for (const id of ids) {
		const n = Number(id);
		if (Number.isInteger(n) && n > max) max = n;
	}
	return String(max + 1);
}

module.exports = { createStore, nextId, loadDefaultSeed, DEFAULT_SEED_PATH };
