// @ts-check
'use strict';

/**
 * The API v2 endpoints of the sandbox, over the same store as the XML methods: a conversion
 * changed or added here shows in GetConversions, a partner added here in GetPartners. Answers take
 * the shapes the public client reports (numbers as strings, `person`/`address`/`company` as lists
 * of one, invoice items as a list or one bare object).
 *
 * Sandbox choices where nothing is known (each marked UNKNOWN in docs/affilbox-api-v2.md):
 * - conversions/list: filters combine with AND; dateFrom/dateTo compare createDate to the second,
 *   both ends inclusive; conversionFromId keeps ids from that one on (inclusive); userId matches
 *   the affiliate id or the e-mail.
 * - conversions/change: ids are the internal `id`; unknown ids are skipped silently and the
 *   answer is still ok (`setV2UnknownIds('reject')`: HTTP 422 and nothing changed). value, sales,
 *   currency and comment are set on every id given. State changes as in UpdateConversion.
 * - conversions/add: a transactionId already used in the campaign, an unknown campaign or partner
 *   → 422. partner/add: an e-mail already registered → 422.
 * - invoices/billing-request: answers ok and creates nothing (`setV2BillingRequest('refused')`:
 *   the reported HTTP 200 error). invoices/upload: `file` must be base64 of a PDF.
 * - Dates the sandbox writes are the licence zone's wall-clock time, like the XML side's.
 */
const crypto = require('node:crypto');
const { normalizeDateTime, parseExact } = require('../dates');
const { findPartner } = require('../methods/lookup');
const { newPartnerRow } = require('../partnerRows');
const { STATES } = require('../validate');
const { fixture, invalid, V2Error } = require('./protocol');

/**
 * @typedef {import('../store').State} State
 * @typedef {import('../store').Row} Row
 * @typedef {import('../store').PartnerRow} PartnerRow
 * @typedef {import('./protocol').V2Params} V2Params
 * @typedef {{ invoiceList: 'wrapped' | 'bare', instance: 'lists' | 'plain',
 *   unknownIds: 'skip' | 'reject', billingRequest: 'ok' | 'refused' }} V2Modes
 * @typedef {{ state: State, now: () => string, instance: string, modes: V2Modes,
 *   issuedSecrets: string[] }} V2Context
 * @typedef {(params: V2Params, ctx: V2Context) => Record<string, unknown>} V2Handler
 */

const OK = () => ({ status: 'ok', meta: [] });

/** @param {unknown} text */
const orNull = (text) => (text === undefined || text === '' ? null : text);

/**
 * @param {V2Params} params
 * @param {string} name
 */
function scalar(params, name) {
	const value = params[name];
	if (Array.isArray(value)) throw invalid(name, 'must be one value');
	return value === undefined || value === '' ? undefined : value;
}

/** @param {V2Params} params @param {string} name */
function required(params, name) {
	const value = scalar(params, name);
	if (value === undefined) throw invalid(name, 'is required');
	return value;
}

/** @param {V2Params} params @param {string} name */
function wholeNumber(params, name) {
	const value = scalar(params, name);
	if (value !== undefined && !/^\d+$/.test(value)) throw invalid(name, 'must be a whole number');
	return value;
}

/** @param {V2Params} params @param {string} name */
function decimal(params, name) {
	const value = scalar(params, name);
	if (value !== undefined && !/^-?\d+(\.\d+)?$/.test(value))
		throw invalid(name, 'must be a number');
	return value;
}

/**
 * `Y-m-d H:i:s` (hour padded or not), normalised; with `dateOnly`, `Y-m-d` too, as the start
 * (`from`) or end (`to`) of that day.
 * @param {V2Params} params @param {string} name @param {'from' | 'to' | undefined} dateOnly
 */
function dateTime(params, name, dateOnly) {
	const value = scalar(params, name);
	if (value === undefined) return undefined;
	if (parseExact(value, 'datetime')) return normalizeDateTime(value);
	if (dateOnly && parseExact(value, 'date'))
		return `${value} ${dateOnly === 'from' ? '00:00:00' : '23:59:59'}`;
	throw invalid(name, 'must be a date as Y-m-d H:i:s');
}

