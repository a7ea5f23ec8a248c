'use strict';
/**
 * The rounds of the benchmark in real n8n (scripts/bench-n8n.js): the token-renewal check first,
 * then every workflow once per round, interleaved (round r starts at workflow r), then the tables.
 */
const { N8N_VERSION } = require('../e2e/n8n');
const { LATENCY_MS, JITTER_MS, ROUNDS, EXPRESSION_ENGINE } = require('./benchN8nOptions');
const { runOnce } = require('./benchN8nRun');
const { int, machine, receiptTable, refundTable } = require('./benchN8nTables');

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

module.exports = { benchmark };
