// @ts-check
'use strict';

/**
 * Full customer and transaction objects, with every field the API reference lists. Callers give only what a
 * client can set (plus seed figures); the rest is filled in the way Affelios would: ids, timestamps, the
 * tracking block from the click key, the brand from the external brand id.
 */

const OPERATOR_ID = 'o1a2b3c4-7777-4d5e-8f90-000000000001';

/**
 * @typedef {Record<string, any>} Row
 * @typedef {{ state: import('./store').State, now: string }} BuildContext
 */

/**
 * @param {import('./store').State} state
 * @param {string | null | undefined} clickKey
 * @param {string | null | undefined} externalBrandId
 * @param {string | null | undefined} brandId explicit brand id from the body, if any
 */
function trackingFor(state, clickKey, externalBrandId, brandId) {
	const click = clickKey ? state.clicks.find((row) => row.clickKey === clickKey) : undefined;
	const brand = state.brands.find((row) => row.externalBrandId === externalBrandId);
	return {
		clickId: clickKey ?? null,
		affiliateId: click?.affiliateId ?? null,
		affiliateName: click?.affiliateName ?? null,
		affiliateTrackerId: click?.affiliateTrackerId ?? null,
		affiliateTrackerName: click?.affiliateTrackerName ?? (click ? null : 'Organic'),
		brandId: brandId ?? brand?.brandId ?? null,
		brandName: brand?.brandName ?? null,
		productId: click?.productId ?? null,
		productName: click?.productName ?? null,
		mediaId: null,
		media: { type: null, text: null, imageUrl: null },
		customParameter: null,
		date: null,
		referringUrl: click?.referringUrl ?? null,
	};
}

/** @param {unknown} value */
const orNull = (value) => (value === undefined ? null : value);

/**
 * @param {Row} row fields a client or the seed sets; `clickKey`/`clickId` and `brandId` feed `tracking`
 * @param {BuildContext} context
 */
function buildCustomer(row, context) {
	const id = row.id;
	return {
		id,
		operatorId: OPERATOR_ID,
		updatedTs: row.updatedTs ?? context.now,
		createdTs: row.createdTs ?? context.now,
		isIdEmpty: false,
		createdBy: 'api',
		hidden: false,
		deleted: false,
		importId: orNull(row.importId),
		externalId: row.externalId,
		externalBrandId: row.externalBrandId,
		username: orNull(row.username),
		country: orNull(row.country),
		country_code: orNull(row.country_code),
		registerIp: null,
		registrationDate: row.registrationDate,
		hasDeposited: row.hasDeposited ?? false,
		ftdDate: orNull(row.ftdDate),
		cpaQualified: false,
		cpaQualificationDate: null,
		lifetimeRevenue: 0,
		firstDepositAmount: row.lifetimeDeposits ?? 0,
		firstRevenueAmount: 0,
		lifetimeDeposits: row.lifetimeDeposits ?? 0,
		lifetimeRevShareCommission: 0,
		lifetimeCpaCommission: 0,
		lifetimeFixedCommission: 0,
		lifetimeCommission: 0,
		tracking: trackingFor(
			context.state,
			row.clickKey ?? row.clickId,
			row.externalBrandId,
			row.brandId,
		),
		category: orNull(row.category),
		label: orNull(row.label),
		revShareExcluded: row.revShareExcluded ?? false,
		cpaExcluded: row.cpaExcluded ?? false,
	};
}

const AMOUNTS = [
	'depositAmount',
	'grossRevenue',
	'wageredAmount',
	'revShareCommission',
	'cpaCommission',
	'fixedCommission',
];

/**
 * @param {Row} row fields a client or the seed sets
 * @param {BuildContext} context
 */
function buildTransaction(row, context) {
	const customer = context.state.customers.find(
		(candidate) =>
			candidate.externalId === row.externalCustomerId &&
			(!row.externalBrandId || candidate.externalBrandId === row.externalBrandId),
	);
	/** @type {Record<string, number>} */
	const amounts = {};
	for (const name of AMOUNTS) amounts[name] = row[name] ?? 0;
	const tracking = trackingFor(
		context.state,
		row.clickKey ?? customer?.tracking.clickId,
		row.externalBrandId,
		undefined,
	);
	if (row.affiliateId) tracking.affiliateId = row.affiliateId;
	return {
		id: row.id,
		operatorId: row.operatorId ?? OPERATOR_ID,
		updatedTs: context.now,
		createdTs: context.now,
		isIdEmpty: false,
		createdBy: 'api',
		hidden: false,
		deleted: false,
		importId: orNull(row.importId),
		integrationType: 'api',
		customerId: customer?.id ?? null,
		type: orNull(row.type),
		externalId: orNull(row.externalId),
		externalCustomerId: orNull(row.externalCustomerId),
		externalBrandId: orNull(row.externalBrandId),
		externalProductId: orNull(row.externalProductId),
		country: orNull(row.country),
		country_code: orNull(row.country_code),
		depositAmount: amounts.depositAmount,
		firstTransaction: false,
		grossRevenue: amounts.grossRevenue,
		revenueAmount: amounts.grossRevenue,
		wageredAmount: amounts.wageredAmount,
		taxes: 0,
		costOfGoodsSold: 0,
		paymentFees: 0,
		cpaQualified: amounts.cpaCommission > 0,
		revShareCommission: amounts.revShareCommission,
		cpaCommission: amounts.cpaCommission,
		fixedCommission: amounts.fixedCommission,
		transactionDate: row.transactionDate ?? context.now,
		tracking,
		category: orNull(row.category),
		label: orNull(row.label),
		note: orNull(row.note),
		childAffiliateIds: [],
		payoutInfo: {
			affiliateId: tracking.affiliateId,
			affiliateName: tracking.affiliateName,
			invoicePeriod: null,
			invoiceDate: null,
			dueDate: null,
			payoutMethod: { type: null, details: null },
		},
	};
}

/**
 * The customer as GET answers it: with its transactions.
 * @param {Row} customer
 * @param {import('./store').State} state
 */
function customerAnswer(customer, state) {
	const transactions = state.transactions.filter(
		(transaction) => transaction.customerId === customer.id,
	);
	return { ...customer, transactions };
}

module.exports = { buildCustomer, buildTransaction, customerAnswer, trackingFor, AMOUNTS };
