'use strict';
/**
 * Benchmark (not a test) in a real n8n: the I'mport node against what users build today with n8n's
 * HTTP Request node (POST /users/getToken, then DELETE /receipts/{imp_uid} per item), cancelling N
 * receipts on the bundled simulator (127.0.0.1, injected latency L). Uses the e2e installation of
 * n8n (see e2e/n8n.js) and this package from its `npm pack` tarball; every workflow runs with
 * `n8n execute --rawOutput`, and the figure is the measured node's own `executionTime` from the
 * run data (the workflow's and the process's wall times are printed beside it).
 *
 * Workflows (Skip Already Cancelled off: one DELETE per item for all of them, equal politeness):
 *   recipe, no batching     HTTP Request sends all N DELETEs at once
 *   recipe, batch 10/20 ms  HTTP Request batching: 10 requests every 20 ms, its closest to concurrency 10
 *   node, C = 10 / C = 50   the I'mport node, Cash Receipt → Cancel
 * And the refunds (Payment → Cancel: a look-up and a cancel per row, half of the rows in full and
 * half 2,500 of 10,000 won; every run must move money exactly once per row):
 *   V1 node, C = 10        the I'mport node on the i'mport simulator
 *   V2 node, C = 10        the PortOne node on the PortOne V2 simulator
 *   V2 recipe, batch 10/20 ms  HTTP Request GET /payments/{id} then HTTP Request
 *                          POST /payments/{id}/cancel (Authorization: PortOne <secret>, an
 *                          Idempotency-Key per row, currentCancellableAmount from the look-up)
 * Runs are interleaved (round r starts at workflow r) and repeated; medians are reported, and the
 * ratios between workflows are taken within each round before their median, because the machine
 * is shared.
 *
 *   npm run bench:n8n
 *   npm run bench:n8n -- --items 500 --latency 20 --rounds 3 --concurrency 10,50 --write docs/benchmarks.md
 *   npm run bench:n8n -- --cases refunds --refund-items 1000      (only the refund workflows)
 *   npm run bench:n8n -- --profile node-c10,recipe-batch10 [--write docs/benchmarks.md]   (one run each under --cpu-prof, summarised;
 *       the refund workflows are node-v1-refund, node-v2-refund, recipe-v2-refund)
 *   npm run bench:n8n -- --jitter 10                      (latencies spread uniformly over L ± 5 ms)
 *   npm run bench:n8n -- --expression-engine legacy      (n8n's expression engine, default: n8n's own, vm in 2.x)
 *
 * Environment: N8N_E2E_CACHE (an installed n8n, as for the e2e suite). Loopback only; every
 * process is bounded and killed with its process group.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	TIMEOUTS,
	run: runCommand,
	describeFailure,
	freePort,
	reexecUnderNode24,
	exitOnSignals,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	parseExecution,
} = require('../e2e/n8n');
/** The PortOne node and its credential type (as e2e/portoneCredential.js names them). */
const V2_NODE_TYPE = 'n8n-nodes-iamport.portOne';
const V2_CREDENTIAL_TYPE = 'portOneApi';
const { TOTAL, PART, checkMoneyMoved } = require('./refundRows');

function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}
const ITEMS = Number(arg('items', '500'));
const LATENCY_MS = Number(arg('latency', '20'));
/** spread of the latency around L (uniform, L ± JITTER/2); 0 = every answer after exactly L */
const JITTER_MS = Number(arg('jitter', '0'));
const ROUNDS = Number(arg('rounds', '3'));
const CONCURRENCY = arg('concurrency', '10,50').split(',').map(Number);
const PROFILE = arg('profile', undefined);
const WRITE_TO = arg('write', undefined);
const KEEP = process.argv.includes('--keep');
/** n8n's expression engine (N8N_EXPRESSION_ENGINE: vm, its default in 2.x, legacy or quickjs); unset = n8n's default */
const EXPRESSION_ENGINE = arg('expression-engine', undefined);
/** Which groups of workflows: receipts (Cash Receipt → Cancel), refunds (Payment → Cancel, V1 and V2). */
const CASES = arg('cases', 'receipts,refunds').split(',');
const REFUND_ITEMS = Number(arg('refund-items', '1000'));
const REFUND_C = Number(arg('refund-concurrency', '10'));

const CREDENTIAL_ID = 'benchIamport';
const CREDENTIAL_NAME = "I'mport API (bench simulator)";
const V2_CREDENTIAL_ID = 'benchPortOne';
const V2_CREDENTIAL_NAME = 'PortOne V2 API (bench simulator)';
const ID_PREFIX = 'bench_';
const REFUND_PREFIX = { v1: 'bench_v1_refund_', v2: 'bench_v2_refund_' };
const MEASURED = { node: 'Cancel', recipe: 'DELETE receipt', lookUp: 'Look up', refund: 'Refund' };

/* ------------------------------------------------------------------ workflows */

const at = (x) => [x * 220, 0];
const trigger = {
	id: 'b0000000-0000-4000-8000-000000000001',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: at(0),
	parameters: {},
};

/** A Code node emitting N items { imp_uid } (the ids seeded in the simulator before each run). */
function itemsNode(position) {
	return {
		id: 'b0000000-0000-4000-8000-000000000002',
		name: 'Receipts',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: at(position),
		parameters: {
			jsCode: `return Array.from({ length: ${ITEMS} }, (_, n) => ({ json: { imp_uid: '${ID_PREFIX}' + String(n).padStart(6, '0') } }));`,
		},
	};
}

