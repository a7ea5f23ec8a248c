'use strict';
/**
 * Part of e2e/n8n.js: the processes of queue mode (redis-server, `n8n worker`, `n8n webhook`),
 * each ready once its log says so, the environment they share, a worker's own hostname where n8n
 * would name workers after it, and the wait until a production webhook is registered.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { MINUTE, timings } = require('./config');
const { seconds, freePort, startProcess, sleep, stripAnsi, waitFor } = require('./processes');
const { n8nEnv, httpGetStatus } = require('./n8nProcess');

const QUEUE_TIMEOUTS = {
	redisStart: 30_000,
	workerStart: 3 * MINUTE,
	webhookStart: 3 * MINUTE,
	stop: 45_000, // n8n waits up to 30 s for running executions on SIGTERM
	webhookRegistered: 30_000,
};

/**
 * A long-running process in its own process group, ready once `isReady(output)` holds (within
 * timeoutMs). Returns { name, pid, logs(), exited(), stop() }; stop() sends SIGTERM to the group,
 * then SIGKILL after QUEUE_TIMEOUTS.stop, and kills what is left of the group either way.
 */
async function startService(name, command, args, { env, cwd, isReady, timeoutMs }) {
	const started = Date.now();
	const service = {
		name,
		...startProcess(command, args, { cwd, env, graceMs: QUEUE_TIMEOUTS.stop }),
	};
	const tail = () => service.logs().split('\n').slice(-30).join('\n');
	while (!isReady(stripAnsi(service.logs()))) {
		const exited = service.exited();
		if (exited)
			throw new Error(
				`${name} exited early (code ${exited.code}${exited.signal ? `, ${exited.signal}` : ''})\n${tail()}`,
			);
		if (Date.now() - started > timeoutMs) {
			await service.stop();
			throw new Error(`${name} not ready within ${seconds(timeoutMs)}\n${tail()}`);
		}
		await sleep(200);
	}
	timings.push({ step: 'start', detail: name, ms: Date.now() - started });
	return service;
}

/** redis-server on 127.0.0.1:port, no persistence, its files in <tmp>/redis; REDIS_SERVER names the binary. */
function startRedis(tmp, port) {
	const redisServer = process.env.REDIS_SERVER || 'redis-server';
	if (spawnSync(redisServer, ['--version'], { stdio: 'ignore' }).status !== 0) {
		throw new Error(
			`${redisServer} not found: install Redis (Debian: apt-get install -y redis-server) or set REDIS_SERVER`,
		);
	}
	const dir = path.join(tmp, 'redis');
	fs.mkdirSync(dir);
	// Loopback only, no persistence; its own folder for anything it writes.
	const args = [
		'--bind',
		'127.0.0.1',
		'--port',
		String(port),
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
		'--daemonize',
		'no',
	];
	return startService(`redis-server on 127.0.0.1:${port}`, redisServer, args, {
		cwd: dir,
		env: process.env,
		isReady: (out) => out.includes('Ready to accept connections'),
		timeoutMs: QUEUE_TIMEOUTS.redisStart,
	});
}

/**
 * n8n names a worker after the hostname when it thinks it runs in a container (the test n8n-core
 * makes, copied here): two workers on one host would then share one id.
 */
function n8nUsesHostname() {
	if (fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv')) return true;
	for (const file of ['/proc/self/cgroup', '/proc/self/mountinfo']) {
		try {
			if (/docker|kubepods|kubelet|containerd/.test(fs.readFileSync(file, 'utf8'))) return true;
		} catch {
			// not readable
		}
	}
	return false;
}

/** Whether `unshare --uts` can give a process its own hostname here (needs root or CAP_SYS_ADMIN). */
function canUnshareUts() {
	const r = spawnSync('unshare', ['--uts', '--', 'sh', '-c', 'hostname n8n-queue-probe'], {
		stdio: 'ignore',
		timeout: 10_000,
	});
	return r.status === 0;
}

/**
 * `n8n worker --concurrency=N`, ready on "n8n worker is now ready"; under its own hostname when
 * `hostname` is given (`unshare --uts` execs, so the service's pid is the worker's own).
 */
function startWorker(bin, env, name, hostname, { concurrency = 5 } = {}) {
	const n8nArgs = [bin, 'worker', `--concurrency=${concurrency}`];
	const [command, args] = hostname
		? [
				'unshare',
				[
					'--uts',
					'--',
					'sh',
					'-c',
					'hostname "$0" && exec "$@"',
					hostname,
					process.execPath,
					...n8nArgs,
				],
			]
		: [process.execPath, n8nArgs];
	return startService(
		`${name} (n8n worker${hostname ? `, hostname ${hostname}` : ''})`,
		command,
		args,
		{
			cwd: env.N8N_USER_FOLDER,
			env,
			isReady: (out) => out.includes('n8n worker is now ready'),
			timeoutMs: QUEUE_TIMEOUTS.workerStart,
		},
	);
}

/**
 * `n8n webhook` (production webhooks only) on env.N8N_PORT, ready once it logged "Webhook listener
 * waiting for requests" and then GET /healthz answered 200. Returns startService's object and its `url`.
 */
async function startWebhookProcess(bin, env, name) {
	const started = Date.now();
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	const service = await startService(
		`${name} (n8n webhook, ${url})`,
		process.execPath,
		[bin, 'webhook'],
		{
			cwd: env.N8N_USER_FOLDER,
			env,
			isReady: (out) => out.includes('Webhook listener waiting for requests'),
			timeoutMs: QUEUE_TIMEOUTS.webhookStart,
		},
	);
	const left = QUEUE_TIMEOUTS.webhookStart - (Date.now() - started);
	await waitFor(
		`${name}: GET ${url}/healthz answering 200`,
		async () => (await httpGetStatus(`${url}/healthz`, 2_000)) === 200,
		Math.max(left, 5_000),
	).catch(async (error) => {
		await service.stop();
		throw error;
	});
	return { ...service, url };
}

/** The environment every queue-mode process shares, on top of n8nEnv's offline loopback one: own ports each. */
async function queueEnv(userFolder, { redisPort, database }) {
	return {
		...n8nEnv(userFolder, { main: await freePort(), broker: await freePort() }),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
		DB_SQLITE_DATABASE: database,
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_LOG_LEVEL: 'info',
	};
}

/**
 * Waits (bounded) until n8n serves a POST production webhook: readiness can answer 200 before a
 * published workflow's webhook is registered. A GET, which a POST webhook refuses without running
 * anything, tells "registered for POST" from "not registered".
 */
async function waitForWebhook(webhookUrl, timeoutMs = QUEUE_TIMEOUTS.webhookRegistered) {
	const registered = () =>
		new Promise((resolve) => {
			const req = http.get(webhookUrl, { timeout: 5_000 }, (res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve(body.includes('Did you mean to make a POST request')));
			});
			req.on('timeout', () => req.destroy());
			req.on('error', () => resolve(false));
		});
	await waitFor(`webhook ${webhookUrl} registered`, registered, timeoutMs);
}

module.exports = {
	QUEUE_TIMEOUTS,
	startService,
	startRedis,
	n8nUsesHostname,
	canUnshareUts,
	startWorker,
	startWebhookProcess,
	queueEnv,
	waitForWebhook,
};