/** @param {V2Params} params @param {string} name @returns {string[] | undefined} */
function idList(params, name) {
	const value = params[name];
	if (value === undefined) return undefined;
	const ids = Array.isArray(value) ? value : [value];
	for (const id of ids) if (!/^\d+$/.test(id)) throw invalid(name, 'must hold whole numbers');
	return ids;
}

/** @param {V2Params} params */
function state(params) {
	const value = scalar(params, 'state');
	if (value !== undefined && !STATES.includes(value))
		throw invalid('state', `must be one of ${STATES.join(', ')}`);
	return value;
}

/** @param {Row} row */
function v2Conversion(row) {
	return {
		id: row.id,
		createDate: row.createDate,
		confirmDate: orNull(row.confirmDate),
		campaignName: row.campaignName,
		campaignId: row.campaignId,
		value: row.value,
		sales: row.sales,
		currency: row.currency,
		affilId: row.affilId,
		partner: row.partner,
		transactionId: orNull(row.transactionId),
		state: row.state,
		channel: orNull(row.channel),
		coupon: orNull(row.coupon),
		comment: orNull(row.comment),
	};
}

/** @param {PartnerRow} row */
function v2Partner(row) {
	const { person, address, company } = row;
	return {
		person: [
			{
				id: Number(person.id),
				affilid: person.affilid,
				email: person.email,
				name: person.name,
				surname: person.surname,
				group: person.group,
				phone: orNull(person.phone),
				notification: person.notifikace === '1',
				recommendation: orNull(person.doporucil),
				register: person.register,
				lastLogin: orNull(person.last_login),
				allow: person.allow === '1',
				consent: row.souhlas_sdeleni !== '',
			},
		],
		address: [{ street: address.street, city: address.city, postCode: address.psc }],
		company: [{ name: company.name, ic: company.ic, dic: company.dic, dph: company.dph === '1' }],
	};
}

/** @type {V2Handler} */
function listConversions(params, ctx) {
	const userId = scalar(params, 'userId');
	const partner = userId === undefined ? undefined : findPartner(ctx.state, userId);
	const ids = idList(params, 'conversionsId');
	const transactions = params.transactionsId;
	const transactionIds =
		transactions === undefined
			? undefined
			: Array.isArray(transactions)
				? transactions
				: [transactions];
	const campaignId = wholeNumber(params, 'campaignId');
	const coupon = scalar(params, 'coupon');
	const wanted = state(params);
	const from = dateTime(params, 'dateFrom', undefined);
	const to = dateTime(params, 'dateTo', undefined);
	const fromId = wholeNumber(params, 'conversionFromId');
	const rows = ctx.state.conversions.filter((row) => {
		if (userId !== undefined && (!partner || row.affilId !== partner.person.affilid)) return false;
		if (ids && !ids.includes(row.id)) return false;
		if (transactionIds && !transactionIds.includes(row.transactionId)) return false;
		if (campaignId !== undefined && row.campaignId !== campaignId) return false;
		if (coupon !== undefined && row.coupon !== coupon) return false;
		if (wanted !== undefined && row.state !== wanted) return false;
		const created = normalizeDateTime(String(row.createDate ?? ''));
		if (from !== undefined && created < from) return false;
		if (to !== undefined && created > to) return false;
		if (fromId !== undefined && Number(row.id) < Number(fromId)) return false;
		return true;
	});
	return { ...OK(), conversion: rows.map(v2Conversion) };
}

