'use strict';
/**
 * The refund cases' rounds in the in-process benchmark (scripts/bench.js): a warm-up run per node,
 * then interleaved rounds of scripts/benchRefund.js's runs and plain-HTTP floors, then one table.
 */
const { runRefund, runFloor, refundTable, REFUND_APIS } = require('./benchRefund');
const { startSimulator, measure } = require('./benchMeasure');
const { LATENCY_MS, REFUND_N, REFUND_C, REFUND_ROUNDS, WARM_UP_N } = require('./benchOptions');

const fixed = (value, digits) => value.toFixed(digits);

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

module.exports = { refundCases };
