'use strict';
/**
 * A crash in the middle of a refund sheet, in a real n8n: Manual Trigger -> Code (a sheet of 300
 * rows, Full and Partial mixed, one per payment) -> I'mport Payment Cancel (Refund Mode and Amount
 * from the row, default options), run with `n8n execute` against the simulator on 127.0.0.1.
 * The n8n process group is SIGKILLed once ~100 refunds were applied, then the same workflow runs
 * again on the same simulator to the end, as an operator would re-run it. Two scenarios:
 *   kill   SIGKILL as the next request arrives once 100 refunds were applied
 *   hold   refund ~100 is applied but its answer is never sent; SIGKILL while n8n waits for it
 * each with the Refund Reference empty (the default) and set to the row's id. Checks that every
 * payment ends with exactly what its row asked, and prints the figures.
 *
 *   npm run build && node e2e/crash.js       (re-runs itself under node 24)
 *
 * Options: --keep (keep the temporary n8n user folder), --rows N (default 300), --kill-at N
 * (default 100).
 */
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	timings,
	killGroup,
	describeFailure,
	seconds,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	leakedSecrets,
	importWorkflows,
	parseExecution,
} = require('./n8n');
const { check, numberOption, printTable, workFolder, runScript } = require('./script');

const ROWS = numberOption('--rows', 300);
const KILL_AT = numberOption('--kill-at', 100);
/** Simulator latency per request: 20 ms + up to 20 ms (seeded), so a run lasts long enough to kill. */
const LATENCY = { fixedMs: 20, jitterMs: 20 };
/** How long n8n waits for the held answer before it is killed (its Timeout is 30 s). */
const HOLD_MS = 250;
/** After the kill: requests that reached the simulator are still answered (to nobody) within this. */
const SETTLE_MS = 500;
const PREFIX = 'imp_crash_';
const CREDENTIAL = { id: 'iamportCrashSim', name: "I'mport API (simulator, crash)" };
const CANCEL = 'Refund';
const VARIANTS = [
	{ name: 'without references', id: 'iamportCrashNoRef', reference: undefined },
	{ name: 'with references', id: 'iamportCrashRef', reference: '={{ $json.row_id }}' },
];
const SCENARIOS = [{ name: 'kill' }, { name: 'hold', hold: true }];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isRefund = (e) => e.method === 'POST' && e.rawPath === '/payments/cancel';

/** ROWS payments of 10,000-60,000 won (a quarter partly refunded before), one row each. */
function sheet(seededRandom) {
	const random = seededRandom(7);
	const rows = [];
	for (let n = 0; n < ROWS; n++) {
		const amount = 10_000 + 1_000 * Math.floor(random() * 51);
		const earlier = n % 4 === 1 ? 1_000 * (1 + Math.floor(random() * 5)) : 0;
		const left = amount - earlier;
		const mode = random() < 0.5 ? 'full' : 'partial';
		// At most 40% of what is left: a second refund of the same amount would go through.
		const part = 100 * Math.floor((left * (0.1 + 0.3 * random())) / 100);
		rows.push({
			row_id: `R-${String(n + 1).padStart(4, '0')}`,
			imp_uid: `${PREFIX}${String(n).padStart(6, '0')}`,
			mode,
			amount: mode === 'partial' ? part : null,
			payment: { amount, cancel_amount: earlier },
			asked: mode === 'partial' ? part : left,
		});
	}
	return rows;
}

function workflow(variant, rows) {
	const items = rows.map(({ row_id, imp_uid, mode, amount }) => ({
		json: { row_id, imp_uid, mode, amount },
	}));
	const parameters = {
		resource: 'payment',
		operation: 'cancel',
		refundBy: 'impUid',
		impUid: '={{ $json.imp_uid }}',
		refundMode: '={{ $json.mode }}',
		amount: '={{ $json.amount }}',
		...(variant.reference ? { refundReference: variant.reference } : {}),
		options: {},
	};
	const node = (n, name, type, extra) => ({
		id: `c0c0c0c0-0000-4000-8000-00000000000${n}`,
		name,
		type,
		typeVersion: 1,
		position: [220 * (n - 1), 0],
		parameters: {},
		...extra,
	});
	return {
		id: variant.id,
		name: `Refund sheet, killed mid-run (${variant.name})`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			'Manual Trigger': { main: [[{ node: 'Sheet', type: 'main', index: 0 }]] },
			Sheet: { main: [[{ node: CANCEL, type: 'main', index: 0 }]] },
		},
		nodes: [
			node(1, 'Manual Trigger', 'n8n-nodes-base.manualTrigger'),
			node(2, 'Sheet', 'n8n-nodes-base.code', {
				typeVersion: 2,
				parameters: { jsCode: `return ${JSON.stringify(items)};` },
			}),
			node(3, CANCEL, NODE_TYPE, { credentials: { [CREDENTIAL_TYPE]: CREDENTIAL }, parameters }),
		],
	};
}

