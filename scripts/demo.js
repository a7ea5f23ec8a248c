'use strict';
/**
 * The demo: starts the bundled i'mport simulator on 127.0.0.1, then runs a real n8n workflow
 * (Start -> I'mport "Cash Receipt: Cancel") in n8n-core's engine with a small refund sheet,
 * and prints what came out of each branch.
 */
const { createSimulator } = require('../test/simulator/server');
const { createEngine } = require('../test/helpers/engine');

const refundSheet = [
	{ order: 'A-1001', imp_uid: 'imp_100000000001' }, // receipt issued: cancelled
	{ order: 'A-1002', imp_uid: 'imp_100000000003' }, // cancelled before: already_cancelled
	{ order: 'A-1003', imp_uid: 'imp_200000000001' }, // paid, no receipt issued: not_issued
	{ order: 'A-1004', imp_uid: 'imp_500000000001' }, // the PG refuses: pg_rejected
	{ order: 'A-1005', imp_uid: 'imp_501000000001' }, // PG without cash-receipt support: pg_not_supported
	{ order: 'A-1006', imp_uid: 'imp_999999999999' }, // unknown payment: not_found
];

function printBranch(title, items) {
	console.log(`\n${title} (${items.length})`);
	for (const { json, pairedItem } of items) {
		const input = refundSheet[pairedItem.item];
		const detail = json.message ?? (json.response?.cancelled_at ? `cancelled_at ${json.response.cancelled_at}` : '');
		console.log(`  ${input.order}  ${json.imp_uid.padEnd(18)} ${json.outcome.padEnd(18)} HTTP ${json.http_status}  ${detail}`);
	}
}

async function main() {
	const simulator = createSimulator();
	const baseUrl = await simulator.start();
	const [account] = simulator.accounts;
	const engine = createEngine({ impKey: account.impKey, impSecret: account.impSecret, baseUrl });
	console.log(`i'mport simulator on ${baseUrl}; running Start -> I'mport (Cash Receipt: Cancel) on ${refundSheet.length} items`);

	const dryRun = await engine.run(refundSheet, {
		resource: 'cashReceipt',
		operation: 'cancel',
		impUid: '={{ $json.imp_uid }}',
		dryRun: true,
	});
	console.log('\n== Dry run (looks up, cancels nothing)');
	printBranch('Success', dryRun.success);
	printBranch('Failure', dryRun.failure);

	const run = await engine.run(refundSheet, { resource: 'cashReceipt', operation: 'cancel', impUid: '={{ $json.imp_uid }}' });
	console.log('\n== Cancel');
	printBranch('Success', run.success);
	printBranch('Failure', run.failure);

	const calls = simulator.log.map((e) => `${e.method} ${e.rawPath}`);
	console.log(`\nRequests made: ${calls.length} (token requests: ${simulator.tokenRequests().length}, DELETEs: ${simulator.requests('DELETE').length})`);
	await simulator.stop();
	if (run.error || run.success.length + run.failure.length !== refundSheet.length) {
		console.error('demo failed:', run.error?.message);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
