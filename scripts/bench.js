'use strict';
/**
 * Benchmark (not a test): the I'mport node cancelling N receipts inside n8n-core's engine against
 * the simulator (in a child process, so this process's CPU and memory are n8n's and the node's)
 * with injected latency L, for each N and concurrency C; then the same calls as a plain
 * sequential axios loop (getToken once, then one DELETE per receipt) as the baseline.
 *
 *   npm run bench                       # L=20 ms, N=100,1000,10000, C=1,5,10,20
 *   npm run bench -- --sizes 100,1000 --concurrency 1,10 --latency 20 --write docs/benchmarks.md
 *
 * --write FILE replaces, in FILE, the section <!-- bench:results --> … <!-- /bench:results --> with
 * this run's receipt and payment cases and <!-- bench:refunds --> … <!-- /bench:refunds --> with
 * its refund cases (each only when the run had such cases), each under the run's date, machine
 * and load.
 *
 * Then Payment → Get Many for 10,000 imp_uids, which must make 100 look-up requests (100 ids each);
 * `npm run bench -- --cases payments` runs that case alone (--payment-ids N to change the count).
 * Then Payment → Cancel (refund) of 1,000 payments at concurrency 10, 2 requests per item at best
 * (a look-up and a cancel), with the I'mport node on the i'mport simulator (case `refund`) and with
 * the PortOne node on the PortOne V2 simulator (case `refundV2`), each simulator in a child process
 * of its own; the two run interleaved, round after round, and are printed in one table:
 *   npm run bench -- --cases refund,refundV2 [--refund N] [--refund-concurrency C] [--refund-rounds R]
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const axios = require('axios');
const { runRefund, runFloor, refundTable, REFUND_APIS } = require('./benchRefund');
const { createEngine } = require('../test/helpers/engine');

function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}
const LATENCY_MS = Number(arg('latency', '20'));
const SIZES = arg('sizes', '100,1000,10000').split(',').map(Number);
const CONCURRENCY = arg('concurrency', '1,5,10,20').split(',').map(Number);
const WRITE_TO = arg('write', undefined);
/**
 * Which cases to run: `--cases payments` runs only the Payment Get Many case, `--cases refund,refundV2`
 * only the refund cases (V1 and V2, a minute, not many).
 */
const CASES = arg('cases', 'receipts,payments,refund,refundV2').split(',');
const PAYMENT_IDS = Number(arg('payment-ids', '10000'));
/** The refund cases (Payment Cancel): N payments at concurrency C, R interleaved rounds. */
const REFUND_N = Number(arg('refund', '1000'));
const REFUND_C = Number(arg('refund-concurrency', '10'));
const REFUND_ROUNDS = Number(arg('refund-rounds', '3'));
const WARM_UP_N = Math.min(REFUND_N, 200);
/** case name -> the API of benchRefund.js it runs */
const REFUND_CASES = { refund: 'v1', refundV2: 'v2' };

/** A simulator (the i'mport one unless `cli` names another) in a child process, driven over IPC. */
async function startSimulator(cli = path.join(__dirname, '..', 'test', 'simulator', 'cli.js')) {
	const child = fork(cli, ['--port', '0'], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map();
	let nextId = 0;
	const ready = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.on('message', (message) => {
			if (message.ready) return resolve(message);
			pending.get(message.id)?.(message);
			pending.delete(message.id);
		});
	});
	const command = (message) =>
		new Promise((resolve) => {
			const id = nextId++;
			pending.set(id, resolve);
			child.send({ id, ...message });
		});
	return { ...ready, command, stop: () => child.disconnect() };
}

/** Peak RSS while `work` runs, sampled every 10 ms. */
async function measure(work) {
	if (global.gc) global.gc();
	const rssBefore = process.memoryUsage.rss();
	const heapBefore = process.memoryUsage().heapUsed;
	let peak = rssBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 10);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await work();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage.rss());
	// What stays allocated once garbage is collected (the outputs are still referenced by `result`).
	if (global.gc) global.gc();
	const retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
	return {
		result,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		rssGrowthMb: (peak - rssBefore) / 2 ** 20,
		retainedMb,
	};
}

