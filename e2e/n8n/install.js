'use strict';
/**
 * Part of e2e/n8n.js: npm run with explicit settings, the pinned n8n installed once into
 * CACHE_DIR (a side folder renamed when complete, sqlite3 rebuilt), and this package packed and
 * installed into a user folder's .n8n/nodes as n8n installs a community package.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	N8N_MAJOR,
	CACHE_DIR,
	MARKER,
	REINSTALL,
	TIMEOUTS,
	timings,
} = require('./config');
const { run, describeFailure } = require('./processes');

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

module.exports = { npmCli, npm, ensureN8n, packPackage, installPackage };
