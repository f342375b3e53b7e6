// @ts-check
'use strict';

/** AddBonus, AddClick, GetCampaigns. */
const { bonusRecord, campaignRecord, clickRecord } = require('../records');
const { nextId } = require('../store');
const { readParams } = require('../validate');
const { requireCampaign, requirePartner } = require('./lookup');

/**
 * @typedef {import('./index').MethodContext} MethodContext
 * @typedef {import('../store').Row} Row
 */

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function addBonus(params, ctx) {
	const p = readParams(params, [
		{ name: 'partner_id', type: 'string', required: true },
		{ name: 'text', type: 'string', required: true },
		{ name: 'value', type: 'double', required: true },
	]);
	const partner = requirePartner(ctx.state, p.partner_id);
	/** @type {Row} */
	const bonus = {
		id: nextId(ctx.state.bonuses.map((b) => b.id)),
		affilId: partner.person.affilid,
		partner: partner.person.email,
		text: p.text,
		value: p.value,
		date: ctx.now(),
	};
	ctx.state.bonuses.push(bonus);
	return { bonus: [bonusRecord(bonus)] };
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function addClick(params, ctx) {
	const p = readParams(params, [
		{ name: 'partner_id', type: 'string', required: true },
		{ name: 'campaign_id', type: 'int', required: true },
		{ name: 'date', type: 'datetime', required: true },
		{ name: 'count', type: 'count', required: true },
		{ name: 'channelId', type: 'string' },
	]);
	const partner = requirePartner(ctx.state, p.partner_id);
	const campaign = requireCampaign(ctx.state, p.campaign_id);
	/** @type {Row} */
	const click = {
		id: nextId(ctx.state.clicks.map((c) => c.id)),
		affilId: partner.person.affilid,
		campaignId: campaign.id,
		date: p.date,
		count: p.count,
		channel: p.channelId ?? '',
	};
	ctx.state.clicks.push(click);
	return { click: [clickRecord(click)] };
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function getCampaigns(params, ctx) {
	const p = readParams(params, [{ name: 'partner_id', type: 'string' }]);
	if (p.partner_id === undefined) return { campaign: ctx.state.campaigns.map(campaignRecord) };
	const partner = requirePartner(ctx.state, p.partner_id);
	const own = new Set((partner.campaigns ?? []).map(String));
	return { campaign: ctx.state.campaigns.filter((c) => own.has(c.id)).map(campaignRecord) };
}

module.exports = {
	AddBonus: addBonus,
	AddClick: addClick,
	GetCampaigns: getCampaigns,
};