const execute = (bin, env, variant, onSpawn) =>
	n8n(bin, ['execute', `--id=${variant.id}`, '--rawOutput'], env, { onSpawn });

/**
 * The run that is killed: its process group gets SIGKILL from the simulator's side, `kill` as
 * any request arrives once KILL_AT refunds were applied, `hold` HOLD_MS after the refund that
 * makes ~KILL_AT was applied with its answer held back. Returns the run, the refunds applied at
 * the kill and, SETTLE_MS later, by the run in all (requests in flight at the kill included).
 */
async function killedRun(bin, env, simulator, variant, scenario) {
	const { refunds } = simulator.payments;
	let child;
	let killed;
	let held;
	let poll;
	const kill = () => {
		if (killed || !child) return;
		killed = { applied: refunds.length, seq: simulator.log.length, heldStatus: held?.status };
		killGroup(child);
	};
	if (scenario.hold) {
		simulator.faults.add({
			action: 'applyThenHang',
			when: (e) => {
				if (!isRefund(e) || refunds.length < KILL_AT - 1) return false;
				held = e;
				return true;
			},
		});
		poll = setInterval(() => {
			if (held?.appliedStatus === undefined) return;
			held.appliedAt ??= Date.now();
			if (Date.now() - held.appliedAt >= HOLD_MS) kill();
		}, 5);
	} else {
		simulator.hooks.onRequest = () => {
			if (refunds.length >= KILL_AT) kill();
		};
	}
	const r = await execute(bin, env, variant, (c) => (child = c));
	clearInterval(poll);
	simulator.hooks.onRequest = undefined;
	await sleep(SETTLE_MS);
	return { r, killed, held, appliedByRun: refunds.length };
}

/** Per row: the won refunded by all executions and how many refunds; the rows over and short. */
function tally(rows, refunds) {
	const all = rows.map((row) => {
		const mine = refunds.filter((refund) => refund.imp_uid === row.imp_uid);
		return { row, won: mine.reduce((won, refund) => won + refund.amount, 0), count: mine.length };
	});
	const sum = (list, f) => list.reduce((total, x) => total + f(x), 0);
	const over = all.filter((p) => p.won > p.row.asked);
	return {
		over,
		short: all.filter((p) => p.won < p.row.asked),
		twice: all.filter((p) => p.count > 1),
		refunds: refunds.length,
		asked: sum(rows, (row) => row.asked),
		won: sum(all, (p) => p.won),
		excess: sum(over, (p) => p.won - p.row.asked),
	};
}

const won = (n) => n.toLocaleString('en-US');
/** The figures table: a column's name and its value from one run's figures. */
const COLUMNS = [
	['run', (f) => f.label],
	['applied at the kill', (f) => f.atKill],
	['applied by the killed run', (f) => f.byRun],
	['re-run already_refunded', (f) => f.already],
	['refunds in all', (f) => f.refunds],
	['won asked', (f) => won(f.asked)],
	['won refunded', (f) => won(f.won)],
	['excess won', (f) => won(f.excess)],
	['rows refunded twice', (f) => f.twice.length],
	['rows short', (f) => f.short.length],
	['wall time (killed + re-run)', (f) => `${seconds(f.ms[0])} + ${seconds(f.ms[1])}`],
];
const examples = (list, f) => JSON.stringify(list.slice(0, 3).map(f));

