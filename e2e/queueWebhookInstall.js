'use strict';
/**
 * Part of e2e/queueWebhook.js: the package installed the way the editor's Settings → Community
 * Nodes → Install does it (POST /rest/community-packages on main), and n8n's Redis broadcast
 * installing it on the webhook process and the worker, each from the local registry into its own
 * user folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const { timings, restClient, stripAnsi, waitFor, NODE_TYPE } = require('./n8n');
const { check, same } = require('./script');
const { TRIGGER_TYPE } = require('./queueWebhookWorkflow');

const PACKAGE = 'n8n-nodes-iamport';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-only-password-1',
};
const REQUEST_TIMEOUT_MS = 60_000;
const INSTALL_WAIT_MS = 120_000;

const installedOnDisk = (userFolder) => {
	const file = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json');
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : null;
};

/** Logs in on main and installs; returns the REST client and packs(), who ran `npm pack` of the package. */
async function installThroughN8n({
	mainProcess,
	webhook,
	worker1,
	mainUser,
	webhookUser,
	worker1User,
	registry,
	proxy,
	shim,
	names,
}) {
	console.log('\nInstall on main (POST /rest/community-packages), broadcast to the others');
	const client = restClient(mainProcess.url, { timeoutMs: REQUEST_TIMEOUT_MS });
	await client.login(OWNER);
	const installStarted = Date.now();
	const { data: installed } = await client.rest('POST', '/community-packages', {
		name: PACKAGE,
	});
	const installedLine = `Community package installed: ${PACKAGE}`;
	const broadcastDone = () =>
		[webhook, worker1].every((s) => stripAnsi(s.logs()).includes(installedLine));
	await waitFor('the broadcast install', broadcastDone, INSTALL_WAIT_MS).catch(() => {});
	timings.push({
		step: 'install',
		detail: 'UI install on main, then the broadcast on webhook + worker-1',
		ms: Date.now() - installStarted,
	});
	check(
		`main installed ${PACKAGE}@${registry.version} (its record: the I'mport, I'mport Trigger, PortOne and PortOne Trigger nodes)`,
		() =>
			same(
				{
					version: installed.installedVersion,
					nodes: installed.installedNodes.map((n) => n.type).sort(),
				},
				{
					version: registry.version,
					nodes: [
						NODE_TYPE,
						TRIGGER_TYPE,
						'n8n-nodes-iamport.portOne',
						'n8n-nodes-iamport.portOneTrigger',
					].sort(),
				},
			),
	);
	check(
		`the Redis broadcast installed it on the webhook process and worker-1 ("${installedLine}"), each into its own user folder`,
		() =>
			same(
				{
					logged: [webhook, worker1].map((s) => stripAnsi(s.logs()).includes(installedLine)),
					onDisk: [mainUser, webhookUser, worker1User].map(installedOnDisk),
				},
				{ logged: [true, true], onDisk: Array(3).fill(registry.version) },
			),
	);
	const packs = () =>
		shim
			.calls()
			.filter((c) => c.args.startsWith(`pack ${PACKAGE}@`))
			.map((c) => names.get(c.ppid) ?? `pid ${c.ppid}`);
	check(
		'each process fetched it from the registry itself (npm pack run by main, webhook, worker-1; 3 tarball downloads)',
		() =>
			same(
				{ packs: packs().sort(), downloads: registry.downloads() },
				{ packs: ['main', 'webhook', 'worker-1'], downloads: 3 },
			),
	);
	console.log(
		`      n8n's own HTTPS requests (refused by the e2e proxy): ${[...new Set(proxy.attempts)].join(', ') || 'none'}`,
	);
	return { client, packs };
}

module.exports = { PACKAGE, installedOnDisk, installThroughN8n };
