// @ts-check
'use strict';

/**
 * n8n in queue mode on this machine: one main (`n8n start`: triggers, pollers, webhooks) and
 * `n8n worker` processes (they run the executions), sharing a Redis queue, a PostgreSQL database
 * and one encryption key. Every member has a user folder of its own with both packages installed in
 * it as community packages, as separate machines would. Each process runs supervised; workers say
 * in their log which executions they ran ("Worker started execution N").
 */
const fs = require('node:fs');
const path = require('node:path');

const { freePort, packPackages, spawnSupervised } = require('../processes');
const { createInstance, durableCursorEnv, tailOf } = require('./instance');
const { requestJson } = require('./readiness');
const { LICENCE_ZONE, sandboxCredentials } = require('./sandboxStack');

/**
 * The settings every member shares.
 * @param {{ redis: { host: string, port: number }, postgres: { host: string, port: number, user: string, database: string } }} services
 */
function queueEnv({ redis, postgres }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}

/** @param {string} file @returns {string[]} execution IDs this worker's log says it started */
function executionsStartedIn(file) {
	if (!fs.existsSync(file)) return [];
	return [...fs.readFileSync(file, 'utf8').matchAll(/Worker started execution (\d+) \(job/g)].map(
		(match) => match[1],
	);
}

/**
 * @param {{ runtime: { node: string, n8n: string }, folder: string, payoutDir: string,
 *   services: Parameters<typeof queueEnv>[0],
 *   sandboxes: { affilbox: { url: string }, affelios: { url: string } },
 *   workers: number, workerConcurrency: number, mainEnv?: Record<string, string> }} options
 *   `mainEnv`: settings of the main only
 */
async function createQueueCluster(options) {
	fs.mkdirSync(options.payoutDir, { recursive: true });
	const tarballs = packPackages(options.folder);
	const shared = {
		...queueEnv(options.services),
		N8N_RESTRICT_FILE_ACCESS_TO: options.payoutDir,
	};

	/** @param {string} name */
	async function member(name, /** @type {Record<string, string>} */ own = {}) {
		const n8n = createInstance({
			runtime: options.runtime,
			userFolder: path.join(options.folder, name),
			port: await freePort(),
			brokerPort: await freePort(),
			timeZone: LICENCE_ZONE,
			extraEnv: { ...shared, ...own },
		});
		n8n.installPackages(tarballs);
		return n8n;
	}

	const main = await member('main', options.mainEnv);
	/** @type {Array<Awaited<ReturnType<typeof member>> & { healthPort: number }>} */
	const workerInstances = [];
	for (let index = 1; index <= options.workers; index++) {
		const healthPort = await freePort();
		const instance = await member(`worker${index}`, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		});
		workerInstances.push({ ...instance, healthPort });
	}
	// One database: what the main's CLI imports, every member sees.
	await main.importCredentials(sandboxCredentials(options.sandboxes));

	/** @type {Awaited<ReturnType<typeof main.start>> | undefined} */
	let mainProcess;
	/** @type {Array<ReturnType<typeof spawnSupervised> | undefined>} */
	const workerProcesses = workerInstances.map(() => undefined);

	/** @param {{ durableCursors: boolean }} settings */
	async function startMain(settings) {
		mainProcess = await main.start({ env: durableCursorEnv(settings.durableCursors) });
		return mainProcess;
	}

	async function stopMain() {
		await mainProcess?.stop();
		mainProcess = undefined;
	}

	/**
	 * Starts worker `index` (0-based) and waits until its health check says it is ready.
	 * @param {number} index
	 * @param {{ durableCursors: boolean }} settings
	 */
	async function startWorker(index, settings) {
		const instance = workerInstances[index];
		const logFile = workerLog(index);
		const out = fs.openSync(logFile, 'a'); // kept across restarts: who ran what
		const from = fs.fstatSync(out).size;
		const worker = spawnSupervised(
			options.runtime.node,
			[options.runtime.n8n, 'worker', `--concurrency=${options.workerConcurrency}`],
			{
				env: {
					...instance.env,
					N8N_LOG_OUTPUT: 'console',
					N8N_LOG_FORMAT: 'text',
					N8N_LOG_LEVEL: 'info',
					...durableCursorEnv(settings.durableCursors),
				},
				stdout: out,
				stderr: out,
			},
		);
		fs.closeSync(out);
		workerProcesses[index] = worker;
		const exited = worker.exited.then((code) => {
			throw new Error(
				`worker ${index + 1} exited with ${code} during start-up:\n${tailOf(logFile, { from })}`,
			);
		});
		try {
			await Promise.race([
				exited,
				requestJson(
					`http://127.0.0.1:${instance.healthPort}/healthz/readiness`,
					{},
					{ deadlineMs: 600_000, what: `worker ${index + 1}'s readiness` },
				),
			]);
		} catch (error) {
			await worker.stop();
			throw error;
		}
		exited.catch(() => {}); // a later exit is no start-up failure
		return worker;
	}

	/** @param {number} index */
	async function stopWorker(index) {
		await workerProcesses[index]?.stop();
		workerProcesses[index] = undefined;
	}

	/**
	 * Kills worker `index` (0-based) at once, as a machine dying would: SIGKILL to its whole process
	 * group (n8n and its task runners), no shutdown of any kind.
	 * @param {number} index
	 */
	async function killWorker(index) {
		const worker = workerProcesses[index];
		if (!worker) throw new Error(`worker ${index + 1} is not running`);
		try {
			process.kill(-worker.pid, 'SIGKILL');
		} catch {
			// gone already
		}
		await worker.exited;
		await worker.stop(); // nothing left; clears the supervised record
		workerProcesses[index] = undefined;
	}

	/** The process groups running now: the main's and each worker's (for their memory). */
	function processGroups() {
		/** @type {Record<string, number>} */
		const groups = {};
		if (mainProcess) groups.main = mainProcess.pid;
		workerProcesses.forEach((worker, index) => {
			if (worker) groups[`worker ${index + 1}`] = worker.pid;
		});
		return groups;
	}

	/** @param {number} index */
	function workerLog(index) {
		return path.join(workerInstances[index].userFolder, 'worker.log');
	}

	/** @returns {Map<string, number[]>} execution ID → the workers (1-based) whose log says they started it */
	function whoRan() {
		/** @type {Map<string, number[]>} */
		const ran = new Map();
		workerInstances.forEach((_, index) => {
			for (const id of executionsStartedIn(workerLog(index))) {
				ran.set(id, [...(ran.get(id) ?? []), index + 1]);
			}
		});
		return ran;
	}

	async function stopAll() {
		await Promise.all(workerInstances.map((_, index) => stopWorker(index)));
		await stopMain();
	}

	return {
		main,
		base: `http://127.0.0.1:${main.port}`,
		startMain,
		stopMain,
		startWorker,
		stopWorker,
		killWorker,
		processGroups,
		workerLog,
		whoRan,
		stopAll,
	};
}

module.exports = { createQueueCluster, queueEnv };
