// @ts-check
'use strict';

/**
 * `node supervisor.js <command> [args…]`: runs one command inside a process group of its own (this
 * process leads it) and makes sure the whole group goes away:
 *  - when the parent goes away, even killed with SIGKILL: the parent holds the other end of our
 *    stdin, and the kernel closes it when the parent dies;
 *  - when asked (SIGTERM/SIGINT/SIGHUP to this process): the command gets one SIGTERM (n8n then shuts
 *    down cleanly and stops its own task runners) and GRACE_MS to end, then the group gets SIGKILL;
 *  - when the command exits on its own: whatever it left in the group (n8n's task runners) is killed.
 * Exits with the command's exit code (128 + signal number when it was killed by a signal).
 */
const { spawn } = require('node:child_process');
const os = require('node:os');

const { groupMembers } = require('./groups');

const GRACE_MS = Number(process.env.SUPERVISOR_GRACE_MS ?? 20_000);
const [command, ...args] = process.argv.slice(2);
if (!command) {
	process.stderr.write('usage: node supervisor.js <command> [args…]\n');
	process.exit(2);
}

// Same process group as this one (the parent spawned us detached, so we lead a new group).
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

function killOthers(/** @type {NodeJS.Signals} */ signal) {
	for (const pid of groupMembers(process.pid)) {
		if (pid === process.pid) continue;
		try {
			process.kill(pid, signal);
		} catch {
			// gone meanwhile
		}
	}
}

let stopping = false;
function stop() {
	if (stopping) return;
	stopping = true;
	// One signal, to the command only: a second SIGTERM, or one to n8n's task runner, cuts n8n's
	// clean shutdown short.
	child.kill('SIGTERM');
	setTimeout(() => killOthers('SIGKILL'), GRACE_MS).unref();
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGTERM', 'SIGINT', 'SIGHUP'])) {
	process.on(signal, stop);
}
// The lifeline: end of stdin means the parent is gone.
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

child.on('error', (error) => {
	process.stderr.write(`supervisor: cannot run ${command}: ${error.message}\n`);
	process.exit(127);
});
child.on('exit', (code, signal) => {
	killOthers('SIGKILL');
	const signalNumber = signal ? (os.constants.signals[signal] ?? 0) : 0;
	process.exit(code ?? 128 + signalNumber);
});
