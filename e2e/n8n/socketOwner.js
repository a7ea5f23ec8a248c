'use strict';
/**
 * Part of e2e/n8n.js: which of our processes sent a request over loopback, read from Linux's /proc
 * (e2e/queueWebhook.js tells the webhook process's requests from the worker's with it).
 */
const fs = require('node:fs');

/**
 * Which of `groups` (process-group ids: the pids of startProcess/startService) holds the TCP
 * socket 127.0.0.1:clientPort connected to 127.0.0.1:serverPort, read from Linux's /proc: the
 * socket's inode in /proc/net/tcp, then the /proc/<pid>/fd link to it. Ask while the connection is
 * open (a server asking about a request it has not answered yet). null when none of them holds it.
 */
function loopbackClientGroup(clientPort, serverPort, groups) {
	const hexPort = (port) => port.toString(16).toUpperCase().padStart(4, '0');
	const [local, remote] = [`0100007F:${hexPort(clientPort)}`, `0100007F:${hexPort(serverPort)}`];
	const socket = fs
		.readFileSync('/proc/net/tcp', 'utf8')
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.find((f) => f[1] === local && f[2] === remote);
	if (!socket || socket[9] === '0') return null;
	const target = `socket:[${socket[9]}]`;
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			// pid (comm) state ppid pgrp ...: comm may hold spaces, so count from its closing parenthesis
			const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
			if (!groups.includes(pgrp)) continue;
			const holds = (fd) => {
				try {
					return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
				} catch {
					return false; // closed meanwhile
				}
			};
			if (fs.readdirSync(`/proc/${pid}/fd`).some(holds)) return pgrp;
		} catch {
			// gone meanwhile, or not ours to read
		}
	}
	return null;
}

module.exports = { loopbackClientGroup };
