/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: finds a closed local port */
import { createServer } from 'node:net';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { AffilBoxApi } from '../../credentials/AffilBoxApi.credentials';

/** An API URL on a local port that nothing listens on: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}/api/`;
}

/**
 * The AffilBox credential, counting how often n8n authenticates a request: once per attempt,
 * including attempts that never reach a server. `beforeAttempt` runs before the request goes out
 * (e.g. to start a server on a port that refused the previous attempt).
 */
export class CountingAffilBoxApi extends AffilBoxApi {
	attempts = 0;

	constructor(private readonly beforeAttempt?: (attempt: number) => Promise<void>) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		this.attempts += 1;
		await this.beforeAttempt?.(this.attempts);
		return await super.authenticate(credentials, requestOptions);
	}
}
