'use strict';
/**
 * Part of e2e/n8n.js: n8n's offline loopback environment, one bounded n8n CLI command (import:*,
 * execute, ...), and `n8n start` until it serves its REST API.
 */
const http = require('node:http');
const { N8N_VERSION, N8N_MAJOR, TIMEOUTS, timings } = require('./config');
const { run, seconds, startProcess } = require('./processes');

/** n8n's environment: own sqlite user folder, offline, quiet, loopback only, on the given ports. */
function n8nEnv(userFolder, ports) {
	const env = {};
	// The caller's own n8n settings (database, queue mode, ...) stay out of the test.
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|QUEUE_|EXECUTIONS_|GENERIC_TIMEZONE$)/.test(key)) env[key] = value;
	}
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'e2e-only-encryption-key-not-secret',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Offline and quiet: no telemetry, version or template look-ups.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Loopback only, on free ports (the task broker of the Code node, and the main port).
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(ports.main),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		N8N_SECURE_COOKIE: 'false',
		...legacyExpressionEngine(),
	};
}

/**
 * n8n 1.x only (secondary target): its default `vm` expression engine (isolated-vm) does not work
 * for these workflows, so the scripts use n8n's `legacy` engine there, and say so. Found with
 * n8n 1.123.81: on node 20 the engine cannot start at all (its isolated-vm 6.2.0 needs node >= 22
 * and ships binaries for node 22 and 24 only); on node 24 it starts, but `$('Node').item` (paired
 * items) evaluates to null even in a workflow of n8n's own nodes. n8n 2.x: default engine.
 */
function legacyExpressionEngine() {
	if (N8N_MAJOR >= 2) return {};
	if (!legacyExpressionEngine.told) {
		console.log(
			`note: n8n ${N8N_VERSION}: N8N_EXPRESSION_ENGINE=legacy (see legacyExpressionEngine in e2e/n8n.js)`,
		);
		legacyExpressionEngine.told = true;
	}
	return { N8N_EXPRESSION_ENGINE: 'legacy' };
}

/** One n8n CLI command (import:*, execute, ...), bounded by TIMEOUTS.n8nCommand; onSpawn as run()s. */
function n8n(bin, args, env, { onSpawn } = {}) {
	return run(process.execPath, [bin, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env,
		timeoutMs: TIMEOUTS.n8nCommand,
		onSpawn,
	});
}

function httpGetStatus(url, timeoutMs) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			res.resume();
			resolve(res.statusCode);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
	});
}

/**
 * `n8n start` in its own process group, on env.N8N_PORT; resolves once each of `readyPaths` (by
 * default GET /healthz and then GET /rest/settings: /healthz comes up before the REST API has its
 * routes) answered 200, within timeoutMs in all. Returns { url, pid, logs(), stop() }; stop() kills the
 * whole group.
 */
async function startN8n(
	bin,
	env,
	{ timeoutMs = TIMEOUTS.n8nStart, readyPaths = ['/healthz', '/rest/settings'] } = {},
) {
	const started = Date.now();
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	const n8nProcess = startProcess(process.execPath, [bin, 'start'], {
		cwd: env.N8N_USER_FOLDER,
		env,
		graceMs: 5_000,
	});
	const server = { url, pid: n8nProcess.pid, logs: n8nProcess.logs, stop: n8nProcess.stop };
	const tail = () => n8nProcess.logs().split('\n').slice(-30).join('\n');
	const waitingFor = [...readyPaths];
	while (Date.now() - started < timeoutMs) {
		const exited = n8nProcess.exited();
		if (exited) {
			throw new Error(
				`n8n start exited early (code ${exited.code}${exited.signal ? `, ${exited.signal}` : ''})\n${tail()}`,
			);
		}
		if ((await httpGetStatus(`${url}${waitingFor[0]}`, 2_000)) === 200) waitingFor.shift();
		if (waitingFor.length === 0) {
			timings.push({
				step: 'n8n start',
				detail: `n8n start until GET ${readyPaths.join(', ')} answered 200 (${url})`,
				ms: Date.now() - started,
			});
			return server;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	await server.stop();
	throw new Error(
		`n8n start: no 200 from ${url}${waitingFor[0]} within ${seconds(timeoutMs)}\n${tail()}`,
	);
}

module.exports = { n8nEnv, legacyExpressionEngine, n8n, httpGetStatus, startN8n };