/** @type {V2Handler} */
function addConversion(params, ctx) {
	const campaignId = wholeNumber(params, 'campaignId') ?? required(params, 'campaignId');
	const userId = required(params, 'userId');
	const createDate = dateTime(params, 'createDate', undefined) ?? required(params, 'createDate');
	const value = decimal(params, 'value') ?? required(params, 'value');
	const sales = decimal(params, 'sales');
	const transactionId = scalar(params, 'transactionId');
	const campaign = ctx.state.campaigns.find((c) => c.id === campaignId);
	if (!campaign) throw invalid('campaignId', `${campaignId} is not a campaign`);
	const partner = findPartner(ctx.state, userId);
	if (!partner) throw invalid('userId', `${userId} is not a partner`);
	if (
		transactionId !== undefined &&
		ctx.state.conversions.some(
			(c) => c.transactionId === transactionId && c.campaignId === campaignId,
		)
	)
		throw invalid('transactionId', `${transactionId} already exists in campaign ${campaignId}`);
	const id = String(Math.max(0, ...ctx.state.conversions.map((c) => Number(c.id) || 0)) + 1);
	ctx.state.conversions.push({
		id,
		createDate,
		confirmDate: '',
		campaignId,
		campaignName: campaign.name,
		value,
		sales: sales ?? '',
		currency: scalar(params, 'currency') ?? 'CZK',
		affilId: partner.person.affilid,
		partner: partner.person.email,
		transactionId: transactionId ?? '',
		state: 'waiting',
		channel: scalar(params, 'channel') ?? '',
		coupon: scalar(params, 'coupon') ?? '',
		comment: scalar(params, 'comment') ?? '',
	});
	return OK();
}

/** @type {V2Handler} */
function changeConversions(params, ctx) {
	const ids = idList(params, 'conversionId');
	if (!ids || ids.length === 0) throw invalid('conversionId', 'is required');
	const newState = state(params) ?? required(params, 'state');
	const value = decimal(params, 'value');
	const sales = decimal(params, 'sales');
	const currency = scalar(params, 'currency');
	const comment = scalar(params, 'comment');
	const rows = ids.map((id) => ctx.state.conversions.find((c) => c.id === id));
	const unknown = ids.filter((_, index) => rows[index] === undefined);
	if (unknown.length > 0 && ctx.modes.unknownIds === 'reject')
		throw invalid('conversionId', `unknown: ${unknown.join(', ')}`);
	for (const row of rows) {
		if (!row) continue;
		if (row.state !== newState) {
			row.state = newState;
			if (newState === 'waiting') row.confirmDate = '';
			else if (!row.confirmDate) row.confirmDate = ctx.now();
		}
		if (value !== undefined) row.value = value;
		if (sales !== undefined) row.sales = sales;
		if (currency !== undefined) row.currency = currency;
		if (comment !== undefined) row.comment = comment;
	}
	return OK();
}

/** @type {V2Handler} */
function listPartners(params, ctx) {
	const bounds = {
		registerFrom: dateTime(params, 'registerFrom', 'from'),
		registerTo: dateTime(params, 'registerTo', 'to'),
		lastLoginFrom: dateTime(params, 'lastLoginFrom', 'from'),
		lastLoginTo: dateTime(params, 'lastLoginTo', 'to'),
	};
	const rows = ctx.state.partners.filter((row) => {
		const register = normalizeDateTime(row.person.register);
		const login = normalizeDateTime(row.person.last_login ?? '');
		if (bounds.registerFrom && register < bounds.registerFrom) return false;
		if (bounds.registerTo && register > bounds.registerTo) return false;
		if (bounds.lastLoginFrom && (login === '' || login < bounds.lastLoginFrom)) return false;
		if (bounds.lastLoginTo && (login === '' || login > bounds.lastLoginTo)) return false;
		return true;
	});
	return { ...OK(), partner: rows.map(v2Partner) };
}

