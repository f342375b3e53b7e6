// @ts-check
'use strict';

/**
 * The seven documented endpoints, in memory. Each route names the permission module a key needs for it, and
 * its handler returns `{ status, body? }` or throws an HttpProblem.
 */
const { HttpProblem, validation, notFound, conflict, businessRule } = require('./problems');
const { buildCustomer, buildTransaction, customerAnswer } = require('./records');
const { newId } = require('./store');
const {
	customerErrors,
	bulkCustomerErrors,
	transactionErrors,
	isObject,
	CUSTOMER_TEXT,
} = require('./validate');

/**
 * @typedef {import('./store').State} State
 * @typedef {{ state: State, now: string, body: unknown, id?: string }} RouteContext
 * @typedef {{ status: number, body?: unknown }} RouteAnswer
 * @typedef {{ method: string, pattern: RegExp, module: 'Customers' | 'Transactions', handle: (ctx: RouteContext) => RouteAnswer }} Route
 */

/** @param {unknown} body @param {string} what */
function requireObject(body, what) {
	if (!isObject(body))
		throw validation({ $: [`The JSON value could not be converted to ${what}.`] });
	return /** @type {Record<string, any>} */ (body);
}

/** @param {unknown} body @param {string} what */
function requireArray(body, what) {
	if (!Array.isArray(body))
		throw validation({ $: [`The JSON value could not be converted to List<${what}>.`] });
	return body;
}

/** @param {Record<string, string[]>} errors */
function throwIfInvalid(errors) {
	if (Object.keys(errors).length > 0) throw validation(errors);
}

/** @param {State} state @param {unknown} externalBrandId */
function requireBrand(state, externalBrandId) {
	if (!state.brands.some((brand) => brand.externalBrandId === externalBrandId)) {
		throw businessRule(
			'Unknown brand',
			`No brand with externalBrandId '${String(externalBrandId)}' is configured.`,
		);
	}
}

/**
 * @param {State} state
 * @param {string} externalId
 * @param {string} externalBrandId
 * @param {string} [exceptId] the customer being updated
 */
function findDuplicate(state, externalId, externalBrandId, exceptId) {
	return state.customers.find(
		(c) =>
			c.externalId === externalId && c.externalBrandId === externalBrandId && c.id !== exceptId,
	);
}

/** @param {State} state @param {string} externalId @param {string} externalBrandId @param {string} [exceptId] */
function refuseDuplicate(state, externalId, externalBrandId, exceptId) {
	if (findDuplicate(state, externalId, externalBrandId, exceptId)) {
		throw conflict(
			`A customer with externalId '${externalId}' and externalBrandId '${externalBrandId}' already exists.`,
		);
	}
}

/** @param {State} state @param {string | undefined} id */
function customerById(state, id) {
	const customer = state.customers.find((c) => c.id === id);
	if (!customer) throw notFound(`No customer with id '${id}'.`);
	return customer;
}

// Fields a client writes; a PUT resets those it leaves out.
const WRITABLE_DEFAULTS = {
	externalId: null,
	externalBrandId: null,
	registrationDate: null,
	brandId: null,
	clickId: null,
	username: null,
	country: null,
	country_code: null,
	revShareExcluded: false,
	cpaExcluded: false,
};

/**
 * Writes client fields onto a stored customer; `brandId` and `clickId` live in its tracking block.
 * @param {State} state @param {Record<string, any>} customer @param {Record<string, any>} fields @param {string} now
 */
function writeCustomer(state, customer, fields, now) {
	const { brandId, clickId, ...own } = fields;
	const current = customer.tracking;
	const clickKey = clickId === undefined ? current.clickId : clickId;
	const rebuilt = buildCustomer(
		{ ...customer, ...own, clickKey, brandId: brandId === undefined ? current.brandId : brandId },
		{ state, now },
	);
	Object.assign(customer, rebuilt, {
		createdTs: customer.createdTs,
		updatedTs: now,
		importId: customer.importId,
	});
}

