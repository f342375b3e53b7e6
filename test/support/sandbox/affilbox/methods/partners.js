// @ts-check
'use strict';

/** GetPartner, GetPartners, GetOrCreatePartner. A partner is found by affilid or e-mail (lookup.js). */
const { conflict } = require('../errors');
const { normalizeDateTime } = require('../dates');
const { partnerRecord } = require('../records');
const { newPartnerRow } = require('../partnerRows');
const { readParams } = require('../validate');
const { requirePartner } = require('./lookup');

/**
 * @typedef {import('./index').MethodContext} MethodContext
 * @typedef {import('../store').PartnerRow} PartnerRow
 */

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function getPartner(params, ctx) {
	const p = readParams(params, [{ name: 'partner_id', type: 'string', required: true }]);
	return { partner: [partnerRecord(requirePartner(ctx.state, p.partner_id))] };
}

/**
 * The `yyyy-MM-dd` day of a stored date-time, or '' when it has none.
 * @param {unknown} value
 */
function dayOf(value) {
	return normalizeDateTime(String(value ?? '')).slice(0, 10);
}

/**
 * Day-precision range check, both ends inclusive; an empty date never matches a set bound.
 * @param {string} day
 * @param {string | undefined} from
 * @param {string | undefined} to
 */
function inRange(day, from, to) {
	if (from === undefined && to === undefined) return true;
	if (day === '') return false;
	return (from === undefined || day >= from) && (to === undefined || day <= to);
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function getPartners(params, ctx) {
	const p = readParams(params, [
		{ name: 'register_from', type: 'date' },
		{ name: 'register_to', type: 'date' },
		{ name: 'last_login_from', type: 'date' },
		{ name: 'last_login_to', type: 'date' },
		{ name: 'souhlas_sdeleni', type: 'date' },
	]);
	const rows = ctx.state.partners.filter(
		(partner) =>
			inRange(dayOf(partner.person?.register), p.register_from, p.register_to) &&
			inRange(dayOf(partner.person?.last_login), p.last_login_from, p.last_login_to) &&
			inRange(dayOf(partner.souhlas_sdeleni), p.souhlas_sdeleni, undefined),
	);
	return { partner: rows.map(partnerRecord) };
}

/**
 * An affiliate id derived from an e-mail's local part: ASCII letters, digits, `.`, `_`, `-`, lower case,
 * made unique with a numeric suffix.
 * @param {PartnerRow[]} partners
 * @param {string} email
 */
function generateAffilId(partners, email) {
	const base =
		email
			.slice(0, email.lastIndexOf('@'))
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9._-]/g, '') || 'partner';
	const taken = new Set(partners.map((p) => p.person?.affilid));
	let candidate = base;
	for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
	return candidate;
}

/**
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function getOrCreatePartner(params, ctx) {
	const p = readParams(params, [
		{ name: 'email', type: 'email', required: true },
		{ name: 'affilid', type: 'string' },
	]);
	const email = String(p.email);
	const existing = ctx.state.partners.find(
		(partner) => String(partner.person?.email ?? '').toLowerCase() === email.toLowerCase(),
	);
	if (existing) return { created: '0', partner: [partnerRecord(existing)] };

	if (p.affilid !== undefined && ctx.state.partners.some((x) => x.person?.affilid === p.affilid)) {
		throw conflict(`Duplicate affilid: ${p.affilid}`);
	}
	const partner = newPartnerRow(ctx.state, {
		email,
		affilid: p.affilid ?? generateAffilId(ctx.state.partners, email),
		register: ctx.now(),
	});
	ctx.state.partners.push(partner);
	return { created: '1', partner: [partnerRecord(partner)] };
}

module.exports = {
	GetPartner: getPartner,
	GetPartners: getPartners,
	GetOrCreatePartner: getOrCreatePartner,
};