/** The checks of one variant and scenario; returns its figures. */
function verify(step, { rows, scenario, simulator, first, second, userFolder }) {
	const { refunds } = simulator.payments;
	step(`the first run was SIGKILLed after ~${KILL_AT} of ${ROWS} refunds were applied`, () =>
		first.r.signal === 'SIGKILL' && first.killed?.applied >= KILL_AT && first.appliedByRun < ROWS
			? true
			: `applied at the kill ${first.killed?.applied}, by the run ${first.appliedByRun}; ${describeFailure('n8n execute', first.r)}`,
	);
	if (scenario.hold) {
		step('the held refund was applied; n8n was still waiting for its answer when killed', () => {
			const { held, killed } = first;
			if (held?.appliedAnswer?.code !== 0) return `held: ${JSON.stringify(held?.appliedAnswer)}`;
			// Between the held refund and the kill nothing more was sent for that payment.
			const impUid = held.body.imp_uid;
			const again = simulator.log
				.slice(held.seq + 1, killed?.seq)
				.some((e) => e.rawPath === `/payments/${impUid}` || e.body?.imp_uid === impUid);
			return killed?.heldStatus === 'hang' && !again
				? true
				: `at the kill: ${killed?.heldStatus}, sent again ${again}`;
		});
	}
	const t = tally(rows, refunds);
	step(
		'every payment refunded exactly what its row asked (Full: all left; Partial: its amount)',
		() =>
			t.over.length + t.short.length === 0
				? true
				: `${t.over.length} rows over (${t.excess} won too much), ${t.short.length} short, e.g. ${examples(
						[...t.over, ...t.short],
						(p) => `${p.row.row_id} ${p.row.mode}: asked ${p.row.asked}, refunded ${p.won}`,
					)}`,
	);
	step('no payment refunded beyond its row, none refunded twice', () =>
		t.excess === 0 && t.twice.length === 0
			? true
			: `${t.twice.length} rows refunded twice, ${t.excess} won beyond the rows`,
	);
	let success = [];
	let failure = [];
	step('the re-run exited 0 and its execution succeeded', () => {
		if (second.code !== 0) return describeFailure('n8n execute (re-run)', second);
		const execution = parseExecution(second.stdout);
		[success = [], failure = []] = execution.data.resultData.runData[CANCEL]?.[0]?.data?.main ?? [];
		return execution.status === 'success' ? true : `status ${execution.status}`;
	});
	const outcomes = Object.fromEntries(
		success.map((item) => [item.json.imp_uid, item.json.outcome]),
	);
	const done = new Set(refunds.slice(0, first.appliedByRun).map((refund) => refund.imp_uid));
	step(
		`the re-run says already_refunded for the ${done.size} rows refunded before, refunded for the rest`,
		() => {
			const want = (row) =>
				done.has(row.imp_uid)
					? 'already_refunded'
					: `${row.mode === 'full' ? '' : 'partially_'}refunded`;
			const wrong = rows.filter((row) => outcomes[row.imp_uid] !== want(row));
			return failure.length === 0 && wrong.length === 0
				? true
				: `${failure.length} items in Failure, ${wrong.length} rows not as expected, e.g. ${examples(
						wrong,
						(row) => `${row.row_id} ${row.mode}: ${outcomes[row.imp_uid]}, expected ${want(row)}`,
					)}`;
		},
	);
	step('no secret (API secret, access tokens) in any output, n8n log or stored execution', () => {
		const secrets = [simulator.accounts[0].impSecret, ...simulator.issuedTokens];
		const texts = [first.r.stdout, first.r.stderr, second.stdout, second.stderr];
		const leaks = leakedSecrets(secrets, texts, userFolder);
		return leaks.length === 0 ? true : `${leaks.length} of ${secrets.length} secrets found`;
	});
	const already = success.filter((item) => item.json.outcome === 'already_refunded').length;
	return { atKill: first.killed?.applied, byRun: first.appliedByRun, already, ...t };
}

async function main() {
	console.log(
		`n8n-nodes-iamport e2e (crash mid-run): real n8n ${N8N_VERSION} on node ${process.version}, ${ROWS} rows, SIGKILL at ~${KILL_AT} refunds`,
	);
	if (!(KILL_AT >= 1 && KILL_AT < ROWS)) throw new Error('--kill-at must be from 1 to --rows - 1');
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const { seededRandom } = require(path.join(ROOT, 'test', 'simulator', 'faults.js'));
	const rows = sheet(seededRandom);
	const partial = rows.filter((row) => row.mode === 'partial').length;
	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-crash-');
	const simPort = await freePort();
	const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
	const [{ impKey, impSecret }] = createSimulator().accounts;
	await installPackage(userFolder, tmp);
	await importWorkflows(bin, env, tmp, {
		credential: CREDENTIAL,
		data: { impKey, impSecret, tierCode: '', baseUrl: `http://127.0.0.1:${simPort}` },
		workflows: VARIANTS.map((variant) => workflow(variant, rows)),
	});

	const figures = [];
	for (const variant of VARIANTS) {
		for (const scenario of SCENARIOS) {
			const label = `${variant.name}, ${scenario.name}`;
			console.log(`\n${label}`);
			const simulator = createSimulator();
			const paid_at = simulator.clock.now() - 86_400;
			const each = (n) => rows[n].payment;
			simulator.payments.addMany(ROWS, {
				prefix: PREFIX,
				each,
				paid_at,
				cancel_reason: '고객 요청',
			});
			simulator.faults.setLatency(LATENCY.fixedMs, LATENCY.jitterMs);
			await simulator.start(simPort);
			let first;
			let second;
			try {
				first = await killedRun(bin, env, simulator, variant, scenario);
				second = await execute(bin, env, variant);
			} finally {
				await simulator.stop();
			}
			timings.push({ step: 'execute', detail: `${label}: killed run`, ms: first.r.ms });
			timings.push({ step: 'execute', detail: `${label}: re-run`, ms: second.ms });
			const step = (name, fn) => check(`${label}: ${name}`, fn);
			const context = { rows, scenario, simulator, first, second, userFolder };
			figures.push({ label, ...verify(step, context), ms: [first.r.ms, second.ms] });
		}
	}
	console.log(`\n${ROWS} rows (${ROWS - partial} Full, ${partial} Partial), one payment each`);
	printTable(
		COLUMNS.map(([name]) => name),
		figures.map((f) => COLUMNS.map(([, value]) => value(f))),
	);
}

runScript(__filename, main);
