import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import { assertTimeZone } from './dates';

export const DEFAULT_LICENCE_ZONE = 'Europe/Prague';

/**
 * The licence's time zone from the credential (the XML API's unless another type is named, e.g.
 * the API v2 credential, which has the same field): dates are converted into it before they are sent.
 */
export async function getLicenceZone(
	context: IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions,
	credentialType: string = CREDENTIAL_TYPE,
): Promise<string> {
	const credentials = await context.getCredentials(credentialType);
	const zone =
		typeof credentials.timeZone === 'string' && credentials.timeZone.trim() !== ''
			? credentials.timeZone.trim()
			: DEFAULT_LICENCE_ZONE;
	assertTimeZone(zone);
	return zone;
}
