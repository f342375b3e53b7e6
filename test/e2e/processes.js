// @ts-check
'use strict';

/**
 * Child processes the end-to-end runs need: free ports, a plain check that a port is free, and
 * processes that never outlive us (each in a process group of its own under test/e2e/supervisor.js,
 * stopped as a group).
 */
const { execFileSync, spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const { listPackages } = require('../../tools/packages');
const { groupMembers, portHolders } = require('./groups');

const ROOT = path.join(__dirname, '..', '..');
const SUPERVISOR = path.join(__dirname, 'supervisor.js');
/** How long a stopped group may take before it is killed (the supervisor's own grace is 20 s). */
const STOP_DEADLINE_MS = 30_000;

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
 * @param {number} port
 * @returns {Promise<boolean>} whether a server could listen on it on every interface (as n8n does)
 */
async function portIsFree(port) {
	/** @param {string} host @returns {Promise<NodeJS.ErrnoException | null>} */
	const tryListen = (host) =>
		new Promise((resolve) => {
			const server = net.createServer();
			server.once('error', (error) => resolve(error));
			server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
		});
	let error = await tryListen('::');
	if (error?.code === 'EAFNOSUPPORT' || error?.code === 'EADDRNOTAVAIL')
		error = await tryListen('0.0.0.0');
	return error === null;
}

/** @param {string} command a command line with long paths cut to their last two parts */
function shortCommand(command) {
	const short = command
		.split(' ')
		.map((arg) =>
			arg.length > 30 && arg.includes('/') ? `…/${arg.split('/').slice(-2).join('/')}` : arg,
		)
		.join(' ');
	return short.length > 160 ? `${short.slice(0, 159)}…` : short;
}

/**
 * Throws a plain message naming every taken port, what it is for and who holds it.
 * @param {Array<{ port: number, what: string, setting: string }>} ports
 */
async function assertPortsFree(ports) {
	const problems = [];
	for (const { port, what, setting } of ports) {
		if (port === 0 || (await portIsFree(port))) continue;
		const holders = portHolders(port)
			.map((holder) => `pid ${holder.pid} (${shortCommand(holder.command)})`)
			.join(', ');
		problems.push(
			`Port ${port} (${what}) is already in use${holders ? ` by ${holders}` : ''}. ` +
				`Stop that program, or choose another port with ${setting}=<port>.`,
		);
	}
	if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** @typedef {{ pid: number, exited: Promise<number>, exitCode: () => number | null, stop: () => Promise<void> }} Supervised */

/** Every group started here and not yet stopped, with its stop(): stopped when this process exits. */
const running = new Map(/** @type {Array<[number, () => Promise<void>]>} */ ([]));
process.once('exit', () => {
	for (const pgid of running.keys()) {
		try {
			process.kill(pgid, 'SIGTERM'); // the supervisor; it also sees its lifeline close
		} catch {
			// gone already
		}
	}
});

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
	} catch {
		// no such group any more
	}
}

/**
 * Runs `command args` under the supervisor, in a new process group. If this process dies, however
 * it dies, the supervisor sees its stdin close and stops the group.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, stdout?: 'pipe' | 'inherit' | 'ignore' | number, stderr?: 'pipe' | 'inherit' | 'ignore' | number }} [options]
 * @returns {Supervised & { child: import('node:child_process').ChildProcess }}
 */
