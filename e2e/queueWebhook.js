'use strict';
/**
 * Queue mode with a webhook process, in a real n8n: Redis, main (`n8n start`, production webhooks
 * off: N8N_DISABLE_PRODUCTION_MAIN_PROCESS), one `n8n webhook` process and one worker, each with
 * its own empty user folder, sharing one SQLite database and the encryption key; all on 127.0.0.1.
 *
 * 1. The package is installed the way the editor's Settings → Community Nodes → Install does it
 *    (POST /rest/community-packages on main), from a local registry (see e2e/localRegistry.js for
 *    why n8n is shown one through an `npm` stand-in); n8n's Redis broadcast then installs it on
 *    the webhook process and the worker, each from the registry, into its own folder.
 * 2. A workflow I'mport Trigger → I'mport (Cash Receipt Get) is activated over REST on main, and
 *    notifications are posted (the simulator's sender) to the webhook process's production URL.
 *    Which process sent each request to the simulator is read from /proc (the socket's owner)
 *    while the simulator holds the request: the trigger's look-up must come from the webhook
 *    process, the receipt look-up from the worker.
 * 3. Processes started later: a worker on an empty disk without N8N_REINSTALL_MISSING_PACKAGES
 *    fails the execution with "Unrecognized node type"; with it but N8N_COMMUNITY_PACKAGES_REGISTRY
 *    set to a private registry, an unlicensed n8n refuses the reinstall; with it and the default
 *    registry, the worker reinstalls the package at start and runs the execution.
 *
 * Here: the processes, the registry and the secret scan. The workflow is in
 * e2e/queueWebhookWorkflow.js; step 1 in e2e/queueWebhookInstall.js, 2 in
 * e2e/queueWebhookTrigger.js, 3 in e2e/queueWebhookLater.js.
 *
 *   npm run build && node e2e/queueWebhook.js     (node >= 24; re-runs itself like e2e/queue.js)
 *
 * Needs `redis-server` (Debian: apt-get install -y redis-server) and Linux's /proc. Options:
 * --keep (keep the temporary folders). Environment: N8N_E2E_VERSION, N8N_E2E_CACHE (see
 * e2e/n8n.js), REDIS_SERVER. Exit code 0 only when every check passed.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	CACHE_DIR,
	timings,
	freePort,
	ensureN8n,
	packPackage,
	startN8n,
	importWorkflows,
	executionsOf,
	executionData,
	startRedis,
	startWorker,
	startWebhookProcess,
	queueEnv,
	loopbackClientGroup,
} = require('./n8n');
const { startLocalRegistry, startRefusingProxy, writeNpmShim } = require('./localRegistry');
const { check, cleanups, workFolder, runScript } = require('./script');
const { CREDENTIAL, WORKFLOW, PAID, executionWaiter } = require('./queueWebhookWorkflow');
const { installThroughN8n } = require('./queueWebhookInstall');
const { triggerOnWebhookProcess } = require('./queueWebhookTrigger');
const { laterProcessesInN8n } = require('./queueWebhookLater');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';

async function main() {
	console.log(
		`n8n-nodes-iamport queue mode with a webhook process: real n8n ${N8N_VERSION} on node ${process.version}`,
	);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const { createNotificationSender } = require(
		path.join(ROOT, 'test', 'simulator', 'notifications.js'),
	);
	const flatted = require(path.join(CACHE_DIR, 'node_modules', 'flatted'));
	const bin = await ensureN8n();
	const { tmp, userFolder: mainUser } = workFolder('n8n-iamport-queue-webhook-');
	const folder = (name) => {
		const dir = path.join(tmp, name);
		fs.mkdirSync(dir);
		return dir;
	};
	const services = cleanups();
	const simulator = createSimulator();
	const sender = createNotificationSender(simulator);
	/** process group -> name, for the simulator's "who sent this" */
	const names = new Map();
	const all = {};
	const track = (name, service) => {
		names.set(service.pid, name);
		all[name] = service;
		services.add(() => service.stop());
		return service;
	};
	try {
		const { tarball, ms: packMs } = await packPackage(tmp);
		timings.push({ step: 'package', detail: `npm pack ${path.basename(tarball)}`, ms: packMs });
		const registry = await startLocalRegistry(tarball);
		services.add(() => registry.stop());
		const proxy = await startRefusingProxy();
		services.add(() => proxy.stop());
		const shim = writeNpmShim(path.join(tmp, 'npm-shim'), registry.url);
		const baseUrl = await simulator.start(0);
		const simulatorPort = Number(new URL(baseUrl).port);
		for (const [n, impUid] of PAID.entries())
			simulator.payments.add({
				imp_uid: impUid,
				merchant_uid: `order_qwh_${n + 1}`,
				status: 'paid',
				amount: 10_000 + n,
				receipt: 'issued',
			});
		// Each request to the simulator: which of our processes holds the client end of its connection.
		simulator.hooks.onRequest = (entry) => {
			entry.from =
				names.get(loopbackClientGroup(entry.remotePort, simulatorPort, [...names.keys()])) ??
				'unknown';
		};

		const database = path.join(tmp, 'queue.sqlite');
		const redisPort = await freePort();
		const redis = await startRedis(tmp, redisPort);
		services.add(() => redis.stop());
		/** queue settings + offline: npm through the stand-in, HTTPS only to the refusing proxy */
		const envOf = async (userFolder, extra = {}, { viaShim = true } = {}) => {
			const env = await queueEnv(userFolder, { redisPort, database });
			return {
				...env,
				PATH: viaShim ? `${shim.dir}${path.delimiter}${env.PATH}` : env.PATH,
				HTTPS_PROXY: proxy.url,
				https_proxy: proxy.url,
				NO_PROXY: '127.0.0.1,localhost',
				no_proxy: '127.0.0.1,localhost',
				npm_config_cache: path.join(userFolder, '.npm-cache'),
				npm_config_update_notifier: 'false',
				npm_config_audit: 'false',
				npm_config_fund: 'false',
				N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
				...extra,
			};
		};
		const mainEnv = await envOf(mainUser, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
		const [account] = simulator.accounts;
		await importWorkflows(bin, mainEnv, tmp, {
			credential: CREDENTIAL,
			data: { impKey: account.impKey, impSecret: account.impSecret, tierCode: '', baseUrl },
			workflows: [WORKFLOW],
		});
		const mainProcess = track('main', await startN8n(bin, mainEnv));
		const webhookUser = folder('webhook-user');
		const worker1User = folder('worker-1-user');
		const [webhook, worker1] = await Promise.all([
			startWebhookProcess(bin, await envOf(webhookUser), 'webhook'),
			startWorker(bin, await envOf(worker1User), 'worker-1'),
		]);
		track('webhook', webhook);
		track('worker-1', worker1);
		console.log(
			`\nRedis 127.0.0.1:${redisPort}, main ${mainProcess.url} (production webhooks off), webhook process ${webhook.url}, worker-1; SQLite ${database}; registry ${registry.url}`,
		);

		const { client, packs } = await installThroughN8n({
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
		});
		const nextExecution = executionWaiter(client, flatted);
		const { url, productionPath, tokenFrom } = await triggerOnWebhookProcess({
			client,
			mainProcess,
			webhook,
			worker1,
			simulator,
			sender,
			nextExecution,
		});
		await laterProcessesInN8n({
			bin,
			envOf,
			folder,
			track,
			client,
			simulator,
			sender,
			nextExecution,
			registry,
			packs,
			worker1,
			webhook,
			url,
			productionPath,
		});

		/* ---------------- secrets */
		const executionsText = [];
		for (const e of await executionsOf(client, WORKFLOW.id))
			executionsText.push(JSON.stringify(await executionData(client, e.id, flatted)));
		const logs = Object.values(all).map((s) => s.logs());
		check('neither the API secret nor an access token in any answer, n8n log or execution', () => {
			const text = [
				...logs,
				...executionsText,
				...sender.sent.map((s) => String(s.answer)),
				...client.answers,
			].join('\n');
			const leaks = [SECRET_MARKER, ...simulator.issuedTokens].filter((s) => text.includes(s));
			return leaks.length === 0 ? true : `${leaks.length} leak(s)`;
		});
		console.log(
			`      simulator: ${simulator.log.length} requests (${tokenFrom.length} token); registry: ${registry.log.length} requests, ${registry.downloads()} tarball downloads; npm run ${shim.calls().length} times`,
		);
	} finally {
		const dir = path.join(tmp, 'logs');
		fs.mkdirSync(dir, { recursive: true });
		for (const [name, service] of Object.entries(all))
			fs.writeFileSync(path.join(dir, `${name}.log`), service.logs());
		await services.run();
		await simulator.stop().catch(() => {});
	}
}

runScript(__filename, main);
