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
 *
 * This file runs the benchmark or the profile and writes; the options are in benchN8nOptions.js,
 * the workflows in benchN8nReceiptWorkflows.js and benchN8nRefundWorkflows.js (built from
 * benchN8nWorkflowParts.js), the install and imports in benchN8nSetup.js, one run in
 * benchN8nRun.js, the rounds in benchN8nRounds.js, the tables in benchN8nTables.js, the profile in
 * benchN8nProfile.js, --write in benchDocs.js.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, N8N_VERSION, reexecUnderNode24, exitOnSignals } = require('../e2e/n8n');
const {
	ITEMS,
	LATENCY_MS,
	PROFILE,
	WRITE_TO,
	KEEP,
	CASES,
	REFUND_ITEMS,
} = require('./benchN8nOptions');
const { nodeWorkflow, recipeWorkflow } = require('./benchN8nReceiptWorkflows');
const { setUp } = require('./benchN8nSetup');
const { benchmark } = require('./benchN8nRounds');
const { summariseProfile, profileOnce } = require('./benchN8nProfile');
const { shownCommand, writeSection } = require('./benchDocs');

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
		const command = shownCommand('bench:n8n', ['--keep']);
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
