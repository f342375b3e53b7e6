import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import { assertTimeZone } from './dates';

export const DEFAULT_LICENCE_ZONE = 'Europe/Prague';

/** The licence's time zone from the credential: dates are converted into it before they are sent. */
export async function getLicenceZone(
	context: IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions,
): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const zone =
		typeof credentials.timeZone === 'string' && credentials.timeZone.trim() !== ''
			? credentials.timeZone.trim()
			: DEFAULT_LICENCE_ZONE;
	assertTimeZone(zone);
	return zone;
}