async function runNode(simulator, n, concurrency) {
	const { ids } = await simulator.command({
		cmd: 'seed',
		count: n,
		prefix: `bench_n${n}_c${concurrency}_`,
	});
	await simulator.command({ cmd: 'stats' }); // reset the counters
	const engine = createEngine({
		impKey: simulator.impKey,
		impSecret: simulator.impSecret,
		baseUrl: simulator.baseUrl,
	});
	const items = ids.map((imp_uid) => ({ imp_uid }));
	const measured = await measure(() =>
		engine.run(items, {
			resource: 'cashReceipt',
			operation: 'cancel',
			impUid: '={{ $json.imp_uid }}',
			skipAlreadyCancelled: false,
			options: { concurrency },
		}),
	);
	const { success, failure, error } = measured.result;
	const cancelled = success.filter((item) => item.json.outcome === 'cancelled').length;
	if (error || cancelled !== n || failure.length !== 0) {
		throw new Error(
			`run N=${n} C=${concurrency} went wrong: ${error?.message ?? `${cancelled} cancelled, ${failure.length} failed`}`,
		);
	}
	const stats = await simulator.command({ cmd: 'stats' });
	const idealMs = LATENCY_MS * Math.ceil(n / concurrency);
	return { n, concurrency, ...measured, idealMs, ratio: measured.wallMs / idealMs, stats };
}

/**
 * The same calls without n8n: one token, then the DELETEs through plain axios, `concurrency` at a
 * time, a new connection per request as n8n's request helper makes. With concurrency 1 this is
 * what users script today (the baseline); with C it is the floor this machine allows.
 */
