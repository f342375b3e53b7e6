// @ts-check
'use strict';

/**
 * AddConversion, ConfirmConversion, GetConversions, GetConversion, UpdateConversion.
 * `conversion_id` is always the client's transaction id (`transactionId` in records), never the internal `id`.
 *
 * Sandbox choices where the vendor says nothing:
 * - AddConversion: inactive campaigns are accepted; commission = `value` as sent, or, with count_value=true and
 *   orderValue, orderValue × campaign commission % / 100 with two decimals; currency defaults to CZK.
 * - GetConversions: filters combine with AND; an unknown partner_id gives an empty list (not 404); dates are
 *   compared at minute precision, both ends inclusive, against createDate.
 * - UpdateConversion: a move back to `waiting` clears confirmDate; a move to any other state sets it if empty.
 */
const { conflict, notFound } = require('../errors');
const { normalizeDateTime } = require('../dates');
const { conversionRecord } = require('../records');
const { nextId } = require('../store');
const { readParams } = require('../validate');
const { findPartner, requireCampaign, requireConversion, requirePartner } = require('./lookup');

/**
 * @typedef {import('./index').MethodContext} MethodContext
 * @typedef {import('../store').Row} Row
 * @typedef {import('../store').PartnerRow} PartnerRow
 */

/**
 * Commission from an order value and a campaign's percentage, rounded to 2 decimals.
 * @param {string} orderValue
 * @param {string} percent
 */
function commissionFrom(orderValue, percent) {
	const amount = (Number(orderValue) * Number(percent)) / 100;
	return (Math.round((amount + Number.EPSILON) * 100) / 100).toFixed(2);
}

/**
 * @param {Row} conversion
 * @param {PartnerRow} partner
 */