const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, n) => [name, { main: [[{ node: names[n + 1], type: 'main', index: 0 }]] }]),
	);

function nodeWorkflow(concurrency) {
	const cancel = {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: MEASURED.node,
		type: NODE_TYPE,
		typeVersion: 1,
		position: at(2),
		parameters: {
			resource: 'cashReceipt',
			operation: 'cancel',
			impUid: '={{ $json.imp_uid }}',
			dryRun: false,
			skipAlreadyCancelled: false,
			splitOutputs: true,
			options: { concurrency },
		},
		credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
	};
	return {
		key: `node-c${concurrency}`,
		label: `I'mport node, concurrency ${concurrency}`,
		group: 'receipts',
		api: 'v1',
		isNode: true,
		items: ITEMS,
		measured: [MEASURED.node],
		concurrency,
		idealMs: LATENCY_MS * Math.ceil(ITEMS / concurrency),
		reset: resetReceipts,
		check: checkReceipts,
		workflow: {
			id: `benchNodeC${concurrency}`,
			name: `bench: I'mport node C=${concurrency}`,
			nodes: [trigger, itemsNode(1), cancel],
			connections: chain(trigger.name, 'Receipts', MEASURED.node),
		},
	};
}

/** The HTTP Request recipe: a token once, then one DELETE per item with it. */
function recipeWorkflow(baseUrl, account, batch) {
	const getToken = {
		id: 'b0000000-0000-4000-8000-000000000004',
		name: 'Get token',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(1),
		parameters: {
			method: 'POST',
			url: `${baseUrl}/users/getToken`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ imp_key: account.impKey, imp_secret: account.impSecret }),
			options: {},
		},
	};
	const remove = {
		id: 'b0000000-0000-4000-8000-000000000005',
		name: MEASURED.recipe,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(3),
		parameters: {
			method: 'DELETE',
			url: `=${baseUrl}/receipts/{{ encodeURIComponent($json.imp_uid) }}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{
						name: 'Authorization',
						value: "=Bearer {{ $('Get token').first().json.response.access_token }}",
					},
				],
			},
			options: batch
				? { batching: { batch: { batchSize: batch.size, batchInterval: batch.intervalMs } } }
				: {},
		},
	};
	const key = batch ? `recipe-batch${batch.size}` : 'recipe-all';
	// What the ideal assumes: batching sends `size` per latency step; without it all go at once.
	const concurrency = batch ? batch.size : ITEMS;
	return {
		key,
		label: batch
			? `HTTP Request recipe, batch ${batch.size} every ${batch.intervalMs} ms`
			: 'HTTP Request recipe, no batching (all at once)',
		group: 'receipts',
		api: 'v1',
		isNode: false,
		items: ITEMS,
		measured: [MEASURED.recipe],
		concurrency,
		idealMs: LATENCY_MS * Math.ceil(ITEMS / concurrency),
		reset: resetReceipts,
		check: checkReceipts,
		workflow: {
			id: batch ? `benchRecipeBatch${batch.size}` : 'benchRecipeAll',
			name: `bench: ${batch ? `recipe batch ${batch.size}` : 'recipe no batching'}`,
			nodes: [trigger, getToken, { ...itemsNode(2) }, remove],
			connections: chain(trigger.name, 'Get token', 'Receipts', MEASURED.recipe),
		},
	};
}

/* ------------------------------------------------------------------ refund workflows */

/** A Code node emitting the refund rows: { imp_uid | paymentId, mode, amount? } (refundRows.js). */
function refundRowsNode(api, position) {
	const idField = api === 'v1' ? 'imp_uid' : 'paymentId';
	return {
		id: 'b0000000-0000-4000-8000-000000000012',
		name: 'Rows',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: at(position),
		parameters: {
			jsCode: `return Array.from({ length: ${REFUND_ITEMS} }, (_, n) => ({ json: { ${idField}: '${REFUND_PREFIX[api]}' + String(n).padStart(6, '0'), ...(n % 2 === 0 ? { mode: 'full' } : { mode: 'partial', amount: ${PART} }) } }));`,
		},
	};
}

const refundCommon = (api) => ({
	group: 'refunds',
	api,
	items: REFUND_ITEMS,
	concurrency: REFUND_C,
	idealMs: LATENCY_MS * 2 * Math.ceil(REFUND_ITEMS / REFUND_C),
	reset: resetRefunds,
	check: checkRefunds,
});

/** The I'mport (V1) or PortOne (V2) node, Payment → Cancel, mode and amount from each row. */
function refundNodeWorkflow(api) {
	const v1 = api === 'v1';
	const refund = {
		id: 'b0000000-0000-4000-8000-000000000013',
		name: MEASURED.refund,
		type: v1 ? NODE_TYPE : V2_NODE_TYPE,
		typeVersion: 1,
		position: at(2),
		parameters: {
			resource: 'payment',
			operation: 'cancel',
			...(v1
				? { refundBy: 'impUid', impUid: '={{ $json.imp_uid }}' }
				: { paymentId: '={{ $json.paymentId }}' }),
			refundMode: '={{ $json.mode }}',
			amount: '={{ $json.amount }}',
			refundReference: '',
			reason: 'bench refund',
			dryRun: false,
			refundFields: {},
			splitOutputs: true,
			options: { concurrency: REFUND_C },
		},
		credentials: v1
			? { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } }
			: { [V2_CREDENTIAL_TYPE]: { id: V2_CREDENTIAL_ID, name: V2_CREDENTIAL_NAME } },
	};
	return {
		key: `node-${api}-refund`,
		label: `${v1 ? "I'mport node (V1)" : 'PortOne node (V2)'}, refund, concurrency ${REFUND_C}`,
		isNode: true,
		measured: [MEASURED.refund],
		...refundCommon(api),
		workflow: {
			id: `benchRefundNode${api.toUpperCase()}`,
			name: `bench: ${v1 ? "I'mport" : 'PortOne'} node refund C=${REFUND_C}`,
			nodes: [trigger, refundRowsNode(api, 1), refund],
			connections: chain(trigger.name, 'Rows', MEASURED.refund),
		},
	};
}

/**
 * The V2 refund as HTTP Request nodes: GET /payments/{id} for every row, then
 * POST /payments/{id}/cancel for every row with what the node sends: the Authorization header,
 * an Idempotency-Key per row (RFC 8941 string: in double quotes), the reason,
 * currentCancellableAmount from the look-up (total less cancelled: no pending cancellations
 * here) and, for a partial row, the amount. Both nodes batch 10 requests every 20 ms.
 */
function refundRecipeWorkflow(baseUrl, apiSecret) {
	const batching = { batching: { batch: { batchSize: REFUND_C, batchInterval: 20 } } };
	const authorization = { name: 'Authorization', value: `PortOne ${apiSecret}` };
	const lookUp = {
		id: 'b0000000-0000-4000-8000-000000000014',
		name: MEASURED.lookUp,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(2),
		parameters: {
			method: 'GET',
			url: `=${baseUrl}/payments/{{ encodeURIComponent($json.paymentId) }}`,
			sendHeaders: true,
			headerParameters: { parameters: [authorization] },
			options: batching,
		},
	};
	const row = "$('Rows').item.json";
	const cancel = {
		id: 'b0000000-0000-4000-8000-000000000015',
		name: MEASURED.refund,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(3),
		parameters: {
			method: 'POST',
			url: `=${baseUrl}/payments/{{ encodeURIComponent($json.id) }}/cancel`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					authorization,
					{ name: 'Idempotency-Key', value: `="bench-refund-{{ $json.id }}-{{ ${row}.mode }}"` },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ reason: 'bench refund', currentCancellableAmount: $json.amount.total - $json.amount.cancelled, ...(${row}.mode === 'partial' ? { amount: ${row}.amount } : {}) }) }}`,
			options: batching,
		},
	};
	return {
		key: 'recipe-v2-refund',
		label: `HTTP Request recipe (V2), look-up + cancel, batch ${REFUND_C} every 20 ms`,
		isNode: false,
		measured: [MEASURED.lookUp, MEASURED.refund],
		...refundCommon('v2'),
		workflow: {
			id: 'benchRefundRecipeV2',
			name: 'bench: V2 refund recipe',
			nodes: [trigger, refundRowsNode('v2', 1), lookUp, cancel],
			connections: chain(trigger.name, 'Rows', MEASURED.lookUp, MEASURED.refund),
		},
	};
}

