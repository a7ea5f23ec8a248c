'use strict';
/**
 * Shared pieces of the scripts that drive a real n8n (e2e/, scripts/bench-n8n.js): a pinned
 * n8n cached in .cache/n8n-<version>, this package installed from its `npm pack` tarball as a
 * community package, an offline loopback-only environment for n8n, and bounded child processes
 * (each in its own process group, killed with it). This file gathers the parts in e2e/n8n/, so
 * every script keeps one `require('./n8n')`:
 *
 *   config.js          version, cache folder, timeouts, timings, the V1 credential and node types
 *   processes.js       bounded commands and long-running processes, signals, node 24, waits
 *   install.js         npm, the cached n8n install, the package packed and installed
 *   n8nProcess.js      n8n's environment, one n8n CLI command, `n8n start`
 *   workflows.js       `n8n import:*` of examples and built workflows, `n8n execute` output
 *   rest.js            the REST client, publishing, executions and their items
 *   queueProcesses.js  Redis, workers, webhook processes, the queue-mode environment
 *   socketOwner.js     which process holds a loopback connection (/proc)
 *   sqlite.js          queries on n8n's SQLite database
 *   secrets.js         secrets in n8n's output, logs and database
 *
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * Command line (read here for every script): --reinstall (ignore the cached n8n).
 */
const config = require('./n8n/config');
const processes = require('./n8n/processes');
const install = require('./n8n/install');
const n8nProcess = require('./n8n/n8nProcess');
const workflows = require('./n8n/workflows');
const rest = require('./n8n/rest');
const queueProcesses = require('./n8n/queueProcesses');
const { loopbackClientGroup } = require('./n8n/socketOwner');
const { sqliteQuery } = require('./n8n/sqlite');
const { leakedSecrets } = require('./n8n/secrets');

module.exports = {
	ROOT: config.ROOT,
	N8N_VERSION: config.N8N_VERSION,
	N8N_MAJOR: config.N8N_MAJOR,
	CACHE_DIR: config.CACHE_DIR,
	LOCAL_NODE: config.LOCAL_NODE,
	TIMEOUTS: config.TIMEOUTS,
	timings: config.timings,
	children: processes.children,
	run: processes.run,
	killGroup: processes.killGroup,
	killAll: processes.killAll,
	describeFailure: processes.describeFailure,
	seconds: processes.seconds,
	freePort: processes.freePort,
	reexecUnderNode24: processes.reexecUnderNode24,
	exitOnSignals: processes.exitOnSignals,
	npmCli: install.npmCli,
	npm: install.npm,
	ensureN8n: install.ensureN8n,
	packPackage: install.packPackage,
	installPackage: install.installPackage,
	n8nEnv: n8nProcess.n8nEnv,
	legacyExpressionEngine: n8nProcess.legacyExpressionEngine,
	n8n: n8nProcess.n8n,
	leakedSecrets,
	importExamples: workflows.importExamples,
	importWorkflows: workflows.importWorkflows,
	startProcess: processes.startProcess,
	startN8n: n8nProcess.startN8n,
	restClient: rest.restClient,
	parseExecution: workflows.parseExecution,
	activateWorkflow: rest.activateWorkflow,
	executionsOf: rest.executionsOf,
	executionData: rest.executionData,
	nodeItems: rest.nodeItems,
	QUEUE_TIMEOUTS: queueProcesses.QUEUE_TIMEOUTS,
	sleep: processes.sleep,
	stripAnsi: processes.stripAnsi,
	idsIn: processes.idsIn,
	waitFor: processes.waitFor,
	startService: queueProcesses.startService,
	startRedis: queueProcesses.startRedis,
	n8nUsesHostname: queueProcesses.n8nUsesHostname,
	canUnshareUts: queueProcesses.canUnshareUts,
	startWorker: queueProcesses.startWorker,
	startWebhookProcess: queueProcesses.startWebhookProcess,
	queueEnv: queueProcesses.queueEnv,
	waitForWebhook: queueProcesses.waitForWebhook,
	sqliteQuery,
	loopbackClientGroup,
	EXAMPLES: config.EXAMPLES,
	CREDENTIAL_TYPE: config.CREDENTIAL_TYPE,
	NODE_TYPE: config.NODE_TYPE,
};
