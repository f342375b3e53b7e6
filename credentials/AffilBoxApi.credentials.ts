import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { placeApiKey, checkApiUrl } from '../nodes/AffilBox/transport/credential';
import { timeZoneOptions } from '../nodes/AffilBox/helpers/timeZones';

// The smallest valid request: it carries only the (empty) key slot and a read-only method.
const CHEAP_CALL =
	'<?xml version="1.0" encoding="UTF-8"?><request><key></key><method>GetCampaigns</method></request>';

export class AffilBoxApi implements ICredentialType {
	name = 'affilBoxApi';

	displayName = 'AffilBox API';

	icon: Icon = { light: 'file:../icons/affilbox.svg', dark: 'file:../icons/affilbox.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-affiliate/n8n-nodes-affiliate/blob/main/packages/affilbox/README.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://c1234.affilbox.cz/api/',
			hint: 'In AffilBox: Settings → User settings. Copy it exactly as shown there, trailing slash included.',
			description:
				'Exactly as shown in your AffilBox licence under Settings → User settings. Must use https://.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'On the same page as the API URL: Settings → User settings in AffilBox',
			description: 'Shown next to the API URL under Settings → User settings',
		},
		{
			// A list instead of free text ("Prague" looked fine and failed at run time). Saved values
			// stay plain strings, so credentials saved with the text field keep working; an
			// expression can still give any IANA name, checked when the node runs.
			displayName: 'Licence Time Zone',
			name: 'timeZone',
			type: 'options',
			options: timeZoneOptions(),
			default: 'Europe/Prague',
			hint: 'The time zone your AffilBox licence keeps its dates in (Czech and Slovak licences: Europe/Prague). Dates you give the nodes are sent in it; dates AffilBox sends are read in it and come out with its offset.',
			description:
				'Time zone your AffilBox licence works in (type to search, e.g. "prague"). Dates you give the nodes are converted into it, and dates AffilBox sends are read in it.',
		},
	];

	/** Puts the XML-escaped key into the request document's key slot. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = checkApiUrl(credentials.apiUrl);
		if (!url.ok) throw new ApplicationError(url.message, { level: 'warning' });

		const body = requestOptions.body as { data?: unknown } | undefined;
		const document = typeof body?.data === 'string' ? body.data : undefined;
		const withKey =
			document === undefined ? undefined : placeApiKey(document, String(credentials.apiKey ?? ''));
		if (withKey === undefined) {
			throw new ApplicationError('AffilBox request has no place for the API key', {
				level: 'error',
			});
		}
		return { ...requestOptions, body: { ...body, data: withKey } };
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.apiUrl}}',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
			body: { data: CHEAP_CALL },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'AffilBox rejected the API key: copy it again from Settings → User settings',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'AffilBox refused access with this API key: check it under Settings → User settings',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No AffilBox API answers at this URL: copy the API URL from Settings → User settings',
				},
			},
		],
	};
}
