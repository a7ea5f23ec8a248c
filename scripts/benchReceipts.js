'use strict';
/**
 * The receipt cases of the in-process benchmark (scripts/bench.js): Cash Receipt → Cancel of N
 * receipts inside n8n-core's engine for each N and concurrency C (Skip Already Cancelled off: one
 * DELETE per item), beside the same calls through plain axios: at C, the floor this machine
 * allows; one after another, the baseline users script today.
 */
const axios = require('axios');
const { createEngine } = require('../test/helpers/engine');
const { measure } = require('./benchMeasure');
const { LATENCY_MS, SIZES, CONCURRENCY } = require('./benchOptions');

const fixed = (value, digits) => value.toFixed(digits);

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

module.exports = { receiptCases };
