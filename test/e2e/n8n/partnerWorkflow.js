// @ts-check
'use strict';

/**
 * A published workflow for the end-to-end test of the AffilBox Partner Trigger: it polls every
 * minute and posts the affiliate ID of every partner it fires for to the test's receiver.
 */
const { workflowTellingTheTest } = require('./watch');

const PARTNER_WORKFLOW_ID = 'e2ePartnerTrigger';

/** @param {string} receiverUrl @param {string} startDate Start From → Since a Date */
function partnerWorkflow(receiverUrl, startDate) {
	return workflowTellingTheTest(
		PARTNER_WORKFLOW_ID,
		'e2e partner trigger',
		{
			id: 'partners',
			name: 'New Partner',
			type: 'n8n-nodes-affilbox.affilBoxPartnerTrigger',
			typeVersion: 1,
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				startFrom: 'date',
				startDate,
			},
			credentials: { affilBoxApi: { id: 'affilboxSandbox', name: 'AffilBox sandbox' } },
		},
		receiverUrl,
		['affilId'],
	);
}

module.exports = { partnerWorkflow, PARTNER_WORKFLOW_ID };