function spawnSupervised(command, args, options = {}) {
	const child = spawn(process.execPath, [SUPERVISOR, command, ...args], {
		detached: true,
		env: options.env ?? process.env,
		cwd: options.cwd,
		stdio: ['pipe', options.stdout ?? 'inherit', options.stderr ?? 'inherit'],
	});
	const pgid = /** @type {number} */ (child.pid);
	running.set(pgid, () => stop());
	child.stdin?.on('error', () => {}); // the lifeline is never written to; a closed one is no news
	/** @type {number | null} */
	let exitCode = null;
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			exitCode = code ?? (signal ? 128 : 1);
			resolve(exitCode);
		});
	});

	async function stop() {
		if (exitCode === null) {
			child.kill('SIGTERM'); // the supervisor passes it on to its command only
			let timer;
			const late = new Promise((resolve) => {
				timer = setTimeout(resolve, STOP_DEADLINE_MS);
			});
			await Promise.race([exited, late]);
			clearTimeout(timer);
		}
		// Whatever is still in the group (a stuck child, or the supervisor itself) is killed.
		if (groupMembers(pgid).length > 0) signalGroup(pgid, 'SIGKILL');
		await exited;
		running.delete(pgid);
	}

	return { child, pid: pgid, exited, exitCode: () => exitCode, stop };
}

/** How many supervised groups started here are still running. */
function supervisedCount() {
	return running.size;
}

/** Stops every group started here (n8n, sandboxes, a running install) and waits until all are gone. */
async function stopAllSupervised() {
	await Promise.all([...running.values()].map((stop) => stop()));
}

/**
 * Starts a Node script that announces "listening on URL" on its stdout (a sandbox, the benchmark's
 * latency proxy) and waits for that line.
 * @param {string} script
 * @param {string[]} args
 * @param {string} name what the error of a script that exits first calls it
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void>, output: () => string }>}
 *   `output`: what the script printed so far
 */
async function startListening(script, args, name) {
	const started = spawnSupervised(process.execPath, [script, ...args], { stdout: 'pipe' });
	const stdout = /** @type {import('node:stream').Readable} */ (started.child.stdout);
	try {
		let seen = '';
		/** @type {string} */
		const url = await new Promise((resolve, reject) => {
			stdout.on('data', (chunk) => {
				seen += chunk;
				const match = /listening on (\S+)/.exec(seen);
				if (match) resolve(match[1]);
			});
			started.exited.then((code) => reject(new Error(`${name} exited with ${code}`)));
		});
		return { url, pid: started.pid, stop: started.stop, output: () => seen };
	} catch (error) {
		await started.stop();
		throw error;
	}
}

/**
 * Starts a sandbox script (`test/support/sandbox/<name>/server.js`) and waits for its "listening on URL" line.
 * @param {string} name
 * @param {{ port?: string, args?: string[] }} [options] port 0 (default): any free one
 * @returns {ReturnType<typeof startListening>} `output`: with `--verbose`, a line per call
 */
async function startSandbox(name, options = {}) {
	const script = path.join(ROOT, 'test', 'support', 'sandbox', name, 'server.js');
	return await startListening(
		script,
		['--port', options.port ?? '0', ...(options.args ?? [])],
		`${name} sandbox`,
	);
}

/**
 * Packs built packages (`npm pack` of their dist/<name>/ folders, no scripts) into `destination`.
 * @param {string} destination
 * @param {string[]} [names] which packages; default: all of them
 * @returns {Record<string, string>} package name → its tarball's path
 */
function packPackages(destination, names = listPackages().map((pkg) => pkg.name)) {
	/** @type {Record<string, string>} */
	const tarballs = {};
	for (const pkg of listPackages().filter((candidate) => names.includes(candidate.name))) {
		const file = execFileSync(
			'npm',
			['pack', '--ignore-scripts', '--silent', '--pack-destination', destination],
			{ cwd: pkg.builtDir, encoding: 'utf8' },
		)
			.trim()
			.split('\n')
			.pop();
		tarballs[pkg.name] = path.join(destination, /** @type {string} */ (file));
	}
	const missing = names.filter((name) => !(name in tarballs));
	if (missing.length > 0) throw new Error(`no package named ${missing.join(', ')}`);
	return tarballs;
}

module.exports = {
	freePort,
	packPackages,
	portIsFree,
	assertPortsFree,
	spawnSupervised,
	stopAllSupervised,
	supervisedCount,
	startListening,
	startSandbox,
	ROOT,
};
