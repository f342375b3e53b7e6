import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { timeZoneOptions } from '../nodes/AffilBox/helpers/timeZones';
import { DEFAULT_V2_API_URL, checkV2ApiUrl } from '../nodes/AffilBox/transport/apiV2/credential';

// AffilBox publishes no API v2 documentation: the one public source (an open-source client) does not
// say where a user finds these values, and the hints say so instead of guessing.
const NOT_DOCUMENTED =
	'AffilBox does not document where it is shown: ask AffilBox support if your licence settings do not show it';

/**
 * AffilBox "API version 2" (JSON): HTTP Basic authentication with the licence's instance number
 * as the user and the API key as the password, as the one public client sends it.
 */
export class AffilBoxApiV2Api implements ICredentialType {
	name = 'affilBoxApiV2Api';

	displayName = 'AffilBox V2 API';

	icon: Icon = { light: 'file:../icons/affilbox.svg', dark: 'file:../icons/affilbox.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-affiliate/n8n-nodes-affiliate/blob/main/docs/affilbox-api-v2.md#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance Number',
			name: 'instanceNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1234',
			hint: `The number of your AffilBox licence (instance). ${NOT_DOCUMENTED}.`,
			description:
				'Sent as the user name of HTTP Basic authentication. Licence addresses often look like c1234.affilbox.cz, but that this is the instance number is not confirmed.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: `The API v2 key of your licence. ${NOT_DOCUMENTED}, nor whether it is the same key as the XML API's (Settings → User settings).`,
			description: 'Sent as the password of HTTP Basic authentication, never in a URL or body',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: DEFAULT_V2_API_URL,
			required: true,
			placeholder: `e.g. ${DEFAULT_V2_API_URL}`,
			hint: `One address for every licence, as far as is known: keep ${DEFAULT_V2_API_URL}. This is not your licence's XML API URL.`,
			description: 'Must use https://',
		},
		{
			displayName: 'Licence Time Zone',
			name: 'timeZone',
			type: 'options',
			options: timeZoneOptions(),
			default: 'Europe/Prague',
			hint: 'API v2 dates carry no offset: they are read as wall-clock time in this zone and come out with its offset (Czech and Slovak licences: Europe/Prague). That the API uses the licence zone is assumed, not documented.',
			description:
				'Time zone the dates of API v2 answers are read in, and dates you give are sent in (type to search, e.g. "prague")',
		},
	];

	/** HTTP Basic: instance number as the user, API key as the password. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = checkV2ApiUrl(credentials.apiUrl);
		if (!url.ok) throw new ApplicationError(url.message, { level: 'warning' });
		const username = String(credentials.instanceNumber ?? '').trim();
		if (username === '') {
			throw new ApplicationError('The Instance Number of the AffilBox V2 API credential is empty', {
				level: 'warning',
			});
		}
		return {
			...requestOptions,
			auth: { username, password: String(credentials.apiKey ?? '') },
		};
	}

	/**
	 * `check-credentials` reads nothing and changes nothing (never billing-request, which creates).
	 * n8n takes either status rules or one body rule, not both: a 200 with `status: "error"` is not
	 * reported for this endpoint, a 401 is.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{ String($credentials.apiUrl).trim().replace(/\\/+$/, "") }}/check-credentials',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'AffilBox rejected the instance number or API key: check both (the key is the API v2 key of your licence)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `No AffilBox API v2 answers at this API URL: use ${DEFAULT_V2_API_URL}`,
				},
			},
		],
	};
}
