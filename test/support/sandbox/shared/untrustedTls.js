// @ts-check
'use strict';

/**
 * An HTTPS server on 127.0.0.1 with a self-signed certificate (test/fixtures/tls), which n8n's
 * request helper refuses, as it refuses an expired or wrong certificate: the handshake fails before
 * any request is sent. It counts the connections made (each attempt opens one, before the
 * server shows its certificate) and the requests that got through (none should), so tests can pin
 * "a TLS failure means nothing was sent, and it is not repeated".
 */
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'tls');

/** @returns {Promise<{ origin: string, connections: number, requests: number, close(): Promise<void> }>} */
async function startUntrustedTlsServer() {
	const counts = { connections: 0, requests: 0 };
	const server = https.createServer(
		{
			key: fs.readFileSync(path.join(FIXTURES, 'self-signed.key.pem')),
			cert: fs.readFileSync(path.join(FIXTURES, 'self-signed.cert.pem')),
		},
		(_req, res) => {
			counts.requests += 1;
			res.writeHead(200, { 'Content-Type': 'text/plain' });
			res.end('should never be reached');
		},
	);
	// Raw TCP connections, counted when accepted: the client cannot judge the certificate before.
	server.on('connection', () => {
		counts.connections += 1;
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		origin: `https://127.0.0.1:${port}`,
		get connections() {
			return counts.connections;
		},
		get requests() {
			return counts.requests;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

module.exports = { startUntrustedTlsServer };
