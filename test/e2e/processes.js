// @ts-check
'use strict';

/** Child processes the end-to-end runs need: free ports, and sandboxes running on their own. */
const { execFileSync, spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/** @returns {Promise<number>} a port nothing listens on right now */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * Starts a sandbox script (`test/sandbox/<name>/server.js`) and waits for its "listening on URL" line.
 * @param {string} name
 * @param {{ port?: string, args?: string[] }} [options] port 0 (default): any free one
 * @returns {Promise<{ url: string, stop: () => void, output: () => string }>} `output`: what the
 *   sandbox printed so far (with `--verbose`, a line per call)
 */
async function startSandbox(name, options = {}) {
	const script = path.join(ROOT, 'test', 'sandbox', name, 'server.js');
	const args = [script, '--port', options.port ?? '0', ...(options.args ?? [])];
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
	let seen = '';
	/** @type {string} */
	const url = await new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			seen += chunk;
			const match = /listening on (\S+)/.exec(seen);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`${name} sandbox exited with ${code}`)));
	});
	return { url, stop: () => child.kill(), output: () => seen };
}

/**
 * Packs this package (`npm pack`, no scripts) into `destination`.
 * @param {string} destination
 * @returns {string} the tarball's path
 */
function packPackage(destination) {
	const name = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--silent', '--pack-destination', destination],
		{ cwd: ROOT, encoding: 'utf8' },
	)
		.trim()
		.split('\n')
		.pop();
	return path.join(destination, /** @type {string} */ (name));
}

module.exports = { freePort, packPackage, startSandbox, ROOT };
