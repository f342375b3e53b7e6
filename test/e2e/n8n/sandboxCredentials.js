// @ts-check
'use strict';

/**
 * The credentials `npm start` and the end-to-end tests import: one per sandbox, in n8n's export
 * format with plain `data` (n8n encrypts it on import).
 */

/** The AffilBox licence's time zone: the sandbox's, the credential's and the demo n8n's own zone. */
const LICENCE_ZONE = 'Europe/Prague';

/**
 * @param {{ affilboxUrl: string, affilboxKey: string, affeliosUrl: string, affeliosKey: string }} sandboxes
 */
function sandboxCredentials(sandboxes) {
	return [
		{
			id: 'affilboxSandbox',
			name: 'AffilBox sandbox',
			type: 'affilBoxApi',
			data: {
				apiUrl: sandboxes.affilboxUrl,
				apiKey: sandboxes.affilboxKey,
				timeZone: LICENCE_ZONE,
			},
		},
		{
			id: 'affeliosSandbox',
			name: 'Affelios sandbox',
			type: 'affeliosApi',
			data: {
				apiKey: sandboxes.affeliosKey,
				baseUrl: sandboxes.affeliosUrl,
				authorizationHeader: 'none',
			},
		},
	];
}

module.exports = { sandboxCredentials, LICENCE_ZONE };
