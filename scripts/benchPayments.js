'use strict';
/**
 * The payments case of the in-process benchmark (scripts/bench.js): Payment → Get Many for N
 * imp_uids inside n8n-core's engine, which must make ⌈N/100⌉ look-up requests, and its table.
 */
const { createEngine } = require('../test/helpers/engine');
const { measure } = require('./benchMeasure');
const { LATENCY_MS, PAYMENT_IDS } = require('./benchOptions');

const fixed = (value, digits) => value.toFixed(digits);

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

/** The payments case: Get Many for PAYMENT_IDS imp_uids, one row. */
async function paymentCase(simulator, print) {
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

module.exports = { paymentCase };