/* ------------------------------------------------------------------ one run */

const TICK_MS = 10; // Linux reports CPU time in 1/100 s

/** CPU time (user + system, ms) of a process so far, from /proc; undefined once it is gone. */
function cpuMsOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
	} catch {
		return undefined;
	}
}

/**
 * `n8n execute` (run like the e2e commands: own process group, bounded), with its CPU time sampled
 * every 10 ms: cpuBetween(from, to) is the n8n process's CPU time in that span of wall-clock time,
 * which the machine's other load disturbs much less than wall time.
 */
async function executeSampled(bin, args, env) {
	const samples = [];
	let sampler;
	const sample = (pid) => {
		const cpu = cpuMsOf(pid);
		if (cpu !== undefined) samples.push([Date.now(), cpu]);
	};
	const r = await runCommand(process.execPath, [bin, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env,
		timeoutMs: TIMEOUTS.n8nCommand,
		onSpawn: (child) => (sampler = setInterval(() => sample(child.pid), TICK_MS)),
	});
	clearInterval(sampler);
	const cpuAt = (t) => {
		const after = samples.findIndex(([time]) => time >= t);
		if (after <= 0) return after === 0 ? samples[0][1] : samples.at(-1)[1];
		const [t0, c0] = samples[after - 1];
		const [t1, c1] = samples[after];
		return c0 + ((c1 - c0) * (t - t0)) / Math.max(1, t1 - t0);
	};
	return { ...r, cpuBetween: (from, to) => cpuAt(to) - cpuAt(from) };
}

/** Fresh receipts under the same ids. */
function resetReceipts({ simulators }) {
	simulators.v1.store.addIssuedPayments(ITEMS, ID_PREFIX);
	simulators.v1.store.cancellations.clear();
}