async function runAxiosLoop(simulator, n, concurrency) {
	const { ids } = await simulator.command({
		cmd: 'seed',
		count: n,
		prefix: `axios_n${n}_c${concurrency}_`,
	});
	await simulator.command({ cmd: 'stats' });
	const measured = await measure(async () => {
		const token = await axios.post(`${simulator.baseUrl}/users/getToken`, {
			imp_key: simulator.impKey,
			imp_secret: simulator.impSecret,
		});
		const headers = { Authorization: `Bearer ${token.data.response.access_token}` };
		let cancelled = 0;
		let next = 0;
		const worker = async () => {
			while (next < ids.length) {
				const id = ids[next++];
				const answer = await axios.delete(
					`${simulator.baseUrl}/receipts/${encodeURIComponent(id)}`,
					{ headers },
				);
				if (answer.data.code === 0) cancelled++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return cancelled;
	});
	if (measured.result !== n) throw new Error(`axios loop N=${n}: ${measured.result} cancelled`);
	const stats = await simulator.command({ cmd: 'stats' });
	return { n, concurrency, ...measured, stats };
}

/**
 * Payment → Get Many for N imp_uids (one per item): the ids go 100 per GET /payments?imp_uid[]=…,
 * so N items must make ⌈N/100⌉ look-up requests, not N.
 */
async function runPaymentGetMany(simulator, n) {
	const { ids } = await simulator.command({
		cmd: 'seedPayments',
		count: n,
		prefix: `bench_pay_n${n}_`,
	});
	await simulator.command({ cmd: 'stats' });
	const engine = createEngine({
		impKey: simulator.impKey,
		impSecret: simulator.impSecret,
		baseUrl: simulator.baseUrl,
	});
	const measured = await measure(() =>
		engine.run(
			ids.map((imp_uid) => ({ imp_uid })),
			{
				resource: 'payment',
				operation: 'getMany',
				selectBy: 'impUid',
				impUid: '={{ $json.imp_uid }}',
			},
		),
	);
	const { success, failure, error } = measured.result;
	if (
		error ||
		failure.length !== 0 ||
		success.length !== n ||
		success.some((item, i) => item.json.imp_uid !== ids[i])
	) {
		throw new Error(
			`Get Many N=${n} went wrong: ${error?.message ?? `${success.length} found, ${failure.length} failed`}`,
		);
	}
	const stats = await simulator.command({ cmd: 'stats' });
	const lookups = stats.requests - stats.tokenRequests;
	const expected = Math.ceil(n / 100);
	if (lookups !== expected)
		throw new Error(`Get Many N=${n} made ${lookups} look-up requests, expected ${expected}`);
	return { n, ...measured, lookups, stats, idealMs: LATENCY_MS * expected };
}

const fixed = (value, digits) => value.toFixed(digits);

async function main() {
	const simulator = await startSimulator();
	await simulator.command({ cmd: 'latency', fixedMs: LATENCY_MS });
	const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node.js ${process.version}`;
	const header = [];
	const sections = { 'bench:results': [], 'bench:refunds': [] };
	const printTo = (lines) => (line) => {
		console.log(line);
		lines.push(line);
	};
	const print = printTo(sections['bench:results']);
	const load = os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');
	printTo(header)(`Benchmark run ${new Date().toISOString()} on ${machine}, load average ${load}`);
	printTo(header)(`Injected latency L = ${LATENCY_MS} ms per request.`);
	if (CASES.includes('receipts'))
		print('Cancel with Skip Already Cancelled off (one DELETE per item):');
	print('');
	if (CASES.includes('receipts')) await receiptCases(simulator, print);
	if (CASES.includes('payments')) {
		const row = await runPaymentGetMany(simulator, PAYMENT_IDS);
		print('');
		print(
			`Payment → Get Many by imp_uid (one id per item, 100 ids per GET /payments?imp_uid[]=…), L = ${LATENCY_MS} ms:`,
		);
		print('');
		print(
			'| ids (items) | look-up requests | token requests | wall ms | ideal L×⌈N/100⌉ ms | CPU ms/item | peak RSS growth MB |',
		);
		print('|---:|---:|---:|---:|---:|---:|---:|');
		print(
			`| ${row.n} | ${row.lookups} | ${row.stats.tokenRequests} | ${fixed(row.wallMs, 0)} | ${row.idealMs} | ${fixed(row.cpuMs / row.n, 3)} | ${fixed(row.rssGrowthMb, 1)} |`,
		);
	}
	const refundApis = Object.entries(REFUND_CASES)
		.filter(([name]) => CASES.includes(name))
		.map(([, api]) => api);
	if (refundApis.length)
		await refundCases(simulator, refundApis, printTo(sections['bench:refunds']));
	simulator.stop();
	if (WRITE_TO) {
		const shown = process.argv
			.slice(2)
			.filter((a, n, all) => a !== '--write' && all[n - 1] !== '--write');
		const command = `npm run bench${shown.length ? ` -- ${shown.join(' ')}` : ''}`;
		for (const [name, lines] of Object.entries(sections)) {
			if (lines.some((line) => line.trim() !== ''))
				writeSection(WRITE_TO, name, [...header, ...lines], command);
		}
	}
}

/** Replaces <!-- name --> … <!-- /name --> in `file` with the command and `lines`. */
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

/**
 * The refund cases: for each round, one run per API (the order alternates between rounds), fresh
 * payments each run; then one table, so V1's and V2's ratios come from the same run of the script.
 */
async function refundCases(v1Simulator, apis, print) {
	const simulators = {};
	for (const api of apis) {
		simulators[api] =
			api === 'v1' ? v1Simulator : await startSimulator(REFUND_APIS[api].simulatorCli);
		await simulators[api].command({ cmd: 'latency', fixedMs: LATENCY_MS });
	}
	const runs = new Map(apis.map((api) => [api, []]));
	try {
		// A warm-up run per node, not counted: the first run in a process pays for loading and
		// compiling n8n's and the node's code, which no later run (and no n8n worker) pays again.
		for (const api of apis) {
			await runRefund(simulators[api], api, {
				n: WARM_UP_N,
				concurrency: REFUND_C,
				latencyMs: LATENCY_MS,
				measure,
				prefix: `bench_refund_${api}_warmup_`,
			});
		}
		for (let round = 0; round < REFUND_ROUNDS; round++) {
			const order = round % 2 === 0 ? apis : [...apis].reverse();
			for (const api of order) {
				const row = await runRefund(simulators[api], api, {
					n: REFUND_N,
					concurrency: REFUND_C,
					latencyMs: LATENCY_MS,
					measure,
					prefix: `bench_refund_${api}_r${round}_`,
				});
				const floor = await runFloor(simulators[api], api, {
					n: REFUND_N,
					concurrency: REFUND_C,
					measure,
					prefix: `bench_refund_floor_${api}_r${round}_`,
				});
				row.floorMs = floor.wallMs;
				runs.get(api).push(row);
				console.error(
					`  refund round ${round + 1}/${REFUND_ROUNDS} ${row.label}: ${fixed(row.wallMs, 0)} ms (${fixed(row.ratio, 2)} × ideal), ${row.perItem} requests per item, money moved once for ${row.money.once} of ${row.n}; plain-HTTP floor ${fixed(floor.wallMs, 0)} ms`,
				);
			}
		}
	} finally {
		for (const api of apis) if (api !== 'v1') simulators[api].stop();
	}
	print('');
	print(
		`Payment → Cancel (refund), half of the rows in full and half in part (2,500 of 10,000 won): a look-up and a cancel per payment, so 2 requests per item is the ideal; L = ${LATENCY_MS} ms, ${REFUND_ROUNDS} interleaved round${REFUND_ROUNDS === 1 ? '' : 's'} after a warm-up run of ${WARM_UP_N} payments per node (medians, min–max in brackets); each run asserts that money moved exactly once per row, by what the row asked:`,
	);
	print('');
	for (const line of refundTable(runs)) print(line);
}

/** The receipt cases: Cancel for each N and C, beside the axios floor and the sequential baseline. */
async function receiptCases(simulator, print) {
	print(
		'| N | C | wall ms | ideal L×⌈N/C⌉ ms | ratio | token requests | total requests | max in flight | peak RSS growth MB | heap retained after GC MB | CPU ms/item | axios floor ms (same C) | node / floor | speed-up vs baseline |',
	);
	print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	const baselines = [];
	for (const n of SIZES) {
		const baseline = await runAxiosLoop(simulator, n, 1);
		baselines.push(baseline);
		for (const concurrency of CONCURRENCY) {
			const row = await runNode(simulator, n, concurrency);
			const floor = concurrency === 1 ? baseline : await runAxiosLoop(simulator, n, concurrency);
			print(
				`| ${n} | ${concurrency} | ${fixed(row.wallMs, 0)} | ${row.idealMs} | ${fixed(row.ratio, 3)} | ${row.stats.tokenRequests} | ${row.stats.requests} | ${row.stats.maxInFlight} | ${fixed(row.rssGrowthMb, 1)} | ${fixed(row.retainedMb, 1)} | ${fixed(row.cpuMs / n, 3)} | ${fixed(floor.wallMs, 0)} | ${fixed(row.wallMs / floor.wallMs, 3)} | ${fixed(baseline.wallMs / row.wallMs, 2)}× |`,
			);
			if (row.stats.doubleCancels) throw new Error('a receipt was cancelled twice');
		}
	}
	print('');
	print(
		'Baseline: sequential axios loop (POST /users/getToken once, then DELETE /receipts/{id} one after another), same simulator:',
	);
	print('');
	print('| N | wall ms | total requests | CPU ms/item |');
	print('|---:|---:|---:|---:|');
	for (const baseline of baselines) {
		print(
			`| ${baseline.n} | ${fixed(baseline.wallMs, 0)} | ${baseline.stats.requests} | ${fixed(baseline.cpuMs / baseline.n, 3)} |`,
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
