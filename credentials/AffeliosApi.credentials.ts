import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { DEFAULT_BASE_URL, checkBaseUrl } from '../nodes/Affelios/transport/credential';

const KEYS_PAGE = 'Settings → API Keys in the Affelios dashboard';

export class AffeliosApi implements ICredentialType {
	name = 'affeliosApi';

	displayName = 'Affelios API';

	icon: Icon = { light: 'file:../icons/affelios.svg', dark: 'file:../icons/affelios.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-affiliate/n8n-nodes-affiliate/blob/main/packages/affelios/README.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: `Create one under ${KEYS_PAGE}: it is shown only once. Give it the Customers and/or Transactions permission module.`,
			description: `Created under ${KEYS_PAGE} and shown only once. Give it the Customers and/or Transactions permission module.`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			required: true,
			hint: 'Older Affelios guides name https://platform.affelios.com: use it only if your account still runs there',
			description: 'Address of the Affelios API, without /api/v1 (the node adds it)',
		},
		{
			displayName: 'Also Send Authorization Header',
			name: 'authorizationHeader',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'Send the key only as X-Api-Key' },
				{
					name: 'Bearer Key',
					value: 'bearer',
					description: 'Also send Authorization: Bearer &lt;key&gt;',
				},
				{ name: 'Raw Key', value: 'raw', description: 'Also send Authorization: &lt;key&gt;' },
			],
			default: 'none',
			hint: 'Leave at None unless your Affelios account asks for an Authorization header',
			description:
				"X-Api-Key is always sent, as Affelios' guides say. Its generated API reference also declares an Authorization header: turn this on only if your account asks for it.",
		},
	];

	/** X-Api-Key always; Authorization only when chosen. Idempotent: n8n may apply it twice. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const base = checkBaseUrl(credentials.baseUrl);
		if (!base.ok) throw new ApplicationError(base.message, { level: 'warning' });

		const apiKey = String(credentials.apiKey ?? '');
		const headers: IHttpRequestOptions['headers'] = {
			...requestOptions.headers,
			'X-Api-Key': apiKey,
		};
		if (credentials.authorizationHeader === 'bearer') headers.Authorization = `Bearer ${apiKey}`;
		if (credentials.authorizationHeader === 'raw') headers.Authorization = apiKey;
		return { ...requestOptions, headers };
	}

	/**
	 * An empty customer batch: it needs no ID and stores nothing, and with a valid key it succeeds.
	 * A GET of a made-up customer would answer 404 with a valid key too, which could not be told
	 * apart from a wrong URL.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api(\\/v1)?$/i, "").replace(/\\/+$/, "") }}/api/v1/customer/bulk',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			body: '[]',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `Affelios rejected the API key: copy it again, or create a new one under ${KEYS_PAGE}`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `The key works but lacks the Customers permission module the test needs: enable it under ${KEYS_PAGE} (a key for transactions only can be saved anyway)`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `No Affelios API answers at this Base URL: use ${DEFAULT_BASE_URL}`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Affelios answered HTTP 400 to the empty test batch: this means the URL and key work (a wrong key gets 401), only the empty batch was refused. You can save the credential.',
				},
			},
		],
	};
}
