// @ts-check
'use strict';

/**
 * A proxy that holds every request `latency-ms` before passing it on to `target`: the sandboxes
 * answer in microseconds, real APIs do not, and concurrency only pays off against latency. It runs
 * as a process of its own, as a remote API's network does: in the benchmark's process its work
 * would queue on the event loop of the node being measured.
 *
 * usage: node scripts/bench/latencyProxy.js <target URL> <latency ms>
 * prints "latency proxy listening on <URL>" (the target's path on the proxy's origin)
 */
const http = require('node:http');

const [target, latency] = process.argv.slice(2);
const latencyMs = Number(latency);
if (!target || !Number.isFinite(latencyMs) || latencyMs < 0) {
	process.stderr.write('usage: node scripts/bench/latencyProxy.js <target URL> <latency ms>\n');
	process.exit(2);
}
const upstream = new URL(target);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const server = http.createServer((req, res) => {
	/** @type {Buffer[]} */
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', () => {
		setTimeout(() => {
			const forward = http.request(
				{
					host: upstream.hostname,
					port: upstream.port,
					path: req.url,
					method: req.method,
					headers: req.headers,
					agent,
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			forward.end(Buffer.concat(chunks));
		}, latencyMs);
	});
});
server.listen(0, '127.0.0.1', () => {
	const url = new URL(target);
	url.host = `127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
	const shown = url.toString().replace(/\/$/, target.endsWith('/') ? '/' : '');
	process.stdout.write(`latency proxy listening on ${shown}\n`);
});
process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
