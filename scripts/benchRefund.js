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
 *
 * Beside each node, the plain-HTTP floor: the same calls (look-up, then the cancel with what the
 * node sends) through plain axios at the same concurrency, a new connection per request as n8n's
 * request helper makes, against the same simulator: what this machine allows without n8n.
 */
const http = require('node:http');
const path = require('node:path');
const axios = require('axios');
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
		/** the floor's calls: a token once, then GET /payments/{imp_uid} and POST /payments/cancel */
		async floor(simulator, call) {
			const token = await call(
				'POST',
				'/users/getToken',
				{},
				{
					imp_key: simulator.impKey,
					imp_secret: simulator.impSecret,
				},
			);
			const headers = { Authorization: `Bearer ${token.response.access_token}` };
			return async (id, row) => {
				const { response: p } = await call('GET', `/payments/${encodeURIComponent(id)}`, headers);
				const body = { imp_uid: id, checksum: p.amount - p.cancel_amount, reason: 'bench refund' };
				if (row.mode === 'partial') body.amount = row.amount;
				return (await call('POST', '/payments/cancel', headers, body)).code === 0;
			};
		},
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
		/** the floor's calls: GET /payments/{id}, then POST /payments/{id}/cancel with a key per row */
		async floor(simulator, call) {
			const auth = { Authorization: `PortOne ${simulator.apiSecret}` };
			return async (id, row) => {
				const path = `/payments/${encodeURIComponent(id)}`;
				const p = await call('GET', path, auth);
				const body = {
					reason: 'bench refund',
					currentCancellableAmount: p.amount.total - p.amount.cancelled,
				};
				if (row.mode === 'partial') body.amount = row.amount;
				const headers = { ...auth, 'Idempotency-Key': `"bench-floor-${id}"` };
				return (
					(await call('POST', `${path}/cancel`, headers, body)).cancellation?.status === 'SUCCEEDED'
				);
			};
		},
	},
};

/**
 * One run of `api` ('v1' | 'v2'): N fresh payments under `prefix`, the node at concurrency C.
 * `simulator` is the child process of that API (startSimulator of scripts/benchMeasure.js),
 * `measure` the bench's wall / CPU / memory wrapper (its measure).
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

/** No keep-alive: a new connection per request, as n8n's request helper makes. */
const noKeepAlive = new http.Agent({ keepAlive: false });

/**
 * The plain-HTTP floor of `api`: the same look-ups and cancels through axios, `concurrency` rows
 * at a time, on N fresh payments under `prefix`; checked like the node's run.
 */
async function runFloor(simulator, api, { n, concurrency, measure, prefix }) {
	const spec = REFUND_APIS[api];
	const { ids } = await simulator.command(spec.seed(n, prefix));
	await simulator.command({ cmd: 'stats' });
	const call = async (method, path, headers, data) =>
		(
			await axios({
				method,
				url: `${simulator.baseUrl}${path}`,
				headers,
				data,
				httpAgent: noKeepAlive,
			})
		).data;
	const measured = await measure(async () => {
		const refundRow = await spec.floor(simulator, call);
		let done = 0;
		let next = 0;
		const worker = async () => {
			while (next < ids.length) {
				const index = next++;
				if (await refundRow(ids[index], rowOf(index))) done++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return done;
	});
	const stats = await simulator.command({ cmd: 'stats' });
	if (measured.result !== n)
		throw new Error(`${spec.label} floor: ${measured.result} of ${n} refunded`);
	checkMoneyMoved(`${spec.label} floor`, ids, stats.moneyMoved);
	return { wallMs: measured.wallMs, cpuMs: measured.cpuMs };
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
/** The floor's median wall time and ratio to the ideal, and node ÷ floor within each round. */
function floorCells(runs) {
	if (runs.some((r) => r.floorMs === undefined)) return '– | –';
	const floor = median(runs.map((r) => r.floorMs));
	const ratio = median(runs.map((r) => r.wallMs / r.floorMs));
	return `${int(floor)} (${(floor / runs[0].idealMs).toFixed(2)}) | ${ratio.toFixed(2)}`;
}

function refundTable(runsByApi) {
	const lines = [
		'| node | N | C | wall ms | ideal L×2×⌈N/C⌉ ms | ratio to ideal | token requests | look-ups (GET) | cancels (POST) | requests per item (ideal 2) | max in flight | money moved exactly once | won moved / asked | CPU ms/item | plain-HTTP floor ms (ratio to ideal) | node ÷ floor (same round) |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const runs of runsByApi.values()) {
		const wall = runs.map((r) => r.wallMs);
		const [first] = runs;
		const same = (field) =>
			runs.every((r) => r[field] === first[field])
				? String(first[field])
				: runs.map((r) => r[field]).join('/');
		lines.push(
			`| ${first.label} | ${first.n} | ${first.concurrency} | ${int(median(wall))}${runs.length > 1 ? ` (${int(Math.min(...wall))}–${int(Math.max(...wall))})` : ''} | ${int(first.idealMs)} | ${(median(wall) / first.idealMs).toFixed(2)}${runs.length > 1 ? ` (${(Math.min(...wall) / first.idealMs).toFixed(2)}–${(Math.max(...wall) / first.idealMs).toFixed(2)})` : ''} | ${same('tokenRequests')} | ${same('lookups')} | ${same('cancels')} | ${same('perItem')} | ${same('maxInFlight')} | ${first.money.once} of ${first.n} | ${int(first.money.movedWon)} / ${int(first.money.askedWon)} | ${median(runs.map((r) => r.cpuMs / r.n)).toFixed(2)} | ${floorCells(runs)} |`,
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

module.exports = { REFUND_APIS, runRefund, runFloor, refundTable };
