// @ts-check
'use strict';

/**
 * New partners, as GetOrCreatePartner creates them and as tests register them (partnerControls in
 * server.js): one shape, so a registered partner reads exactly like one the API created.
 */
const { nextId } = require('./store');

/** @typedef {import('./store').PartnerRow} PartnerRow */

/**
 * A partner as AffilBox registers one: a new id, the given identity and registration time, allowed
 * unless `allow` says '0', promoting every active campaign.
 * @param {import('./store').State} state
 * @param {{ email: string, affilid: string, register: string, allow?: string, name?: string, surname?: string }} fields
 * @returns {PartnerRow}
 */
function newPartnerRow(state, fields) {
	return {
		person: {
			id: nextId(state.partners.map((x) => x.person?.id)),
			affilid: fields.affilid,
			email: fields.email,
			name: fields.name ?? '',
			surname: fields.surname ?? '',
			group: '',
			phone: '',
			notifikace: '1',
			doporucil: '',
			register: fields.register,
			last_login: '',
			allow: fields.allow ?? '1',
		},
		address: { street: '', city: '', psc: '' },
		company: { name: '', ic: '', dic: '', description: '', dph: '' },
		campaigns: state.campaigns.filter((c) => c.active === '1').map((c) => c.id),
		souhlas_sdeleni: '',
	};
}

/**
 * What tests do to partners besides the API: register one (as a sign-up on the licence's page
 * would) and allow or disallow one (as the programme's manager does in AffilBox's back office).
 * @param {import('./store').State} state
 * @param {() => string} now the licence's wall-clock time, `yyyy-MM-dd HH:mm:ss`
 */
function partnerControls(state, now) {
	let registered = 0;
	return {
		/**
		 * @param {{ affilid?: string, email?: string, register?: string, allow?: boolean, name?: string, surname?: string }} [fields]
		 * @returns {PartnerRow} the stored row (its `person.id` is the partner's id)
		 */
		registerPartner(fields = {}) {
			registered += 1;
			const affilid = fields.affilid ?? `registered-${registered}-${state.partners.length + 1}`;
			const row = newPartnerRow(state, {
				affilid,
				email: fields.email ?? `${affilid}@example.com`,
				register: fields.register ?? now(),
				allow: fields.allow === false ? '0' : '1',
				name: fields.name,
				surname: fields.surname,
			});
			state.partners.push(row);
			return row;
		},
		/**
		 * @param {string} partnerId the partner's id or affiliate ID
		 * @param {boolean} [allowed]
		 */
		allowPartner(partnerId, allowed = true) {
			const row = state.partners.find(
				(p) => p.person?.id === partnerId || p.person?.affilid === partnerId,
			);
			if (!row) throw new Error(`no partner ${partnerId} in the sandbox`);
			row.person.allow = allowed ? '1' : '0';
		},
	};
}

module.exports = { newPartnerRow, partnerControls };
