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
	restClient,
	importWorkflows,
	activateWorkflow,
	executionsOf,
	executionData,
	nodeItems,
	stripAnsi,
	idsIn,
	waitFor,
	startRedis,
	startWorker,
	startWebhookProcess,
	queueEnv,
	waitForWebhook,
	loopbackClientGroup,
	CREDENTIAL_TYPE,
	NODE_TYPE,
} = require('./n8n');
const { startLocalRegistry, startRefusingProxy, writeNpmShim } = require('./localRegistry');
const { check, same, cleanups, workFolder, runScript } = require('./script');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';
const PACKAGE = 'n8n-nodes-iamport';
const TRIGGER_TYPE = 'n8n-nodes-iamport.iamportTrigger';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-only-password-1',
};
const REQUEST_TIMEOUT_MS = 60_000;
const INSTALL_WAIT_MS = 120_000;
const EXECUTION_WAIT_MS = 60_000;

const CREDENTIAL = { id: 'iamportQueueWebhook', name: "I'mport API (queue webhook simulator)" };
const WEBHOOK_ID = '7a1c2e3d-4b5f-4a6b-8c7d-9e0f1a2b3c4d';
const TRIGGER = 'Payment paid';
const RECEIPT = 'Cash receipt';
const WORKFLOW = {
	id: 'iamportQueueWebhook',
	name: "Queue mode: I'mport Trigger on a webhook process, its cash receipt on a worker",
	active: false,
	nodes: [
		{
			id: '7a1c2e3d-0001-4a6b-8c7d-9e0f1a2b3c4d',
			name: TRIGGER,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { statuses: ['paid'], options: {} },
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
		{
			id: '7a1c2e3d-0002-4a6b-8c7d-9e0f1a2b3c4d',
			name: RECEIPT,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'cashReceipt', operation: 'get', impUid: '={{ $json.imp_uid }}' },
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
	],
	connections: { [TRIGGER]: { main: [[{ node: RECEIPT, type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** Paid payments with an issued cash receipt, one per real notification. */
const PAID = Array.from({ length: 6 }, (_, n) => `imp_qwh_${String(n + 1).padStart(4, '0')}`);

/** The HTTP status of a GET (0 when nothing answered within 5 s). */
const getStatus = async (url) => {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
	} catch {
		return 0;
	}
};

const installedOnDisk = (userFolder) => {
	const file = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json');
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : null;
};

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

		/* ---------------- 1. installed from the editor's install route; n8n's broadcast does the rest */
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
			`main installed ${PACKAGE}@${registry.version} (its record: the I'mport, I'mport Trigger and PortOne nodes)`,
			() =>
				same(
					{
						version: installed.installedVersion,
						nodes: installed.installedNodes.map((n) => n.type).sort(),
					},
					{
						version: registry.version,
						nodes: [NODE_TYPE, TRIGGER_TYPE, 'n8n-nodes-iamport.portOne'].sort(),
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

		/* ---------------- 2. the trigger on the webhook process, the execution on a worker */
		console.log('\nNotifications to the webhook process');
		const activated = await activateWorkflow(client, WORKFLOW.id);
		const listeningLine = `I'mport Trigger "${TRIGGER}" is listening`;
		await waitFor(
			'the activation logged',
			() => stripAnsi(mainProcess.logs()).includes(listeningLine),
			10_000,
		).catch(() => {});
		check(
			"the workflow is active (REST on main); main ran the trigger's activation (its log names the URL)",
			() =>
				same(
					{ activated, listening: stripAnsi(mainProcess.logs()).includes(listeningLine) },
					{ activated: true, listening: true },
				),
		);
		const productionPath = `/webhook/${WEBHOOK_ID}/webhook`;
		const url = `${webhook.url}${productionPath}`;
		await waitForWebhook(url);
		const lookups = (from) =>
			simulator.log
				.slice(from)
				.filter((e) => e.method === 'GET' && e.rawPath.startsWith('/payments/'));
		const mark0 = simulator.log.length;
		const atMain = await sender.notify(`${mainProcess.url}${productionPath}`, PAID[0]);
		check(
			'main does not serve the production URL (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): no 200, nothing looked up',
			() =>
				atMain.status !== 200 && lookups(mark0).length === 0
					? true
					: `HTTP ${atMain.status}, ${lookups(mark0).length} look-ups`,
		);
		console.log(
			`      main answered HTTP ${atMain.status} ${(/<pre>([^<]*)<\/pre>/.exec(String(atMain.answer))?.[1] ?? String(atMain.answer)).slice(0, 120)}`,
		);

		const seen = new Set();
		/** The next finished execution of the workflow (bounded), with its data. */
		async function nextExecution() {
			let next;
			await waitFor(
				'the next finished execution',
				async () => {
					next = (await executionsOf(client, WORKFLOW.id)).find(
						(e) => !seen.has(e.id) && !['new', 'running', 'waiting'].includes(e.status),
					);
					return Boolean(next);
				},
				EXECUTION_WAIT_MS,
			);
			seen.add(next.id);
			return executionData(client, next.id, flatted);
		}

		const real = [];
		for (const [n, impUid] of PAID.slice(0, 3).entries()) {
			const mark = simulator.log.length;
			const answer = await sender.notify(url, impUid, { as: n % 2 ? 'form' : 'json' });
			const execution = await nextExecution();
			real.push({ impUid, answer, execution, requests: simulator.log.slice(mark) });
		}
		const started1 = idsIn(worker1.logs(), /Worker started execution (\d+)/g);
		const enqueuedBy = (s) => idsIn(s.logs(), /Enqueued execution (\d+)/g);
		for (const { impUid, answer, execution, requests } of real) {
			const from = (method, prefix) =>
				requests
					.filter((e) => e.method === method && e.rawPath.startsWith(prefix))
					.map((e) => e.from);
			check(
				`${impUid}: the webhook process answered 200; the look-up GET /payments/${impUid} came from the webhook process, GET /receipts/${impUid} from worker-1`,
				() =>
					same(
						{
							http: `${answer.status} ${answer.answer}`,
							lookup: from('GET', '/payments/'),
							receipt: from('GET', '/receipts/'),
						},
						{ http: '200 {"received":true}', lookup: ['webhook'], receipt: ['worker-1'] },
					),
			);
			const [receipt] = nodeItems(execution, RECEIPT);
			check(
				`${impUid}: execution ${execution.id} (mode ${execution.mode}) enqueued by the webhook process, run by worker-1, success, receipt found`,
				() =>
					same(
						{
							status: execution.status,
							enqueuedByWebhook: enqueuedBy(webhook).includes(Number(execution.id)),
							ranOnWorker1: started1.includes(Number(execution.id)),
							trigger: nodeItems(execution, TRIGGER).map((i) => `${i.imp_uid} ${i.verified}`),
							receipt: receipt && `${receipt.imp_uid} ${receipt.outcome}`,
						},
						{
							status: 'success',
							enqueuedByWebhook: true,
							ranOnWorker1: true,
							trigger: [`${impUid} true`],
							receipt: `${impUid} found`,
						},
					),
			);
		}
		check('main enqueued no execution', () => same(enqueuedBy(mainProcess), []));
		const tokenFrom = simulator.tokenRequests().map((e) => e.from);
		console.log(
			`      token requests from: ${tokenFrom.join(', ')} (the stored token is shared through the database)`,
		);

		// Forgeries: a failed payment claimed paid, an unknown imp_uid: answered 200, dropped by the trigger.
		const markForged = simulator.log.length;
		const forged = [
			await sender.notify(url, 'imp_pay_failed_0001', { spoof: { status: 'paid' } }),
			await sender.post(url, {
				imp_uid: 'imp_999999999999',
				merchant_uid: 'order_x',
				status: 'paid',
			}),
		];
		const dropped = () =>
			(stripAnsi(webhook.logs()).match(/dropped an unverified notification/g) ?? []).length;
		await waitFor('the drops logged', () => dropped() >= 2, 10_000).catch(() => {});
		const forgedLookups = lookups(markForged).map((e) => `${e.rawPath} ${e.from}`);
		// One more real notification: once its execution is in, anything a forgery started would be too.
		await sender.notify(url, PAID[3]);
		const last = await nextExecution();
		const count = (await executionsOf(client, WORKFLOW.id)).length;
		check(
			'forged notifications (a failed payment claimed paid, an unknown imp_uid): 200, looked up by the webhook process, dropped there, no execution',
			() =>
				same(
					{
						http: forged.map((f) => f.status),
						lookups: forgedLookups,
						droppedInWebhookLog: dropped(),
						executions: count,
						lastIsTheRealOne: nodeItems(last, TRIGGER)[0]?.imp_uid,
					},
					{
						http: [200, 200],
						lookups: [
							'/payments/imp_pay_failed_0001 webhook',
							'/payments/imp_999999999999 webhook',
						],
						droppedInWebhookLog: 2,
						executions: 4,
						lastIsTheRealOne: PAID[3],
					},
				),
		);

		/* ---------------- 3. processes started later */
		console.log('\nWorkers started later, on an empty disk');
		await worker1.stop();
		const missingLine = 'n8n detected that some packages are missing';
		const late1User = folder('late-1-user');
		const late1 = track(
			'late-1',
			await startWorker(bin, await envOf(late1User), 'late-1 (defaults)'),
		);
		const answer1 = await sender.notify(url, PAID[4]);
		const failed = await nextExecution();
		const failure = failed.data?.resultData?.error?.message;
		console.log(`      execution ${failed.id}: ${failed.status}, ${failure}`);
		check(
			`late-1 (no N8N_REINSTALL_MISSING_PACKAGES): "${missingLine}", nothing on disk; its execution fails with "Unrecognized node type: ${PACKAGE}.…" though the webhook process answered 200`,
			() => {
				const ran = idsIn(late1.logs(), /Worker started execution (\d+)/g);
				if (!stripAnsi(late1.logs()).includes(missingLine)) return 'no missing-packages warning';
				if (installedOnDisk(late1User)) return 'the package is on its disk';
				if (answer1.status !== 200) return `webhook process answered ${answer1.status}`;
				if (!ran.includes(Number(failed.id))) return `late-1 started ${JSON.stringify(ran)}`;
				return failed.status === 'error' &&
					new RegExp(`^Unrecognized node type: ${PACKAGE}\\.`).test(failure ?? '')
					? true
					: `${failed.status}: ${failure}`;
			},
		);
		await late1.stop();

		const late2User = folder('late-2-user');
		const downloadsBefore = registry.downloads();
		const late2Env = await envOf(
			late2User,
			{
				N8N_REINSTALL_MISSING_PACKAGES: 'true',
				N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
				// the worker's health endpoints, on loopback
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
			{ viaShim: false },
		);
		const late2 = track(
			'late-2',
			await startWorker(bin, late2Env, 'late-2 (reinstall, private registry)'),
		);
		const readinessUrl = `http://127.0.0.1:${late2Env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
		let readiness = 0;
		await waitFor(
			'late-2 readiness',
			async () => {
				readiness = await getStatus(readinessUrl);
				return readiness === 200;
			},
			15_000,
		).catch(() => {});
		const refusal = stripAnsi(late2.logs())
			.split('\n')
			.find((line) => line.includes(`Failed to reinstall community package ${PACKAGE}`));
		console.log(`      late-2: ${refusal?.trim()}`);
		check(
			'late-2 (N8N_REINSTALL_MISSING_PACKAGES + N8N_COMMUNITY_PACKAGES_REGISTRY, no licence): the reinstall is refused for the licence, the registry never asked; yet the worker is ready and GET /healthz/readiness answers 200',
			() =>
				same(
					{
						refused: /Your license does not allow for/.test(refusal ?? ''),
						onDisk: installedOnDisk(late2User),
						downloads: registry.downloads() - downloadsBefore,
						readiness,
					},
					{ refused: true, onDisk: null, downloads: 0, readiness: 200 },
				),
		);
		await late2.stop();

		const late3User = folder('late-3-user');
		const late3 = track(
			'late-3',
			await startWorker(
				bin,
				await envOf(late3User, { N8N_REINSTALL_MISSING_PACKAGES: 'true' }),
				'late-3 (reinstall)',
			),
		);
		const mark3 = simulator.log.length;
		const answer3 = await sender.notify(url, PAID[5]);
		const healed = await nextExecution();
		check(
			`late-3 (N8N_REINSTALL_MISSING_PACKAGES=true): reinstalled ${PACKAGE}@${registry.version} from the registry before it was ready, then ran the execution`,
			() =>
				same(
					{
						reinstalled: stripAnsi(late3.logs()).includes('Packages reinstalled successfully'),
						onDisk: installedOnDisk(late3User),
						packedBy: packs().filter((p) => p === 'late-3').length,
						http: answer3.status,
						ranOnLate3: idsIn(late3.logs(), /Worker started execution (\d+)/g).includes(
							Number(healed.id),
						),
						status: healed.status,
						receipt: nodeItems(healed, RECEIPT).map((i) => `${i.imp_uid} ${i.outcome}`),
						receiptFrom: simulator.log
							.slice(mark3)
							.filter((e) => e.rawPath.startsWith('/receipts/'))
							.map((e) => e.from),
					},
					{
						reinstalled: true,
						onDisk: registry.version,
						packedBy: 1,
						http: 200,
						ranOnLate3: true,
						status: 'success',
						receipt: [`${PAID[5]} found`],
						receiptFrom: ['late-3'],
					},
				),
		);

		// A webhook process started later on an empty disk, without the reinstall: the trigger cannot run.
		await webhook.stop();
		const lateWebhookUser = folder('late-webhook-user');
		const lateWebhook = track(
			'late-webhook',
			await startWebhookProcess(bin, await envOf(lateWebhookUser), 'late-webhook (defaults)'),
		);
		const lateUrl = `${lateWebhook.url}${productionPath}`;
		await waitForWebhook(lateUrl).catch(() => {});
		const markLate = simulator.log.length;
		const countBefore = (await executionsOf(client, WORKFLOW.id)).length;
		const unserved = await sender.notify(lateUrl, PAID[5]);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const countAfter = (await executionsOf(client, WORKFLOW.id)).length;
		console.log(
			`      late-webhook answered HTTP ${unserved.status} ${String(unserved.answer).slice(0, 120)}`,
		);
		check(
			"a webhook process started later without the package: the notification is refused (not 200, so i'mport may re-send it), nothing looked up, no execution",
			() =>
				same(
					{
						refused: unserved.status >= 400,
						lookups: simulator.log.length - markLate,
						executions: countAfter - countBefore,
					},
					{ refused: true, lookups: 0, executions: 0 },
				),
		);

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
