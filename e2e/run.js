'use strict';
/**
 * End-to-end test in a real n8n (draft: install step only).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const N8N_VERSION = process.env.N8N_E2E_VERSION || '2.41.1';
const CACHE_DIR = path.resolve(process.env.N8N_E2E_CACHE || path.join(ROOT, '.cache', `n8n-${N8N_VERSION}`));
const MARKER = '.e2e-installed.json';

function npmCli() {
	const candidates = [process.env.npm_execpath, path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const bin = path.join(dir, 'npm');
		if (fs.existsSync(bin)) candidates.push(fs.realpathSync(bin));
	}
	const found = candidates.find((c) => c && /npm-cli\.js$/.test(c) && fs.existsSync(c));
	if (!found) throw new Error('npm-cli.js not found (looked at npm_execpath and npm on PATH)');
	return found;
}

function run(command, args, { cwd, env, timeoutMs, label }) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd, env: env || process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - started, label });
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ code: -1, error, timedOut, stdout, stderr: stderr + String(error), ms: Date.now() - started, label });
		});
	});
}

async function installN8n() {
	const npm = npmCli();
	const nodeDir = path.resolve(path.dirname(process.execPath), '..');
	const work = `${CACHE_DIR}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'n8n-e2e-cache', private: true }, null, 2));
	const env = { ...process.env, npm_config_nodedir: nodeDir, npm_config_update_notifier: 'false' };
	let r = await run(process.execPath, [npm, 'install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error'], { cwd: work, env, timeoutMs: 30 * 60_000 });
	console.log('install', r.code, r.ms, r.stderr.slice(-3000));
	if (r.code !== 0) throw new Error('install failed');
	r = await run(process.execPath, [npm, 'rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${nodeDir}`, '--foreground-scripts', '--loglevel=error'], { cwd: work, env, timeoutMs: 15 * 60_000 });
	console.log('rebuild', r.code, r.ms, r.stdout.slice(-2000), r.stderr.slice(-3000));
}

if (process.argv.includes('--install-only')) installN8n();