function assignPartner(conversion, partner) {
	conversion.affilId = partner.person.affilid;
	conversion.partner = partner.person.email;
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function addConversion(params, ctx) {
	const p = readParams(params, [
		{ name: 'partner_id', type: 'string', required: true },
		{ name: 'campaign_id', type: 'int', required: true },
		{ name: 'conversion_id', type: 'string', required: true },
		{ name: 'value', type: 'double', required: true },
		{ name: 'channelId', type: 'string' },
		{ name: 'orderValue', type: 'double' },
		{ name: 'count_value', type: 'bool' },
		{ name: 'note', type: 'string' },
		{ name: 'currency', type: 'string' },
	]);
	const partner = requirePartner(ctx.state, p.partner_id);
	const campaign = requireCampaign(ctx.state, p.campaign_id);
	if (
		ctx.state.conversions.some(
			(c) => c.transactionId === p.conversion_id && c.campaignId === campaign.id,
		)
	) {
		throw conflict(`Duplicate conversion_id: ${p.conversion_id} in campaign ${campaign.id}`);
	}
	const value =
		p.count_value === true && p.orderValue !== undefined
			? commissionFrom(p.orderValue, campaign.commission)
			: p.value;
	/** @type {Row} */
	const conversion = {
		id: nextId(ctx.state.conversions.map((c) => c.id)),
		createDate: ctx.now(),
		confirmDate: '',
		campaignId: campaign.id,
		campaignName: campaign.name,
		value,
		sales: p.orderValue ?? '',
		currency: p.currency ?? 'CZK',
		affilId: '',
		partner: '',
		transactionId: p.conversion_id,
		state: 'waiting',
		channel: p.channelId ?? '',
		coupon: '',
		comment: p.note ?? '',
	};
	assignPartner(conversion, partner);
	ctx.state.conversions.push(conversion);
	return { conversion: [conversionRecord(conversion)] };
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function confirmConversion(params, ctx) {
	const p = readParams(params, [
		{ name: 'conversion_id', type: 'string', required: true },
		{ name: 'value', type: 'bool', required: true },
		{ name: 'campaign_id', type: 'int' },
		{ name: 'note', type: 'string' },
	]);
	const conversion = requireConversion(ctx.state, p.conversion_id, p.campaign_id);
	conversion.state = p.value ? 'authorized' : 'rejection';
	conversion.confirmDate = ctx.now();
	if (p.note !== undefined) conversion.comment = p.note;
	return { conversion: [conversionRecord(conversion)] };
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function getConversions(params, ctx) {
	const p = readParams(params, [
		{ name: 'partner_id', type: 'string' },
		{ name: 'coupon', type: 'string' },
		{ name: 'filter_state', type: 'state' },
		{ name: 'filter_date_from', type: 'minute' },
		{ name: 'filter_date_to', type: 'minute' },
		{ name: 'campaign_id', type: 'int' },
		{ name: 'conversion_id', type: 'string' },
		{ name: 'conversions_id', type: 'string' },
	]);
	const partner = p.partner_id === undefined ? undefined : findPartner(ctx.state, p.partner_id);
	/** @type {string[] | undefined} */
	const ids =
		p.conversions_id === undefined
			? undefined
			: String(p.conversions_id)
					.split(';')
					.map((id) => id.trim())
					.filter((id) => id !== '');
	const rows = ctx.state.conversions.filter((c) => {
		if (p.partner_id !== undefined && (!partner || c.affilId !== partner.person.affilid))
			return false;
		if (p.coupon !== undefined && c.coupon !== p.coupon) return false;
		if (p.filter_state !== undefined && c.state !== p.filter_state) return false;
		if (p.campaign_id !== undefined && c.campaignId !== p.campaign_id) return false;
		if (p.conversion_id !== undefined && c.transactionId !== p.conversion_id) return false;
		if (ids !== undefined && !ids.includes(c.transactionId)) return false;
		// Minute precision, both ends inclusive, on wall-clock text in the licence time zone.
		const minute = normalizeDateTime(String(c.createDate ?? '')).slice(0, 16);
		if (p.filter_date_from !== undefined && minute < p.filter_date_from) return false;
		if (p.filter_date_to !== undefined && minute > p.filter_date_to) return false;
		return true;
	});
	return { conversion: rows.map(conversionRecord) };
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function getConversion(params, ctx) {
	const p = readParams(params, [
		{ name: 'conversion_id', type: 'string', required: true },
		{ name: 'coupon', type: 'string' },
	]);
	const found = ctx.state.conversions.find(
		(c) => c.transactionId === p.conversion_id && (p.coupon === undefined || c.coupon === p.coupon),
	);
	if (!found) throw notFound(`Conversion not found: ${p.conversion_id}`);
	return { conversion: [conversionRecord(found)] };
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function updateConversion(params, ctx) {
	const p = readParams(params, [
		{ name: 'conversion_id', type: 'string', required: true },
		{ name: 'partner_id', type: 'string' },
		{ name: 'state', type: 'state' },
		{ name: 'value', type: 'double' },
		{ name: 'commission', type: 'double' },
		{ name: 'campaign_id', type: 'int' },
		{ name: 'note', type: 'string' },
	]);
	const conversion = requireConversion(ctx.state, p.conversion_id, p.campaign_id);
	const partner = p.partner_id === undefined ? undefined : requirePartner(ctx.state, p.partner_id);
	if (partner) assignPartner(conversion, partner);
	if (p.state !== undefined && p.state !== conversion.state) {
		conversion.state = p.state;
		// Back to waiting clears the confirmation; any other state gets one if it had none.
		if (p.state === 'waiting') conversion.confirmDate = '';
		else if (!conversion.confirmDate) conversion.confirmDate = ctx.now();
	}
	if (p.value !== undefined) conversion.sales = p.value;
	if (p.commission !== undefined) conversion.value = p.commission;
	if (p.note !== undefined) conversion.comment = p.note;
	return { conversion: [conversionRecord(conversion)] };
}

module.exports = {
	AddConversion: addConversion,
	ConfirmConversion: confirmConversion,
	GetConversions: getConversions,
	GetConversion: getConversion,
	UpdateConversion: updateConversion,
};
