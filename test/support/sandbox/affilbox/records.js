// @ts-check
'use strict';

/**
 * Turns store rows into answer records: fixed field order, every value as text, internal fields left out
 * (a partner's `campaigns` and `souhlas_sdeleni`). Tests may put anything into the store; missing fields come
 * out empty.
 */

const CONVERSION_FIELDS = [
	'id',
	'createDate',
	'confirmDate',
	'campaignId',
	'campaignName',
	'value',
	'sales',
	'currency',
	'affilId',
	'partner',
	'transactionId',
	'state',
	'channel',
	'coupon',
	'comment',
];
const CAMPAIGN_FIELDS = [
	'id',
	'name',
	'cookieValidity',
	'active',
	'commission',
	'fixCommission',
	'trackingCode',
	'conversionCode',
];
const PERSON_FIELDS = [
	'id',
	'affilid',
	'email',
	'name',
	'surname',
	'group',
	'phone',
	'notifikace',
	'doporucil',
	'register',
	'last_login',
	'allow',
];
const ADDRESS_FIELDS = ['street', 'city', 'psc'];
const COMPANY_FIELDS = ['name', 'ic', 'dic', 'description', 'dph'];
const BONUS_FIELDS = ['id', 'affilId', 'partner', 'text', 'value', 'date'];
const CLICK_FIELDS = ['id', 'affilId', 'campaignId', 'date', 'count', 'channel'];

/**
 * @param {Record<string, any> | undefined} row
 * @param {string[]} fields
 * @returns {Record<string, string>}
 */
function pick(row, fields) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const field of fields) out[field] = String(row?.[field] ?? '');
	return out;
}

/** @param {Record<string, any>} row */
const conversionRecord = (row) => pick(row, CONVERSION_FIELDS);
/** @param {Record<string, any>} row */
const campaignRecord = (row) => pick(row, CAMPAIGN_FIELDS);
/** @param {Record<string, any>} row */
const bonusRecord = (row) => pick(row, BONUS_FIELDS);
/** @param {Record<string, any>} row */
const clickRecord = (row) => pick(row, CLICK_FIELDS);
/** @param {Record<string, any>} row */
const partnerRecord = (row) => ({
	person: pick(row.person, PERSON_FIELDS),
	address: pick(row.address, ADDRESS_FIELDS),
	company: pick(row.company, COMPANY_FIELDS),
});

module.exports = {
	CONVERSION_FIELDS,
	CAMPAIGN_FIELDS,
	PERSON_FIELDS,
	ADDRESS_FIELDS,
	COMPANY_FIELDS,
	BONUS_FIELDS,
	CLICK_FIELDS,
	conversionRecord,
	campaignRecord,
	bonusRecord,
	clickRecord,
	partnerRecord,
};