/** Every item cancelled exactly once, with one DELETE each: otherwise the figures mean nothing. */
function checkReceipts(variant, tasks, { simulators }) {
	const simulator = simulators.v1;
	const out = tasks.at(-1).data?.main?.[0] ?? [];
	const ok = variant.isNode
		? out.filter((i) => i.json.outcome === 'cancelled').length
		: out.filter((i) => i.json.code === 0).length;
	const deletes = simulator.requests('DELETE').filter((entry) => entry.status !== 401).length; // a refused token is sent again
	const twice = [...simulator.store.cancellations.values()].filter((n) => n > 1).length;
	if (ok !== ITEMS || deletes !== ITEMS || twice !== 0) {
		throw new Error(
			`${variant.label}: ${ok} of ${ITEMS} cancelled, ${deletes} DELETEs answered, ${twice} cancelled twice`,
		);
	}
	return {};
}

/** What the API's simulator counts as money moved: [{ id, amount }] for every applied refund. */
const movedOf = {
	v1: (simulator) => simulator.payments.refunds.map((r) => ({ id: r.imp_uid, amount: r.amount })),
	v2: (simulator) =>
		simulator.payments.moneyMoved.map((m) => ({ id: m.paymentId, amount: m.amount })),
};
const refundIds = (api) =>
	Array.from(
		{ length: REFUND_ITEMS },
		(_, n) => `${REFUND_PREFIX[api]}${String(n).padStart(6, '0')}`,
	);

/**
 * The same payment ids, paid again, before every run (and, on V2, the stored Idempotency-Keys
 * forgotten, as if 3 hours had passed: the rows' keys are the same in every run).
 */
function resetRefunds({ simulators }, variant) {
	const simulator = simulators[variant.api];
	for (const id of refundIds(variant.api)) simulator.payments.remove(id);
	if (variant.api === 'v1') {
		simulator.payments.addMany(REFUND_ITEMS, { prefix: REFUND_PREFIX.v1, amount: TOTAL });
	} else {
		simulator.payments.addMany(REFUND_ITEMS, { prefix: REFUND_PREFIX.v2, total: TOTAL });
		simulator.idempotency.clear();
	}
	return { movedBefore: movedOf[variant.api](simulator).length };
}

/** One look-up and one cancel per row, every row refunded, money moved exactly once per row. */
function checkRefunds(variant, tasks, { simulators }, { movedBefore }) {
	const simulator = simulators[variant.api];
	const out = tasks.at(-1).data?.main?.[0] ?? [];
	const ok = variant.isNode
		? out.filter((i) => ['refunded', 'partially_refunded'].includes(i.json.outcome)).length
		: out.filter((i) => i.json.cancellation?.status === 'SUCCEEDED').length;
	// A refused token (V1) is asked for and the request sent again: count the answered ones.
	const answered = simulator.log.filter((entry) => entry.status !== 401);
	const lookUps = answered.filter((e) => e.method === 'GET').length;
	const cancels = answered.filter(
		(e) => e.method === 'POST' && e.rawPath !== '/users/getToken',
	).length;
	if (ok !== REFUND_ITEMS || lookUps !== REFUND_ITEMS || cancels !== REFUND_ITEMS) {
		throw new Error(
			`${variant.label}: ${ok} of ${REFUND_ITEMS} refunded, ${lookUps} look-ups and ${cancels} cancels answered`,
		);
	}
	const money = checkMoneyMoved(
		variant.label,
		refundIds(variant.api),
		movedOf[variant.api](simulator).slice(movedBefore),
	);
	return { money, lookUps, cancels };
}

async function runOnce(ctx, variant, extraEnv = {}) {
	const { bin, env } = ctx;
	const simulator = ctx.simulators[variant.api];
	const before = variant.reset(ctx, variant);
	simulator.log.length = 0;
	simulator.stats.maxInFlight = 0;
	const r = await executeSampled(bin, ['execute', `--id=${variant.workflow.id}`, '--rawOutput'], {
		...env,
		...extraEnv,
	});
	if (r.code !== 0) throw new Error(describeFailure(`n8n execute (${variant.label})`, r));
	const execution = parseExecution(r.stdout);
	if (execution.status !== 'success')
		throw new Error(`${variant.label}: execution status ${execution.status}`);
	const tasks = variant.measured.map((name) => {
		const taskData = execution.data.resultData.runData[name]?.[0];
		if (!taskData) throw new Error(`${variant.label}: "${name}" did not run`);
		return taskData;
	});
	const checked = variant.check(variant, tasks, ctx, before);
	// The measured nodes' own time (the recipe's two HTTP Request nodes added up); CPU from the
	// first one's start to the last one's end.
	const start = tasks[0].startTime;
	const end = tasks.at(-1).startTime + tasks.at(-1).executionTime;
	return {
		nodeMs: tasks.reduce((sum, t) => sum + t.executionTime, 0),
		nodeCpuMs: r.cpuBetween(start, end),
		executionMs: Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt),
		processMs: r.ms,
		requests: simulator.log.length,
		tokenRequests: variant.api === 'v1' ? simulator.tokenRequests().length : 0,
		refused: simulator.log.filter((entry) => entry.status === 401).length,
		maxInFlight: simulator.stats.maxInFlight,
		...checked,
	};
}

/* ------------------------------------------------------------------ setup */