/** @type {Route[]} */
const ROUTES = [
	{
		method: 'POST',
		pattern: /^\/api\/v1\/customer$/,
		module: 'Customers',
		handle({ state, now, body }) {
			const row = requireObject(body, 'CustomerCreateRequest');
			throwIfInvalid(customerErrors(row, false));
			requireBrand(state, row.externalBrandId);
			refuseDuplicate(state, row.externalId, row.externalBrandId);
			const customer = buildCustomer(
				{ ...row, clickKey: row.clickId, id: newId(state, 'c0ffee00') },
				{ state, now },
			);
			state.customers.push(customer);
			return { status: 201, body: customerAnswer(customer, state) };
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/customer\/bulk$/,
		module: 'Customers',
		handle({ state, now, body }) {
			const rows = requireArray(body, 'BulkCustomer');
			const summary = {
				numImported: 0,
				numDuplicates: 0,
				numFailed: 0,
				firstFailureId: /** @type {string | null} */ (null),
				firstFailureMessage: /** @type {string | null} */ (null),
			};
			const importId = rows.length > 0 ? newId(state, '1a7e0000') : null;
			for (const [index, row] of rows.entries()) {
				const fail = (/** @type {string} */ message) => {
					summary.numFailed += 1;
					if (summary.firstFailureId === null) {
						summary.firstFailureId =
							isObject(row) && typeof row.externalId === 'string' ? row.externalId : `#${index}`;
						summary.firstFailureMessage = message;
					}
				};
				if (!isObject(row)) {
					fail('The entry is not an object.');
					continue;
				}
				const errors = bulkCustomerErrors(row);
				const [firstField] = Object.keys(errors);
				if (firstField) {
					fail(errors[firstField][0]);
					continue;
				}
				if (!state.brands.some((brand) => brand.externalBrandId === row.externalBrandId)) {
					fail(`No brand with externalBrandId '${row.externalBrandId}' is configured.`);
					continue;
				}
				if (findDuplicate(state, row.externalId, row.externalBrandId)) {
					summary.numDuplicates += 1;
					continue;
				}
				const fields = {
					...row,
					registrationDate: row.regDate,
					importId,
					id: newId(state, 'c0ffee00'),
				};
				state.customers.push(buildCustomer(fields, { state, now }));
				summary.numImported += 1;
			}
			return { status: 200, body: summary };
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/v1\/customer\/([^/]+)$/,
		module: 'Customers',
		handle({ state, id }) {
			return { status: 200, body: customerAnswer(customerById(state, id), state) };
		},
	},
	{
		// The verb is undocumented; the sandbox offers both, with their usual meanings.
		method: 'PUT',
		pattern: /^\/api\/v1\/customer\/([^/]+)$/,
		module: 'Customers',
		handle({ state, now, body, id }) {
			const customer = customerById(state, id);
			const row = requireObject(body, 'CustomerUpdateRequest');
			throwIfInvalid(customerErrors(row, false));
			requireBrand(state, row.externalBrandId);
			refuseDuplicate(state, row.externalId, row.externalBrandId, customer.id);
			/** @type {Record<string, unknown>} */
			const fields = { ...WRITABLE_DEFAULTS };
			for (const name of Object.keys(WRITABLE_DEFAULTS))
				if (row[name] !== undefined) fields[name] = row[name];
			writeCustomer(state, customer, fields, now);
			return { status: 200, body: customerAnswer(customer, state) };
		},
	},
	{
		method: 'PATCH',
		pattern: /^\/api\/v1\/customer\/([^/]+)$/,
		module: 'Customers',
		handle({ state, now, body, id }) {
			const customer = customerById(state, id);
			const row = requireObject(body, 'CustomerUpdateRequest');
			throwIfInvalid(customerErrors(row, true));
			/** @type {Record<string, unknown>} */
			const fields = {};
			for (const name of Object.keys(WRITABLE_DEFAULTS))
				if (row[name] !== undefined) fields[name] = row[name];
			const externalId = /** @type {string} */ (fields.externalId ?? customer.externalId);
			const externalBrandId = /** @type {string} */ (
				fields.externalBrandId ?? customer.externalBrandId
			);
			if (fields.externalBrandId !== undefined) requireBrand(state, externalBrandId);
			refuseDuplicate(state, externalId, externalBrandId, customer.id);
			writeCustomer(state, customer, fields, now);
			return { status: 200, body: customerAnswer(customer, state) };
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/transaction$/,
		module: 'Transactions',
		handle({ state, now, body }) {
			const row = requireObject(body, 'TransactionRequest');
			throwIfInvalid(transactionErrors(row, '', {}));
			state.transactions.push(
				buildTransaction({ ...row, id: newId(state, '7a5c0000') }, { state, now }),
			);
			return { status: 202 };
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/transaction\/bulk$/,
		module: 'Transactions',
		handle({ state, now, body }) {
			const rows = requireArray(body, 'TransactionRequest');
			/** @type {Record<string, string[]>} */
			const errors = {};
			for (const [index, row] of rows.entries()) {
				if (!isObject(row))
					errors[`$[${index}]`] = ['The JSON value could not be converted to TransactionRequest.'];
				else transactionErrors(row, `$[${index}].`, errors);
			}
			throwIfInvalid(errors);
			for (const row of rows)
				state.transactions.push(
					buildTransaction({ ...row, id: newId(state, '7a5c0000') }, { state, now }),
				);
			return { status: 202 };
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/v1\/transaction\/([^/]+)$/,
		module: 'Transactions',
		handle({ state, id }) {
			const transaction = state.transactions.find((t) => t.id === id);
			if (!transaction) throw notFound(`No transaction with id '${id}'.`);
			return { status: 200, body: transaction };
		},
	},
];

/**
 * @param {string} method
 * @param {string} pathname
 * @returns {{ route?: Route, id?: string, allowed: string[] }} allowed: verbs the path has (405 when no route)
 */
function matchRoute(method, pathname) {
	/** @type {string[]} */
	const allowed = [];
	for (const route of ROUTES) {
		const match = route.pattern.exec(pathname);
		if (!match) continue;
		// `bulk` is its own path, never a customer id.
		if (match[1] === 'bulk') continue;
		allowed.push(route.method);
		if (route.method === method)
			return {
				route,
				id: match[1] === undefined ? undefined : decodeURIComponent(match[1]),
				allowed,
			};
	}
	return { allowed };
}

module.exports = { ROUTES, matchRoute, HttpProblem, CUSTOMER_TEXT };