/** 16 lower-case letters and digits, like the reported API keys. */
function randomToken() {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return [...crypto.randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** @type {V2Handler} */
function addPartner(params, ctx) {
	const email = scalar(params, 'email');
	// Exactly the reported answer for a missing e-mail.
	if (email === undefined) throw new V2Error(422, 'Invalid data', fixture('error-422'));
	if (findPartner(ctx.state, email)) throw invalid('email', 'is already registered');
	const row = newPartnerRow(ctx.state, {
		email,
		affilid: `p${ctx.state.partners.length + 1}${randomToken().slice(0, 5)}`,
		register: ctx.now(),
		name: scalar(params, 'name'),
		surname: scalar(params, 'surname'),
	});
	row.person.phone = scalar(params, 'phone') ?? '';
	row.address = {
		street: scalar(params, 'street') ?? '',
		city: scalar(params, 'city') ?? '',
		psc: scalar(params, 'postCode') ?? '',
	};
	row.company = {
		...row.company,
		name: scalar(params, 'company') ?? '',
		ic: scalar(params, 'ic') ?? '',
		dic: scalar(params, 'dic') ?? '',
	};
	ctx.state.partners.push(row);
	const apiKey = randomToken();
	const password = `Sandbox-${randomToken().slice(0, 10)}`;
	ctx.issuedSecrets.push(apiKey, password);
	return {
		...OK(),
		instance: ctx.instance,
		url: 'https://partneri.sandbox.invalid',
		apiKey,
		login: email,
		password,
	};
}

/** @type {V2Handler} */
function listInvoices(_params, ctx) {
	const invoices = structuredClone(ctx.state.invoices);
	if (ctx.modes.invoiceList === 'bare') return { ...OK(), data: invoices };
	return { ...OK(), data: { invoices } };
}

/** @type {V2Handler} */
function billingRequest(_params, ctx) {
	if (ctx.modes.billingRequest === 'refused') {
		const body = fixture('billing-request-refused');
		throw new V2Error(200, String(body.message), body);
	}
	return OK();
}

/** @type {V2Handler} */
function uploadInvoice(params, ctx) {
	const invoiceId = wholeNumber(params, 'invoiceId') ?? required(params, 'invoiceId');
	const issuedOn = dateTime(params, 'issuedOn', undefined) ?? required(params, 'issuedOn');
	const due = dateTime(params, 'due', undefined) ?? required(params, 'due');
	const vs = wholeNumber(params, 'vs') ?? required(params, 'vs');
	const file = required(params, 'file');
	if (!Buffer.from(file, 'base64').subarray(0, 5).equals(Buffer.from('%PDF-')))
		throw invalid('file', 'must be a PDF, base64-encoded');
	const invoice = ctx.state.invoices.find((entry) => String(entry.id) === invoiceId);
	if (!invoice) throw invalid('invoiceId', `${invoiceId} is not an invoice`);
	Object.assign(invoice, {
		issueDate: issuedOn,
		dueDate: due,
		vs,
		uploadDate: ctx.now(),
		file: `https://partneri.sandbox.invalid/data/faktura/${vs}.pdf`,
	});
	const answer = structuredClone(invoice);
	// As reported: the uploaded invoice's one item as a bare object.
	if (Array.isArray(answer.items) && answer.items.length === 1) answer.items = answer.items[0];
	return { ...OK(), invoice: answer };
}

/** @type {V2Handler} */
function listCampaigns(_params, ctx) {
	return {
		...OK(),
		campaign: ctx.state.campaigns.map((c) => ({
			id: c.id,
			name: c.name,
			cookieValidity: c.cookieValidity,
			active: c.active === '1',
			commission: c.commission,
			fixCommission: c.fixCommission,
			trackingCode: c.trackingCode,
			conversionCode: c.conversionCode,
		})),
	};
}

/** `METHOD path` → handler. Filtered lists are POSTs, unfiltered GETs; both answer the same. */
/** @type {Record<string, V2Handler>} */
const ROUTES = {
	'GET ping': () => fixture('ping'),
	'GET check-credentials': () => fixture('check-credentials'),
	'GET conversions/list': listConversions,
	'POST conversions/list': listConversions,
	'POST conversions/add': addConversion,
	'POST conversions/change': changeConversions,
	'GET partner/list': listPartners,
	'POST partner/list': listPartners,
	'POST partner/add': addPartner,
	'GET dashboard': () => fixture('dashboard'),
	'GET instance': (_params, ctx) =>
		fixture(ctx.modes.instance === 'plain' ? 'instance-plain' : 'instance'),
	'GET invoices/list': listInvoices,
	'GET invoices/billing-request': billingRequest,
	'POST invoices/upload': uploadInvoice,
	'GET campaigns/list': listCampaigns,
};

/**
 * @param {string} method
 * @param {string} path
 * @param {V2Params} params
 * @param {V2Context} ctx
 */
function dispatchV2(method, path, params, ctx) {
	const handler = ROUTES[`${method} ${path}`];
	if (handler) return handler(params, ctx);
	const other = Object.keys(ROUTES).some((route) => route.endsWith(` ${path}`));
	if (other) throw new V2Error(405, 'Method Not Allowed');
	throw new V2Error(404, 'Not Found');
}

module.exports = { ROUTES, dispatchV2 };