async function setUp(tmp, simulators) {
	const bin = await ensureN8n();
	const userFolder = path.join(tmp, 'user');
	fs.mkdirSync(userFolder);
	await installPackage(userFolder, tmp);
	const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
	if (EXPRESSION_ENGINE) env.N8N_EXPRESSION_ENGINE = EXPRESSION_ENGINE;

	const simulator = simulators.v1;
	const baseUrl = await simulator.start(await freePort());
	simulator.faults.setLatency(LATENCY_MS - JITTER_MS / 2, JITTER_MS);
	const [account] = simulator.accounts;
	const v2BaseUrl = await simulators.v2.start(await freePort());
	simulators.v2.faults.setLatency(LATENCY_MS - JITTER_MS / 2, JITTER_MS);
	const [v2Account] = simulators.v2.accounts.list;

	const variants = [
		...(CASES.includes('receipts')
			? [
					recipeWorkflow(baseUrl, account, undefined),
					recipeWorkflow(baseUrl, account, { size: 10, intervalMs: 20 }),
					...CONCURRENCY.map(nodeWorkflow),
				]
			: []),
		...(CASES.includes('refunds')
			? [
					refundNodeWorkflow('v1'),
					refundNodeWorkflow('v2'),
					refundRecipeWorkflow(v2BaseUrl, v2Account.apiSecret),
				]
			: []),
	];
	if (variants.length === 0) throw new Error('--cases: receipts, refunds or both');
	// The credential holds a token already, as it does after the first run in production: no run
	// of the node pays for a token, as the recipe's token is not in its DELETE node's time either.
	const token = await fetch(`${baseUrl}/users/getToken`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ imp_key: account.impKey, imp_secret: account.impSecret }),
	}).then((answer) => answer.json());
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: CREDENTIAL_TYPE,
				data: {
					impKey: account.impKey,
					impSecret: account.impSecret,
					tierCode: '',
					baseUrl,
					accessToken: token.response.access_token,
				},
			},
			{
				id: V2_CREDENTIAL_ID,
				name: V2_CREDENTIAL_NAME,
				type: V2_CREDENTIAL_TYPE,
				data: {
					apiSecret: v2Account.apiSecret,
					storeId: '',
					webhookSecret: '',
					previousWebhookSecret: '',
					baseUrl: v2BaseUrl,
				},
			},
		]),
	);
	const imported = await n8n(bin, ['import:credentials', `--input=${credentialsFile}`], env);
	if (imported.code !== 0) throw new Error(describeFailure('n8n import:credentials', imported));
	const workflowsFile = path.join(tmp, 'workflows.json');
	fs.writeFileSync(
		workflowsFile,
		JSON.stringify(
			variants.map((v) => ({
				...v.workflow,
				active: false,
				settings: { executionOrder: 'v1' },
				pinData: {},
			})),
		),
	);
	const r = await n8n(bin, ['import:workflow', `--input=${workflowsFile}`], env);
	if (r.code !== 0) throw new Error(describeFailure('n8n import:workflow', r));
	return { tmp, bin, env, simulators, variants };
}

/* ------------------------------------------------------------------ figures */

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const int = (value) => Math.round(value).toLocaleString('en-US');

function machine() {
	const cpus = os.cpus();
	return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`;
}

/**
 * Before the rounds (and as their warm-up): the stored token expires, so the node's first request
 * is refused (401) and n8n-core renews the token once, into the credential the node loaded for the
 * run and into the database; the next run must use that token without asking for one.
 */
async function checkTokenRenewal(ctx) {
	const variant = ctx.variants.find((v) => v.isNode && v.api === 'v1');
	if (!variant) return undefined;
	ctx.simulators.v1.clock.advance(31 * 60);
	const renewed = await runOnce(ctx, variant);
	const next = await runOnce(ctx, variant);
	const line = `Token check (${variant.label}): stored token expired → ${renewed.refused} refused, ${renewed.tokenRequests} token request; next run: ${next.refused} refused, ${next.tokenRequests} token requests.`;
	console.log(line);
	if (
		renewed.refused !== 1 ||
		renewed.tokenRequests !== 1 ||
		next.refused !== 0 ||
		next.tokenRequests !== 0
	) {
		throw new Error(`the renewed token was not kept: ${line}`);
	}
	return line;
}

async function benchmark(ctx) {
	const { variants } = ctx;
	const tokenCheck = await checkTokenRenewal(ctx);
	const runs = new Map(variants.map((v) => [v.key, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (let n = 0; n < variants.length; n++) {
			const variant = variants[(round + n) % variants.length];
			const run = await runOnce(ctx, variant);
			if (variant.isNode && (run.tokenRequests !== 0 || run.refused !== 0)) {
				throw new Error(
					`${variant.label}: ${run.tokenRequests} token requests, ${run.refused} refused: the stored token should serve every run`,
				);
			}
			runs.get(variant.key).push(run);
			console.log(
				`round ${round + 1}/${ROUNDS}  ${variant.label.padEnd(64)} ${int(run.nodeMs).padStart(6)} ms (${(run.nodeMs / variant.idealMs).toFixed(2)} × ideal), n8n CPU ${(run.nodeCpuMs / variant.items).toFixed(2)} ms/item  (${run.requests} requests, token ${run.tokenRequests}, max in flight ${run.maxInFlight}, process ${(run.processMs / 1000).toFixed(1)} s)`,
			);
		}
	}
	const lines = [];
	const print = (line) => {
		console.log(line);
		lines.push(line);
	};
	print(
		`Run ${new Date().toISOString()}: n8n ${N8N_VERSION} (\`n8n execute\`, sqlite${EXPRESSION_ENGINE ? `, N8N_EXPRESSION_ENGINE=${EXPRESSION_ENGINE}` : ''}), node ${process.version}, ${machine()} (shared with other work: indicative only).`,
	);
	print(
		`Injected latency L = ${LATENCY_MS} ms per request${JITTER_MS ? ` (uniform ${LATENCY_MS - JITTER_MS / 2}–${LATENCY_MS + JITTER_MS / 2} ms)` : ''}, ${ROUNDS} interleaved round${ROUNDS === 1 ? '' : 's'} of every workflow below; medians, min–max in brackets. CPU: the n8n process's user + system time between the measured node's start and end (from /proc, 10 ms ticks; the simulators run in another process).`,
	);
	const receipts = variants.filter((v) => v.group === 'receipts');
	if (receipts.length) receiptTable(receipts, runs, print);
	const refunds = variants.filter((v) => v.group === 'refunds');
	if (refunds.length) refundTable(refunds, runs, print);
	if (tokenCheck) {
		print('');
		print(tokenCheck);
	}
	return lines;
}

