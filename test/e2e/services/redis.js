// @ts-check
'use strict';

/**
 * A throw-away Redis (Debian's `redis-server`) on a free loopback port, its working directory in
 * `folder`, supervised like every other process the e2e runs start. It keeps its data across a
 * restart (an append-only file, as a production Redis keeps n8n's queue); `restart()` stops it
 * cleanly and starts it again on the same port.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { freePort, spawnSupervised } = require('../processes');
const { missingPackage, onPath } = require('./debian');

/** @param {number} port @returns {Promise<boolean>} whether Redis answers PING with PONG */
function pings(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let seen = '';
		const done = (/** @type {boolean} */ ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('data', (chunk) => {
			seen += chunk;
			if (seen.includes('\r\n')) done(seen.startsWith('+PONG'));
		});
		socket.write('PING\r\n');
	});
}

/**
 * @param {{ folder: string, timeoutMs?: number }} options
 * @returns {Promise<{ host: string, port: number, stop: () => Promise<void>, restart: () => Promise<void> }>}
 */
async function startRedis(options) {
	const found = onPath('redis-server');
	if (!found) throw missingPackage('redis-server', 'redis-server');
	const binary = found;
	const dir = path.join(options.folder, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');

	async function launch() {
		const out = fs.openSync(logFile, 'a');
		const server = spawnSupervised(
			binary,
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'yes',
			],
			{ stdout: out, stderr: out },
		);
		fs.closeSync(out);
		const deadline = Date.now() + (options.timeoutMs ?? 60_000);
		while (!(await pings(port))) {
			const code = server.exitCode();
			if (code !== null || Date.now() > deadline) {
				await server.stop();
				throw new Error(
					`redis-server did not start (${code !== null ? `exit code ${code}` : 'no PONG in time'}):\n` +
						fs.readFileSync(logFile, 'utf8').slice(-2000),
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		return server;
	}

	let server = await launch();
	return {
		host: '127.0.0.1',
		port,
		stop: () => server.stop(),
		async restart() {
			await server.stop();
			server = await launch();
		},
	};
}

module.exports = { startRedis };
