'use strict';
/**
 * The refund case of the benchmark: Payment Cancel of N payments inside n8n-core's engine against
 * the simulator (the child process of scripts/bench.js), half of them in full and half in part.
 * Each refund is a look-up and a cancel, so the ideal is 2 requests per item and
 * L × 2 × ⌈N/C⌉ ms of wall time.
 */
const { createEngine } = require('../test/helpers/engine');
const { paymentCancel } = require('../test/helpers/parameters');

async function benchRefund(simulator, { n, concurrency, latencyMs, measure }) {
	const { ids } = await simulator.command({
		cmd: 'seedPayments',
		count: n,
		prefix: `bench_refund_n${n}_c${concurrency}_`,
		amount: 10000,
	});
	await simulator.command({ cmd: 'stats' }); // reset the counters
	const engine = createEngine({
		impKey: simulator.impKey,
		impSecret: simulator.impSecret,
		baseUrl: simulator.baseUrl,
	});
	const items = ids.map((imp_uid, index) =>
		index % 2 === 0 ? { imp_uid, mode: 'full' } : { imp_uid, mode: 'partial', amount: 2500 },
	);
	const measured = await measure(() =>
		engine.run(items, paymentCancel({ options: { concurrency } })),
	);
	const { success, failure, error } = measured.result;
	const done = success.filter((item) =>
		['refunded', 'partially_refunded'].includes(item.json.outcome),
	).length;
	const stats = await simulator.command({ cmd: 'stats' });
	if (error || done !== n || failure.length !== 0 || stats.refundsApplied !== n) {
		throw new Error(
			`refund run N=${n} C=${concurrency} went wrong: ${error?.message ?? `${done} refunded, ${failure.length} failed, ${stats.refundsApplied} applied`}`,
		);
	}
	const perItem = (stats.requests - stats.tokenRequests) / n;
	const idealMs = latencyMs * 2 * Math.ceil(n / concurrency);
	return {
		header: [
			'| N | C | wall ms | ideal L×2×⌈N/C⌉ ms | ratio | token requests | look-ups (GET) | cancels (POST) | requests per item | ideal per item | ratio to ideal | refunds applied | CPU ms/item |',
			'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		],
		line: `| ${n} | ${concurrency} | ${measured.wallMs.toFixed(0)} | ${idealMs} | ${(measured.wallMs / idealMs).toFixed(3)} | ${stats.tokenRequests} | ${stats.byMethod.GET ?? 0} | ${stats.byMethod.POST - stats.tokenRequests} | ${perItem.toFixed(3)} | 2 | ${(perItem / 2).toFixed(3)} | ${stats.refundsApplied} | ${(measured.cpuMs / n).toFixed(3)} |`,
	};
}

module.exports = { benchRefund };