/** The median over the rounds of a's time ÷ b's time within the same round. */
const sameRound = (a, b) => median(a.map((r, round) => r.nodeMs / b[round].nodeMs));
const medianRange = (ms) => `${int(median(ms))} (${int(Math.min(...ms))}–${int(Math.max(...ms))})`;

function receiptTable(variants, runs, print) {
	const nodeC10 = variants.find((v) => v.key === 'node-c10') ?? variants.find((v) => v.isNode);
	const base = runs.get(nodeC10.key);
	print('');
	print(
		`Cash Receipt → Cancel, N = ${ITEMS} items. Skip Already Cancelled off: one DELETE per item for every workflow; the credential holds a token already.`,
	);
	print('');
	print(
		`| workflow | measured node's executionTime, ms | ideal L·⌈N/C⌉ ms | ratio to ideal | n8n CPU ms per item during the node | max in flight | requests per run | whole execution ms | n8n execute process s | time ÷ node C=${nodeC10.concurrency}'s (same round) |`,
	);
	print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const variant of variants) {
		const list = runs.get(variant.key);
		const ms = list.map((r) => r.nodeMs);
		print(
			`| ${variant.label} | ${medianRange(ms)} | ${int(variant.idealMs)} | ${(median(ms) / variant.idealMs).toFixed(2)} | ${(median(list.map((r) => r.nodeCpuMs)) / ITEMS).toFixed(2)} | ${median(list.map((r) => r.maxInFlight))} | ${median(list.map((r) => r.requests))} | ${int(median(list.map((r) => r.executionMs)))} | ${(median(list.map((r) => r.processMs)) / 1000).toFixed(1)} | ${variant === nodeC10 ? '1' : `${sameRound(list, base).toFixed(2)}×`} |`,
		);
	}
	const batch = runs.get('recipe-batch10');
	if (batch && nodeC10.concurrency === 10) {
		print('');
		print(
			`Recipe (batch 10 every 20 ms) ÷ node (C = 10), equal politeness: **${sameRound(batch, base).toFixed(2)}×** (median of the per-round ratios; > 1 means the node is faster).`,
		);
	}
}

function refundTable(variants, runs, print) {
	const v2Node = variants.find((v) => v.key === 'node-v2-refund');
	const base = runs.get(v2Node.key);
	print('');
	print(
		`Payment → Cancel (refund), N = ${REFUND_ITEMS} rows, half in full and half ${int(PART)} of ${int(TOTAL)} won: a look-up and a cancel per row for every workflow (the ideal is 2 requests per item and L·2·⌈N/C⌉); every run checked that money moved exactly once per row, by what the row asked. The recipe's time is its two HTTP Request nodes' executionTime added up.`,
	);
	print('');
	print(
		`| workflow | measured executionTime, ms | ideal L·2·⌈N/C⌉ ms | ratio to ideal | n8n CPU ms per item during the node(s) | max in flight | look-ups + cancels per run | money moved exactly once | whole execution ms | n8n execute process s | time ÷ PortOne node's (same round) |`,
	);
	print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const variant of variants) {
		const list = runs.get(variant.key);
		const ms = list.map((r) => r.nodeMs);
		const [first] = list;
		print(
			`| ${variant.label} | ${medianRange(ms)} | ${int(variant.idealMs)} | ${(median(ms) / variant.idealMs).toFixed(2)} (${(Math.min(...ms) / variant.idealMs).toFixed(2)}–${(Math.max(...ms) / variant.idealMs).toFixed(2)}) | ${(median(list.map((r) => r.nodeCpuMs)) / REFUND_ITEMS).toFixed(2)} | ${median(list.map((r) => r.maxInFlight))} | ${first.lookUps} + ${first.cancels} | ${first.money.once} of ${REFUND_ITEMS} (${int(first.money.movedWon)} won) | ${int(median(list.map((r) => r.executionMs)))} | ${(median(list.map((r) => r.processMs)) / 1000).toFixed(1)} | ${variant === v2Node ? '1' : `${sameRound(list, base).toFixed(2)}×`} |`,
		);
	}
	const recipe = runs.get('recipe-v2-refund');
	const v1Node = runs.get('node-v1-refund');
	print('');
	if (recipe)
		print(
			`Recipe (V2, batch ${REFUND_C} every 20 ms) ÷ PortOne node (C = ${REFUND_C}): **${sameRound(recipe, base).toFixed(2)}×** (median of the per-round ratios; > 1 means the node is faster).`,
		);
	if (v1Node)
		print(
			`PortOne node (V2) ÷ I'mport node (V1), same rows: **${sameRound(base, v1Node).toFixed(2)}×** (< 1 means V2 is faster).`,
		);
}

