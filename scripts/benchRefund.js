'use strict';
/**
 * The refund cases of the benchmark (scripts/bench.js): Payment → Cancel of N payments inside
 * n8n-core's engine, against a simulator in a child process, half of the rows in full and half in
 * part, for either API:
 *   v1  the I'mport node on the i'mport simulator (test/simulator/cli.js)
 *   v2  the PortOne node on the PortOne V2 simulator (test/portone-simulator/cli.js)
 * Each refund is a look-up and a cancel, so the ideal is 2 requests per item and
 * L × 2 × ⌈N/C⌉ ms of wall time. Every run must move money exactly once per row, by what the row
 * asked, or it throws: figures of a run that refunded twice would mean nothing.
 */
const path = require('node:path');
const { createEngine } = require('../test/helpers/engine');
const { paymentCancel, portOneRefund } = require('../test/helpers/parameters');
const { TOTAL, rowOf, checkMoneyMoved } = require('./refundRows');

const REFUND_APIS = {
	v1: {
		label: "I'mport node (V1)",
		simulatorCli: path.join(__dirname, '..', 'test', 'simulator', 'cli.js'),
		seed: (count, prefix) => ({ cmd: 'seedPayments', count, prefix, amount: TOTAL }),
		engine: (simulator) =>
			createEngine({
				impKey: simulator.impKey,
				impSecret: simulator.impSecret,
				baseUrl: simulator.baseUrl,
			}),
		item: (id) => ({ imp_uid: id }),
		parameters: (concurrency) => paymentCancel({ options: { concurrency } }),
	},
	v2: {
		label: 'PortOne node (V2)',
		simulatorCli: path.join(__dirname, '..', 'test', 'portone-simulator', 'cli.js'),
		seed: (count, prefix) => ({ cmd: 'seedPayments', count, prefix, total: TOTAL }),
		engine: (simulator) =>
			createEngine(
				{ apiSecret: simulator.apiSecret, baseUrl: simulator.baseUrl },
				{ api: 'portone' },
			),
		item: (id) => ({ paymentId: id }),
		// The test helper's quick retry wait is for fault tests; here the node's defaults apply.
		parameters: (concurrency) => portOneRefund({ options: { concurrency } }),
	},
};

/**
 * One run of `api` ('v1' | 'v2'): N fresh payments under `prefix`, the node at concurrency C.
 * `simulator` is the child process of that API (scripts/bench.js startSimulator), `measure` the
 * bench's wall / CPU / memory wrapper.
 */
async function runRefund(simulator, api, { n, concurrency, latencyMs, measure, prefix }) {
	const spec = REFUND_APIS[api];
	const { ids } = await simulator.command(spec.seed(n, prefix));
	await simulator.command({ cmd: 'stats' }); // reset the counters
	const engine = spec.engine(simulator);
	const items = ids.map((id, index) => ({ ...spec.item(id), ...rowOf(index) }));
	const measured = await measure(() => engine.run(items, spec.parameters(concurrency)));
	const { success, failure, error } = measured.result;
	const done = success.filter((item) =>
		['refunded', 'partially_refunded'].includes(item.json.outcome),
	).length;
	const stats = await simulator.command({ cmd: 'stats' });
	if (error || done !== n || failure.length !== 0) {
		throw new Error(
			`${spec.label} refund run N=${n} C=${concurrency} went wrong: ${error?.message ?? `${done} refunded, ${failure.length} failed`}`,
		);
	}
	const money = checkMoneyMoved(`${spec.label} N=${n} C=${concurrency}`, ids, stats.moneyMoved);
	const lookups = stats.byMethod.GET ?? 0;
	const cancels = (stats.byMethod.POST ?? 0) - stats.tokenRequests;
	const idealMs = latencyMs * 2 * Math.ceil(n / concurrency);
	return {
		api,
		label: spec.label,
		n,
		concurrency,
		wallMs: measured.wallMs,
		cpuMs: measured.cpuMs,
		idealMs,
		ratio: measured.wallMs / idealMs,
		tokenRequests: stats.tokenRequests,
		lookups,
		cancels,
		perItem: ((stats.requests - stats.tokenRequests) / n).toFixed(3),
		maxInFlight: stats.maxInFlight,
		money,
	};
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const int = (value) => Math.round(value).toLocaleString('en-US');

/**
 * The table of the refund cases: one line per API (medians over the rounds, min–max in brackets;
 * requests and money are the same in every round, or a run would have thrown), and, when both
 * APIs ran, V2's wall time over V1's within each round.
 */
function refundTable(runsByApi) {
	const lines = [
		'| node | N | C | wall ms | ideal L×2×⌈N/C⌉ ms | ratio to ideal | token requests | look-ups (GET) | cancels (POST) | requests per item (ideal 2) | max in flight | money moved exactly once | won moved / asked | CPU ms/item |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const runs of runsByApi.values()) {
		const wall = runs.map((r) => r.wallMs);
		const [first] = runs;
		const same = (field) =>
			runs.every((r) => r[field] === first[field])
				? String(first[field])
				: runs.map((r) => r[field]).join('/');
		lines.push(
			`| ${first.label} | ${first.n} | ${first.concurrency} | ${int(median(wall))}${runs.length > 1 ? ` (${int(Math.min(...wall))}–${int(Math.max(...wall))})` : ''} | ${int(first.idealMs)} | ${(median(wall) / first.idealMs).toFixed(2)}${runs.length > 1 ? ` (${(Math.min(...wall) / first.idealMs).toFixed(2)}–${(Math.max(...wall) / first.idealMs).toFixed(2)})` : ''} | ${same('tokenRequests')} | ${same('lookups')} | ${same('cancels')} | ${same('perItem')} | ${same('maxInFlight')} | ${first.money.once} of ${first.n} | ${int(first.money.movedWon)} / ${int(first.money.askedWon)} | ${median(runs.map((r) => r.cpuMs / r.n)).toFixed(2)} |`,
		);
	}
	const v1 = runsByApi.get('v1');
	const v2 = runsByApi.get('v2');
	if (v1 && v2) {
		const perRound = v2.map((r, round) => r.wallMs / v1[round].wallMs);
		lines.push('');
		lines.push(
			`V2 wall ÷ V1 wall, same round: ${median(perRound).toFixed(2)}× (median of ${perRound.length}: ${perRound.map((x) => x.toFixed(2)).join(', ')}).`,
		);
	}
	return lines;
}

module.exports = { REFUND_APIS, runRefund, refundTable };
