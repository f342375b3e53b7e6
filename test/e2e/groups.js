// @ts-check
'use strict';

/**
 * What runs on this machine, read from Linux's /proc: the members of a process group, the
 * processes carrying an environment marker, who listens on a TCP port. Used to stop every process
 * n8n leaves behind and to prove afterwards that none is left.
 */
const fs = require('node:fs');
const path = require('node:path');

/** @returns {number[]} */
function allPids() {
	return fs
		.readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number);
}

/**
 * @param {number} pid
 * @returns {{ ppid: number, pgrp: number, state: string } | undefined} undefined when it is gone
 */
function statOf(pid) {
	let text;
	try {
		text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses, so read after the last ')'.
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]) };
}

/** @param {number} pid @returns {number | undefined} its process group, undefined when it is gone */
function groupOf(pid) {
	return statOf(pid)?.pgrp;
}

/** @param {number} pid */
function isAlive(pid) {
	const stat = statOf(pid);
	return stat !== undefined && stat.state !== 'Z';
}

/** @param {number} pgid @returns {number[]} living members of the process group */
function groupMembers(pgid) {
	return allPids().filter((pid) => {
		const stat = statOf(pid);
		return stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z';
	});
}

/**
 * @param {string} marker `NAME=value` as it appears in the environment
 * @returns {number[]} living processes (other than this one) whose environment holds it
 */
function processesWithEnv(marker) {
	return allPids().filter((pid) => {
		if (pid === process.pid || !isAlive(pid)) return false;
		try {
			return fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
		} catch {
			return false;
		}
	});
}

/** @param {string} dir @returns {number[]} living processes working in that directory */
function processesIn(dir) {
	const wanted = path.resolve(dir);
	return allPids().filter((pid) => {
		try {
			return isAlive(pid) && fs.readlinkSync(`/proc/${pid}/cwd`) === wanted;
		} catch {
			return false;
		}
	});
}

/** @param {number} pid */
function commandLine(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
	} catch {
		return '';
	}
}

/**
 * Best effort: the processes listening on a TCP port (IPv4 or IPv6), with their command lines.
 * Empty when unknown (another user's process, or /proc hides it).
 * @param {number} port
 * @returns {Array<{ pid: number, command: string }>}
 */
function portHolders(port) {
	const inodes = new Set();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text = '';
		try {
			text = fs.readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length < 10) continue;
			const localPort = parseInt(fields[1].split(':').pop() ?? '', 16);
			const listening = fields[3] === '0A';
			if (listening && localPort === port) inodes.add(fields[9]);
		}
	}
	if (inodes.size === 0) return [];
	const holders = [];
	for (const pid of allPids()) {
		let fds = [];
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		const holds = fds.some((fd) => {
			try {
				const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
				return match !== null && inodes.has(match[1]);
			} catch {
				return false;
			}
		});
		if (holds) holders.push({ pid, command: commandLine(pid) });
	}
	return holders;
}

module.exports = {
	groupMembers,
	processesWithEnv,
	processesIn,
	portHolders,
	isAlive,
	groupOf,
	commandLine,
};