/* ------------------------------------------------------------------ profile */

/** Where the time went, by activity: the first rule any frame of a sample's stack matches. */
const ACTIVITIES = [
	['garbage collection', (f) => f.functionName === '(garbage collector)'],
	[
		'credential load + decrypt (DB, cipher)',
		(f) =>
			/^(getCredentials|_getCredentials|getDecrypted|getCredentialsEntity|decrypt|getData)$/.test(
				f.functionName,
			) || /credentials(-helper)?\.js$|cipher/.test(f.url),
	],
	['database (sqlite, typeorm)', (f) => /node_modules\/(sqlite3|typeorm|@n8n\/db)\//.test(f.url)],
	[
		'expression evaluation',
		(f) =>
			/expression|isolated-vm|tmpl|riot/i.test(f.url) ||
			/^(resolveParameterValue|resolveSimpleParameterValue|evaluateExpression)$/.test(
				f.functionName,
			),
	],
	[
		'parameter reading and copies (getNodeParameter, deepCopy)',
		(f) =>
			/^(getNodeParameter|_getNodeParameter|deepCopy|jsonParse|getParameterValue|cleanupParameterData|ensureType|validateValueAgainstSchema)$/.test(
				f.functionName,
			),
	],
	[
		'HTTP request stack (axios, http, net, proxy)',
		(f) =>
			/node_modules\/(axios|follow-redirects|proxy-from-env|form-data|@n8n\/backend-network|https?-proxy-agent|agent-base)\/|^node:(_http|http|https|net|_tls|tls|dns|internal\/(http|net|stream|streams|dns))/.test(
				f.url,
			) || /request-helpers|legacy-request-adapter/.test(f.url),
	],
	["the node's own code", (f) => /n8n-nodes-iamport\//.test(f.url)],
	["HTTP Request node's own code", (f) => /nodes\/HttpRequest\//.test(f.url)],
];

function summariseProfile(profile, variant, executionMs) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id) => {
		const frames = [];
		for (let at = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at).callFrame);
		return frames;
	};
	// The measured node's window: the node's own executionTime (from the run data), ending at the
	// last sample with its code on the stack. (Its module is loaded at n8n's start-up, and the recipe
	// runs the same HTTP Request code for its token first: neither is part of the window.)
	const marker = variant.isNode ? /n8n-nodes-iamport\/dist\/nodes\// : /nodes\/HttpRequest\/V3\//;
	const times = [];
	let t = profile.startTime;
	for (let n = 0; n < profile.samples.length; n++) {
		t += profile.timeDeltas[n];
		times.push(t);
	}
	const stacks = new Map();
	let last = -1;
	for (let n = 0; n < profile.samples.length; n++) {
		const id = profile.samples[n];
		if (!stacks.has(id)) stacks.set(id, stackOf(id));
		if (stacks.get(id).some((f) => marker.test(f.url))) last = n;
	}
	const first =
		last === -1 ? -1 : times.findIndex((time) => time >= times[last] - executionMs * 1000);
	if (first === -1) throw new Error('the profile holds no sample of the measured node');
	const self = new Map();
	const activity = new Map();
	let busyUs = 0;
	let idleUs = 0;
	for (let n = first; n <= last; n++) {
		const us = (times[n + 1] ?? times[n]) - times[n];
		const stack = stacks.get(profile.samples[n]);
		const leaf = stack[0];
		if (leaf.functionName === '(idle)') {
			idleUs += us;
			continue;
		}
		busyUs += us;
		const where = leaf.url
			? `${leaf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${leaf.lineNumber + 1}`
			: 'native';
		const name = `${leaf.functionName || '(anonymous)'} ${where}`;
		self.set(name, (self.get(name) ?? 0) + us);
		const [label] = ACTIVITIES.find(([, test]) => stack.some(test)) ?? [
			'other (engine, V8 builtins, event loop)',
		];
		activity.set(label, (activity.get(label) ?? 0) + us);
	}
	const windowUs = times[last] - times[first];
	// The node reads and checks every item (expressions included) before it sends anything.
	let readEnd = -1;
	if (variant.isNode) {
		for (let n = first; n <= last; n++) {
			if (
				stacks
					.get(profile.samples[n])
					.some((f) => f.functionName === 'prepare' && marker.test(f.url))
			)
				readEnd = n;
		}
	}
	const lines = [];
	const print = (line) => {
		console.log(line);
		lines.push(line);
	};
	const perItem = (us) => (us / 1000 / variant.items).toFixed(3);
	print(
		`CPU profile of one run of "${variant.label}" (N = ${variant.items}, L = ${LATENCY_MS} ms), n8n ${N8N_VERSION} main process under \`--cpu-prof\`, over the measured node's executionTime (${int(windowUs / 1000)} ms, ending at the last sample with its code on the stack), of which ${int(busyUs / 1000)} ms busy (${perItem(busyUs)} ms per item: on CPU, or blocked in a synchronous call such as isolated-vm's) and ${int(idleUs / 1000)} ms idle.`,
	);
	if (readEnd !== -1) {
		print(
			`Of that window, reading the items (before the first request) took ${int((times[readEnd] - times[first]) / 1000)} ms; sending, ${int((times[last] - times[readEnd]) / 1000)} ms.`,
		);
	}
	print('');
	print('| activity (first match on the stack) | CPU ms | ms per item | share |');
	print('|---|---:|---:|---:|');
	for (const [label, us] of [...activity].sort((a, b) => b[1] - a[1])) {
		print(
			`| ${label} | ${int(us / 1000)} | ${perItem(us)} | ${((100 * us) / busyUs).toFixed(0)} % |`,
		);
	}
	print('');
	print('| top self time (function, file:line) | CPU ms | ms per item |');
	print('|---|---:|---:|');
	for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
		print(`| \`${name}\` | ${int(us / 1000)} | ${perItem(us)} |`);
	}
	return lines;
}

