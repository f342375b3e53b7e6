// @ts-check
'use strict';

/**
 * A throw-away PostgreSQL (Debian's `postgresql` package) on a free loopback port: a fresh cluster
 * in a temporary directory (trust authentication, loopback only, its unix socket there too),
 * supervised like every other process the e2e runs start, removed again on stop. PostgreSQL refuses
 * to run as root: as root, initdb and the server run as the `postgres` user (runuser), in a
 * directory that user owns.
 */
const { execFile, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort, spawnSupervised } = require('../processes');
const { missingPackage } = require('./debian');

const DEBIAN_ROOT = '/usr/lib/postgresql';
const USER = 'postgres';

/** @returns {string | undefined} the bin directory of the newest PostgreSQL Debian installed */
function binDir() {
	let versions = [];
	try {
		versions = fs.readdirSync(DEBIAN_ROOT).filter((name) => /^\d+$/.test(name));
	} catch {
		return undefined;
	}
	const dirs = versions
		.sort((a, b) => Number(b) - Number(a))
		.map((version) => path.join(DEBIAN_ROOT, version, 'bin'))
		.filter((dir) => fs.existsSync(path.join(dir, 'postgres')));
	return dirs[0];
}

const asRoot = process.getuid?.() === 0;
/** @param {string} program @param {string[]} args @returns {[string, string[]]} run as the postgres user when we are root */
function asPostgres(program, args) {
	return asRoot ? ['runuser', ['-u', USER, '--', program, ...args]] : [program, args];
}

/**
 * @param {{ database: string, timeoutMs?: number }} options
 */
async function startPostgres(options) {
	const found = binDir();
	if (!found) throw missingPackage('PostgreSQL (initdb, postgres)', 'postgresql');
	const bin = found;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-pg-'));
	const data = path.join(folder, 'data');
	const logFile = path.join(folder, 'postgres.log');
	const remove = () => fs.rmSync(folder, { recursive: true, force: true });
	if (asRoot) {
		const chown = spawnSync('chown', [`${USER}:${USER}`, folder], { encoding: 'utf8' });
		if (chown.status !== 0) {
			remove();
			throw new Error(`cannot hand ${folder} to the ${USER} user: ${chown.stderr}`);
		}
	}
	const initdb = spawnSync(
		...asPostgres(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			USER,
			'--auth=trust',
			'--encoding=UTF8',
			'--no-sync',
		]),
		{ encoding: 'utf8' },
	);
	if (initdb.status !== 0) {
		remove();
		throw new Error(`initdb failed (exit ${initdb.status}): ${initdb.stderr || initdb.error}`);
	}

	const port = await freePort();

	async function launch() {
		const out = fs.openSync(logFile, 'a');
		const server = spawnSupervised(
			...asPostgres(path.join(bin, 'postgres'), [
				'-D',
				data,
				'-p',
				String(port),
				'-k',
				folder,
				'-c',
				'listen_addresses=127.0.0.1',
				// A throw-away database: no need to survive a power cut.
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			]),
			{ stdout: out, stderr: out },
		);
		fs.closeSync(out);
		const deadline = Date.now() + (options.timeoutMs ?? 60_000);
		for (;;) {
			const ready = spawnSync(path.join(bin, 'pg_isready'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
			]);
			if (ready.status === 0) return server;
			const code = server.exitCode();
			if (code !== null || Date.now() > deadline) {
				const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
				await halt(server);
				remove();
				throw new Error(
					`postgres did not start (${code !== null ? `exit code ${code}` : 'not ready in time'}):\n${log}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** A fast shutdown (clients cut off, then a clean stop); the group is killed if that hangs. @param {{ stop: () => Promise<void> }} server */
	async function halt(server) {
		spawnSync(...asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']), {
			encoding: 'utf8',
			timeout: 30_000,
		});
		await server.stop();
	}

	let server = await launch();

	async function stop() {
		await halt(server);
		remove();
	}

	/** Stops the server (a fast shutdown: clients cut off) and starts it again on its data and port. */
	async function restart() {
		await halt(server);
		server = await launch();
	}

	/**
	 * One SQL statement through psql; rows as tab-separated lines.
	 * @param {string} sql
	 * @param {string} [database]
	 * @returns {Promise<string>}
	 */
	function query(sql, database = options.database) {
		return new Promise((resolve, reject) => {
			execFile(
				path.join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', database, '-X', '-q', '-A', '-t'],
				{ maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
				(error, stdout, stderr) =>
					error ? reject(new Error(`psql: ${stderr || error.message}`)) : resolve(stdout),
			).stdin?.end(`\\set ON_ERROR_STOP on\n${sql}\n`);
		});
	}

	try {
		await query(`CREATE DATABASE ${options.database}`, 'postgres');
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, user: USER, database: options.database, query, stop, restart };
}

module.exports = { startPostgres };
