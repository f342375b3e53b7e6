// @ts-check
'use strict';

/** Finding partners, campaigns and conversions in the store, with the API's not-found / ambiguity errors. */
const { conflict, notFound } = require('../errors');

/**
 * @typedef {import('../store').State} State
 * @typedef {import('../store').PartnerRow} PartnerRow
 * @typedef {import('../store').Row} Row
 */

/**
 * A partner by affiliate id (exact) or, failing that, by e-mail (case-insensitive).
 * @param {State} state
 * @param {string} partnerId
 * @returns {PartnerRow | undefined}
 */
function findPartner(state, partnerId) {
	return (
		state.partners.find((p) => p.person?.affilid === partnerId) ??
		state.partners.find(
			(p) => String(p.person?.email ?? '').toLowerCase() === partnerId.toLowerCase(),
		)
	);
}

/**
 * @param {State} state
 * @param {string} partnerId
 * @returns {PartnerRow}
 */
function requirePartner(state, partnerId) {
	const partner = findPartner(state, partnerId);
	if (!partner) throw notFound(`Partner not found: ${partnerId}`);
	return partner;
}

/**
 * @param {State} state
 * @param {string} campaignId normalised int text
 * @returns {Row}
 */
function requireCampaign(state, campaignId) {
	const campaign = state.campaigns.find((c) => c.id === campaignId);
	if (!campaign) throw notFound(`Campaign not found: ${campaignId}`);
	return campaign;
}

/**
 * The one conversion with this transaction id (in that campaign when given).
 * @param {State} state
 * @param {string} conversionId the client's transaction id
 * @param {string | undefined} campaignId
 * @returns {Row}
 */
function requireConversion(state, conversionId, campaignId) {
	const matches = state.conversions.filter(
		(c) =>
			c.transactionId === conversionId && (campaignId === undefined || c.campaignId === campaignId),
	);
	if (matches.length === 0) {
		throw notFound(
			campaignId === undefined
				? `Conversion not found: ${conversionId}`
				: `Conversion not found: ${conversionId} in campaign ${campaignId}`,
		);
	}
	if (campaignId === undefined && new Set(matches.map((c) => c.campaignId)).size > 1) {
		throw conflict('Ambiguous conversion_id: exists in several campaigns, give campaign_id');
	}
	return matches[0];
}

module.exports = { findPartner, requirePartner, requireCampaign, requireConversion };