async function profileOnce(ctx, key) {
	const variant = ctx.variants.find((v) => v.key === key);
	if (!variant)
		throw new Error(`--profile: one or more of ${ctx.variants.map((v) => v.key).join(', ')}`);
	const dir = path.join(ctx.tmp, `profile-${key}`);
	fs.mkdirSync(dir);
	await runOnce(ctx, variant); // warm-up: n8n's first run in a fresh folder does one-off work
	const run = await runOnce(ctx, variant, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
	console.log(`profiled run: ${int(run.nodeMs)} ms (profiling slows it down)`);
	// n8n's task runner writes a profile too; the main process's is the one with the node in it.
	const profiles = fs
		.readdirSync(dir)
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
	const marker = variant.isNode ? 'n8n-nodes-iamport/' : 'nodes/HttpRequest/';
	if (KEEP) console.log(`profiles kept in ${dir}`);
	const profile = profiles.find((p) => p.nodes.some((node) => node.callFrame.url.includes(marker)));
	if (!profile) throw new Error(`no profile with ${marker} in ${dir}`);
	return summariseProfile(profile, variant, run.nodeMs);
}

/* ------------------------------------------------------------------ main */

function writeSection(file, name, lines, command) {
	const target = path.resolve(file);
	const text = fs.readFileSync(target, 'utf8');
	const open = `<!-- ${name} -->`;
	const close = `<!-- /${name} -->`;
	if (!text.includes(open) || !text.includes(close))
		throw new Error(`${file} has no ${open} … ${close} section`);
	const body = `${open}\n\n\`\`\`\n$ ${command}\n\`\`\`\n\n${lines.join('\n')}\n\n${close}`;
	fs.writeFileSync(
		target,
		text.slice(0, text.indexOf(open)) + body + text.slice(text.indexOf(close) + close.length),
	);
	console.log(`\nwritten to ${file} (${name})`);
}

let tmpDir;

async function main() {
	console.log(
		`bench:n8n: real n8n ${N8N_VERSION} on node ${process.version}, cases ${CASES.join(', ')}, N = ${ITEMS} receipts / ${REFUND_ITEMS} refunds, L = ${LATENCY_MS} ms`,
	);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const { createPortOneSimulator } = require(
		path.join(ROOT, 'test', 'portone-simulator', 'server.js'),
	);
	const simulators = { v1: createSimulator(), v2: createPortOneSimulator() };
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-iamport-bench-'));
	tmpDir = tmp;
	try {
		const ctx = await setUp(tmp, simulators);
		const shown = process.argv
			.slice(2)
			.filter((a, n, all) => a !== '--write' && all[n - 1] !== '--write' && a !== '--keep');
		const command = `npm run bench:n8n${shown.length ? ` -- ${shown.join(' ')}` : ''}`;
		if (PROFILE) {
			const lines = [];
			for (const key of PROFILE.split(',')) {
				if (lines.length) lines.push('');
				lines.push(...(await profileOnce(ctx, key)));
			}
			if (WRITE_TO) writeSection(WRITE_TO, 'bench-n8n:profile', lines, command);
		} else {
			const lines = await benchmark(ctx);
			if (WRITE_TO) writeSection(WRITE_TO, 'bench-n8n:results', lines, command);
		}
	} finally {
		for (const simulator of Object.values(simulators)) await simulator.stop().catch(() => {});
		if (KEEP) console.log(`kept: ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

if (require.main !== module) {
	module.exports = {
		summariseProfile,
		variants: (baseUrl, account) => [
			recipeWorkflow(baseUrl, account, { size: 10, intervalMs: 20 }),
			nodeWorkflow(10),
		],
	};
} else if (!reexecUnderNode24(__filename)) {
	exitOnSignals(() => {
		if (tmpDir && !KEEP) fs.rmSync(tmpDir, { recursive: true, force: true });
	});
	main().catch((error) => {
		console.error(`\nERROR ${error.message}`);
		process.exitCode = 1;
	});
}
