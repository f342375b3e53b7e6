// @ts-check
'use strict';

/**
 * In-memory state of one sandbox, seeded from test/fixtures/affelios/seed.json (or a seed given by the caller).
 * The state object and its arrays keep their identity for the sandbox's whole life: `reset()` refills them in
 * place with fresh full records built from the seed, so a test holding `sb.store.customers` stays in sync.
 */
const fs = require('node:fs');
const path = require('node:path');
const { buildCustomer, buildTransaction } = require('./records');

const DEFAULT_SEED_PATH = path.join(__dirname, '..', '..', '..', 'fixtures', 'affelios', 'seed.json');

/**
 * @typedef {Record<string, any>} Row
 * @typedef {{ brands: Row[], clicks: Row[], customers: Row[], transactions: Row[] }} Seed
 * @typedef {Seed & { nextNumber: number }} State
 */

/** @returns {Seed} */
function loadDefaultSeed() {
	return JSON.parse(fs.readFileSync(DEFAULT_SEED_PATH, 'utf8'));
}

/**
 * @param {Partial<Seed> | undefined} seed undefined: the fixture file
 * @param {string} seededAt timestamp for the seed records' createdTs/updatedTs
 */
function createStore(seed, seededAt) {
	const source = structuredClone(seed ?? loadDefaultSeed());
	/** @type {State} */
	const state = { brands: [], clicks: [], customers: [], transactions: [], nextNumber: 1 };

	function reset() {
		const copy = structuredClone(source);
		state.brands.splice(0, state.brands.length, ...(copy.brands ?? []));
		state.clicks.splice(0, state.clicks.length, ...(copy.clicks ?? []));
		const context = { state, now: seededAt };
		state.customers.splice(
			0,
			state.customers.length,
			...(copy.customers ?? []).map((row) => buildCustomer(row, context)),
		);
		state.transactions.splice(
			0,
			state.transactions.length,
			...(copy.transactions ?? []).map((row) => buildTransaction(row, context)),
		);
		state.nextNumber = 1;
	}

	reset();
	return { state, reset };
}

/**
 * A new GUID-shaped id, predictable for tests: `prefix` then a running number.
 * @param {State} state
 * @param {string} prefix 8 hex digits
 */
function newId(state, prefix) {
	const number = state.nextNumber++;
	return `${prefix}-0000-4000-8000-${String(number).padStart(12, '0')}`;
}

module.exports = { createStore, newId, loadDefaultSeed, DEFAULT_SEED_PATH };
