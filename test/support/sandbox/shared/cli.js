// @ts-check
'use strict';

/** The command line both sandboxes share: flags, listening, the announcement line, stopping. */

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @template {string} Name
 * @typedef {{ port: number, host: string, key: string, verbose: boolean } & Record<Name, string | undefined>} ParsedArgs
 */

/**
 * Reads the flags every sandbox takes (--port, --host, --key, --verbose) and the sandbox's own value
 * flags. A value follows its flag or is attached with `=`.
 * @template {string} Name
 * @param {string[]} argv
 * @param {{ port: number, key: string }} defaults
 * @param {Record<string, { name: Name, default?: string }>} [own] e.g. { '--seed': { name: 'seed' } }
 * @returns {ParsedArgs<Name>}
 */
function parseArgs(argv, defaults, own = {}) {
	/** @type {Record<string, string | undefined>} */
	const values = { host: '127.0.0.1', key: defaults.key };
	/** @type {Record<string, string>} flag → the property it sets */
	const valueFlags = { '--host': 'host', '--key': 'key' };
	for (const [flag, spec] of Object.entries(own)) {
		values[spec.name] = spec.default;
		valueFlags[flag] = spec.name;
	}
	let port = defaults.port;
	let verbose = false;
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
			return v;
		};
		if (flag === '--port') {
			port = Number(value());
			if (!Number.isInteger(port) || port < 0 || port > 65535)
				throw new Error('--port must be 0..65535');
		} else if (flag === '--verbose') {
			verbose = true;
		} else if (Object.hasOwn(valueFlags, flag)) {
			values[valueFlags[flag]] = value();
		} else {
			throw new Error(`unknown argument: ${argv[i]}`);
		}
	}
	return /** @type {ParsedArgs<Name>} */ ({ ...values, port, verbose });
}

/**
 * @template {{ port: number, host: string }} Args
 * @template {{ listen(port: number, host: string): Promise<string>, close(): Promise<void> }} Sandbox
 * @typedef {object} Cli
 * @property {string} tag starts fatal error lines on stderr, e.g. 'affilbox sandbox'
 * @property {string} usage printed after a flag error
 * @property {(argv: string[]) => Args} parseArgs
 * @property {(args: Args) => Sandbox} create
 * @property {(url: string, args: Args, sandbox: Sandbox) => string} announce the line printed once
 *   listening; the e2e tests and the benchmark find the URL in it by /listening on (\S+)/
 */

/**
 * Runs a sandbox as a command until SIGINT/SIGTERM. Exit codes: 2 for a flag error, 1 when the
 * sandbox cannot start or close, 0 after a clean stop.
 * @template {{ port: number, host: string }} Args
 * @template {{ listen(port: number, host: string): Promise<string>, close(): Promise<void> }} Sandbox
 * @param {Cli<Args, Sandbox>} cli
 */
function runCli(cli) {
	start(cli).catch((error) => {
		process.stderr.write(`${cli.tag}: ${messageOf(error)}\n`);
		process.exit(1);
	});
}

/**
 * @template {{ port: number, host: string }} Args
 * @template {{ listen(port: number, host: string): Promise<string>, close(): Promise<void> }} Sandbox
 * @param {Cli<Args, Sandbox>} cli
 */
async function start(cli) {
	/** @type {Args} */
	let args;
	try {
		args = cli.parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${messageOf(error)}\n${cli.usage}\n`);
		process.exit(2);
	}
	const sandbox = cli.create(args);
	const url = await sandbox.listen(args.port, args.host);
	process.stdout.write(`${cli.announce(url, args, sandbox)}\n`);
	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

module.exports = { parseArgs, runCli };
